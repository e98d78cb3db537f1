"""Charts on the event report, the street report, the district dashboard and their PDF: the numbers a
street office reads on the bars are the report's own, in Chinese on a Chinese page, and cost the same
number of queries whatever the number of events."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from community_events.models import PledgedItem, Registration
from tests.accounts.factories import UserFactory, sign_in
from tests.community_events.factories import make_event
from tests.community_events.pdf_text import read_pdf
from tests.listings.factories import category

pytestmark = pytest.mark.django_db
R = Registration.Status
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def held_event(*, street_code="120104007", title="向阳路换物市集", days_ago=3):
    """A published event that took place: 3 people registered (one group of 2 came), 2 left waiting,
    and 2 phones, 1 book and 1 baby item changed hands (3 coats went to recycling)."""
    event = make_event(street_code=street_code, title=title, days_ahead=-days_ago, visitors=3)
    came, single, *waiting = UserFactory.create_batch(4)
    Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                user=came,
                kind="visitor",
                party_size=2,
                status=R.CONFIRMED,
                checked_in_at=event.starts_at,
            ),
            Registration(event=event, user=single, kind="visitor", party_size=1, status=R.CONFIRMED),
            Registration(event=event, user=waiting[0], kind="visitor", party_size=2, status=R.WAITLISTED),
            Registration(event=event, user=came, kind="stall", party_size=1, status=R.CANCELLED),
        ]
    )
    PledgedItem.objects.bulk_create(
        [
            PledgedItem(
                event=event,
                owner=came,
                title="手机",
                category=category("phones"),
                quantity=2,
                outcome="swapped",
            ),
            PledgedItem(
                event=event, owner=came, title="小说", category=category("books"), quantity=1, outcome="given"
            ),
            PledgedItem(
                event=event,
                owner=single,
                title="玩具",
                category=category("baby"),
                quantity=1,
                outcome="given",
            ),
            PledgedItem(
                event=event,
                owner=single,
                title="旧衣",
                category=category("clothing"),
                quantity=3,
                outcome="recycled",
            ),
        ]
    )
    return event


def street_report(code: str) -> str:
    start = timezone.localdate() - dt.timedelta(days=60)
    return reverse("community_events:street_report", args=[code]) + f"?start={start.isoformat()}"


def charts(page: str) -> dict[str, str]:
    """Each chart's title → its svg markup."""
    found = {}
    for svg in re.findall(r"<svg [^>]*role=\"img\".*?</svg>", page, re.S):
        found[re.search(r"<title id=\"[^\"]+\">(.*?)</title>", svg).group(1)] = svg
    return found


def bars(svg: str) -> dict[str, str]:
    """Each bar's label → the number printed beside it (the rect's own tooltip says the same)."""
    return dict(re.findall(r"<rect [^>]*><title>(.*?): (.*?)</title></rect>", svg))


def test_the_event_report_charts_people_items_weight_and_emissions_in_chinese(client, street_staff):
    event = held_event()
    client.force_login(street_staff)
    page = client.get(reverse("community_events:event_report", args=[event.pk]), **ZH).content.decode()
    found = charts(page)
    assert bars(found["参与人数（人）"]) == {"已报名": "3", "已签到": "2", "候补中": "2"}
    # Category names, not codes; only what changed hands (the recycled coats are not there).
    assert bars(found["各类别流转物品（件）"]) == {"母婴童用品": "1", "图书": "1", "手机数码": "2"}
    assert bars(found["各类别减少废弃（千克）"]) == {"图书": "0.50", "手机数码": "0.40"}
    co2e = bars(found["各类别减少碳排放（千克二氧化碳当量，含高低区间）"])
    # 2 phones × 55 kg × 0.57 (0.25–0.75); 1 book × 1.9 kg × 0.08 (0.05–0.25).
    assert co2e == {"图书": "0.15 (0.10–0.48)", "手机数码": "62.70 (27.50–82.50)"}
    for svg in found.values():
        assert re.search(r'aria-labelledby="(\S+)-title \1-desc"', svg) and "<desc id=" in svg
    text = re.sub(r"<[^>]+>", " ", page.split("<main", 1)[1])
    assert "electronics" not in page and "Version" not in text and "v1:" not in text
    assert "第 1 版：中国循环经济协会" in text


def test_labels_follow_the_page_language(client, street_staff):
    event = held_event()
    client.force_login(street_staff)
    page = client.get(reverse("community_events:event_report", args=[event.pk]), **EN).content.decode()
    found = charts(page)
    assert bars(found["Participants (people)"]) == {
        "Registered": "3",
        "Checked in": "2",
        "On the waiting list": "2",
    }
    assert set(bars(found["Items exchanged by category"])) == {
        "Baby and children",
        "Books",
        "Phones and electronics",
    }


def test_a_category_name_typed_as_markup_is_drawn_as_text(client, street_staff):
    from listings.models import Category

    hostile = Category.objects.create(slug="hostile", name='<script>alert("x")</script>', name_en="x")
    event = held_event(title='<script>alert("event")</script>')
    PledgedItem.objects.create(event=event, owner=UserFactory(), title="?", category=hostile, outcome="given")
    client.force_login(street_staff)
    page = client.get(reverse("community_events:event_report", args=[event.pk]), **ZH).content.decode()
    assert "<script>alert" not in page
    items = charts(page)["各类别流转物品（件）"]
    assert bars(items)["&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"] == "1"


def test_the_street_report_adds_up_its_events(client, street_staff):
    held_event(days_ago=3)
    held_event(days_ago=10, title="第二场")
    held_event(street_code="120104002", title="鼓楼换物")  # another street: not in this report
    client.force_login(street_staff)
    page = client.get(street_report("120104007"), **ZH).content.decode()
    found = charts(page)
    assert bars(found["参与人数（人）"]) == {"已报名": "6", "已签到": "4", "候补中": "4"}
    assert bars(found["各类别流转物品（件）"])["手机数码"] == "4"
    assert (
        bars(found["各类别减少碳排放（千克二氧化碳当量，含高低区间）"])["手机数码"] == "125.40 (55.00–165.00)"
    )


def test_the_district_dashboard_charts_each_street_and_the_whole_district(client, regulator):
    held_event()
    held_event(street_code="120104002", title="鼓楼换物")
    sign_in(client, regulator)
    page = client.get(reverse("community_events:dashboard"), **ZH).content.decode()
    found = charts(page)
    streets = bars(found["各街道减少碳排放（千克二氧化碳当量，含高低区间）"])
    assert streets == {"鼓楼街道": "62.85 (27.60–82.98)", "向阳路街道": "62.85 (27.60–82.98)"}
    assert bars(found["各街道签到人数"]) == {"鼓楼街道": "2", "向阳路街道": "2"}
    assert bars(found["参与人数（人）"]) == {"已报名": "6", "已签到": "4", "候补中": "4"}
    assert bars(found["各类别流转物品（件）"])["手机数码"] == "4"


def test_the_pdf_prints_the_charts_in_the_cjk_font(client, street_staff):
    event = held_event()
    client.force_login(street_staff)
    response = client.get(reverse("community_events:event_report", args=[event.pk]), {"format": "pdf"}, **ZH)
    pdf = read_pdf(response.content)
    # The chart draws each glyph on its own; joined they read as the bars' labels and numbers.
    drawn = pdf.text.replace("\n", "").replace(" ", "")
    assert "已报名3已签到2候补中2" in drawn
    assert "手机数码62.70(27.50–82.50)" in drawn
    assert "0.043137 0.431373 0.309804 rg" in pdf.drawing  # the bars, in the site's green
    # Every glyph, the charts' included, comes from the CJK font the PDF sets its text in.
    assert pdf.fonts and all(name.startswith("Noto-Sans-CJK-SC") for name in pdf.fonts)
    assert "\ufffd" not in pdf.text
    assert "社区换物活动减碳报告" in pdf.text and "Version" not in pdf.text and "electronics" not in pdf.text


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, **ZH).status_code == 200
    return len(captured.captured_queries)


def test_reports_and_dashboard_cost_the_same_queries_for_one_event_or_ten(client, platform_admin):
    held_event(days_ago=2)
    sign_in(client, platform_admin)
    urls = [reverse("community_events:dashboard"), street_report("120104007")]
    one = [queries(client, url) for url in urls]
    codes = ["120104001", "120104002", "120104003", "120104007"]
    for n in range(9):
        held_event(street_code=codes[n % len(codes)], title=f"换物市集 {n}", days_ago=4 + n)
    ten = [queries(client, url) for url in urls]
    assert ten == one


def test_a_future_or_draft_event_stays_out_of_the_charts(client, street_staff):
    held_event()
    held_event(title="下个月的换物", days_ago=-21)
    held_event(title="草稿", days_ago=5).unpublish()
    client.force_login(street_staff)
    page = client.get(street_report("120104007"), **ZH).content.decode()
    assert bars(charts(page)["参与人数（人）"]) == {"已报名": "3", "已签到": "2", "候补中": "2"}
