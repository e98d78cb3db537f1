import datetime as dt
import json
from decimal import Decimal as D

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from community_events import carbon, services
from community_events.errors import EventError
from community_events.models import PledgedItem, Registration
from tests.accounts.factories import UserFactory, sign_in
from tests.community_events.factories import make_event
from tests.listings.factories import category

pytestmark = pytest.mark.django_db
R = Registration.Status


def test_staff_of_one_street_cannot_edit_another_streets_event(client, street_staff):
    own = make_event(street_code="120104007")
    other = make_event(street_code="120104002", title="鼓楼换物")
    assert own.permissions_for_user(street_staff).can_edit()
    assert not other.permissions_for_user(street_staff).can_edit()
    assert not other.permissions_for_user(street_staff).can_publish()
    client.force_login(street_staff)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
    response = client.get(reverse("wagtailadmin_pages:edit", args=[other.pk]))
    assert response.status_code in (302, 403)
    assert client.get(reverse("community_events:desk", args=[other.pk])).status_code == 403
    assert client.get(reverse("community_events:check_in", args=[other.pk])).status_code == 403


def test_street_staff_cannot_create_an_event_for_another_street(street_staff):
    from community_events.models import SwapEventPage
    from marketplace.geography.models import Street

    form_class = SwapEventPage.get_edit_handler().get_form_class()
    starts = timezone.now() + dt.timedelta(days=3)
    data = {
        "title": "越界活动",
        "slug": "x",
        "street": Street.objects.get(code="120104002").pk,
        "venue": "某处",
        "starts_at": starts.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (starts + dt.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
        "stall_capacity": 10,
        "visitor_capacity": 50,
    }
    form = form_class(data, instance=SwapEventPage(), parent_page=None, for_user=street_staff)
    assert not form.is_valid()
    assert "street" in form.errors


def test_full_events_put_people_on_the_waiting_list_and_promote_them(resident, buyer, outsider):
    event = make_event(visitors=3)
    family = services.register(event, user=resident, kind="visitor", party_size=3)
    assert family.status == R.CONFIRMED
    waiting = services.register(event, user=buyer, kind="visitor", party_size=2)
    later = services.register(event, user=outsider, kind="visitor", party_size=1)
    assert waiting.status == R.WAITLISTED and later.status == R.WAITLISTED
    mail.outbox.clear()
    services.cancel(family, actor=resident)
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert waiting.status == R.OFFERED and later.status == R.OFFERED  # 2 + 1 fit in the 3 freed places
    assert len(mail.outbox) == 2
    assert services.accept_offer(waiting, actor=buyer).status == R.CONFIRMED


def test_offers_not_accepted_in_time_expire_and_move_on(resident, buyer, outsider, settings):
    event = make_event(stalls=1)
    first = services.register(event, user=resident, kind="stall")
    second = services.register(event, user=buyer, kind="stall")
    third = services.register(event, user=outsider, kind="stall")
    services.cancel(first, actor=resident)
    second.refresh_from_db()
    assert second.status == R.OFFERED
    assert services.expire_offers() == 0
    later = timezone.now() + dt.timedelta(hours=settings.WAITLIST_ACCEPT_HOURS + 1)
    assert services.expire_offers(now=later) == 1
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == R.EXPIRED and third.status == R.OFFERED
    with pytest.raises(EventError) as caught:
        services.accept_offer(second, actor=buyer)
    assert caught.value.code == "expired"


def test_one_active_registration_per_person_and_kind(resident):
    event = make_event()
    services.register(event, user=resident, kind="visitor")
    with pytest.raises(EventError) as caught:
        services.register(event, user=resident, kind="visitor")
    assert caught.value.code == "duplicate"


def test_a_ticket_checked_in_at_two_doors_counts_once(client, street_staff, resident):
    event = make_event(starts_in=dt.timedelta(hours=1))  # the door and the desk are open
    registration = services.register(event, user=resident, kind="visitor", party_size=2)
    client.force_login(street_staff)
    url = reverse("community_events:check_in_sync", args=[event.pk])
    first = client.post(
        url,
        json.dumps({"device": "north-door", "checkins": [{"code": registration.ticket_code}]}),
        content_type="application/json",
    ).json()
    second = client.post(
        url,
        json.dumps({"device": "south-door", "checkins": [{"code": registration.ticket_code}]}),
        content_type="application/json",
    ).json()
    assert first["results"][0]["result"] == "checked_in"
    assert second["results"][0]["result"] == "already"
    assert second["results"][0]["device"] == "north-door"
    assert second["counts"]["checked_in"] == 2  # one family of two, counted once


def test_offline_check_ins_sync_later_with_their_scan_times(client, street_staff):
    event = make_event(starts_in=dt.timedelta(hours=1))  # the door and the desk are open
    tickets = [services.register(event, user=UserFactory(), kind="visitor") for _ in range(4)]
    scanned_at = (timezone.now() - dt.timedelta(minutes=20)).isoformat()
    queue = [{"code": t.ticket_code, "at": scanned_at} for t in tickets] + [
        {"code": tickets[0].ticket_code},
        {"code": "NOTATICKET"},
    ]
    client.force_login(street_staff)
    response = client.post(
        reverse("community_events:check_in_sync", args=[event.pk]),
        json.dumps({"device": "phone-1", "checkins": queue}),
        content_type="application/json",
    )
    results = [r["result"] for r in response.json()["results"]]
    assert results == ["checked_in"] * 4 + ["already", "unknown"]
    assert (
        Registration.objects.filter(
            event=event, checked_in_at__lt=timezone.now() - dt.timedelta(minutes=19)
        ).count()
        == 4
    )
    assert response.json()["counts"]["checked_in"] == 4


def test_the_door_and_desk_refuse_an_event_three_weeks_away(client, street_staff, resident):
    event = make_event(days_ahead=21)
    ticket = services.register(event, user=resident, kind="stall")
    item = services.pledge(event, owner=resident, title="台灯", category=category("furniture"))
    client.force_login(street_staff)
    url = reverse("community_events:check_in_sync", args=[event.pk])
    # Even a device that claims the scan happened during the event is refused before the door opens.
    during = (event.starts_at + dt.timedelta(minutes=30)).isoformat()
    answer = client.post(
        url,
        json.dumps({"checkins": [{"code": ticket.ticket_code}, {"code": ticket.ticket_code, "at": during}]}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    ).json()
    assert [r["result"] for r in answer["results"]] == ["desk_closed", "desk_closed"]
    assert "签到台" in answer["results"][0]["message"]
    with pytest.raises(EventError):
        services.intake(item, actor=street_staff, quick_grade="90", token_value=3)
    with pytest.raises(EventError):
        services.close_leftovers(event, actor=street_staff, outcomes={item.pk: "donated"})
    assert not Registration.objects.filter(event=event, checked_in_at__isnull=False).exists()
    assert PledgedItem.objects.get(pk=item.pk).tag_number is None


def test_a_scan_time_without_a_zone_or_in_the_future_is_read_safely(client, street_staff):
    event = make_event(starts_in=dt.timedelta(hours=1))
    tickets = [services.register(event, user=UserFactory(), kind="visitor") for _ in range(2)]
    client.force_login(street_staff)
    naive = (timezone.now() - dt.timedelta(minutes=5)).replace(tzinfo=None).isoformat()
    future = (timezone.now() + dt.timedelta(hours=2)).isoformat()
    answer = client.post(
        reverse("community_events:check_in_sync", args=[event.pk]),
        json.dumps(
            {
                "checkins": [
                    {"code": tickets[0].ticket_code, "at": naive},
                    {"code": tickets[1].ticket_code, "at": future},
                ]
            }
        ),
        content_type="application/json",
    )
    assert answer.status_code == 200
    assert [r["result"] for r in answer.json()["results"]] == ["checked_in", "checked_in"]
    assert not Registration.objects.filter(event=event, checked_in_at__gt=timezone.now()).exists()


def test_residents_cannot_check_people_in(client, resident):
    event = make_event()
    client.force_login(resident)
    response = client.post(
        reverse("community_events:check_in_sync", args=[event.pk]), "{}", content_type="application/json"
    )
    assert response.status_code == 403


def test_pledge_intake_swap_and_leftovers(street_staff, resident, buyer):
    event = make_event(starts_in=dt.timedelta(hours=1))  # the door and the desk are open
    services.register(event, user=resident, kind="stall")
    receiver = services.register(event, user=buyer, kind="visitor")
    lamp = services.pledge(event, owner=resident, title="台灯", category=category("furniture"))
    books = services.pledge(event, owner=resident, title="绘本", category=category("books"), quantity=5)
    with pytest.raises(EventError):
        services.record_swap(lamp, actor=street_staff, kind="swap")
    lamp = services.intake(lamp, actor=street_staff, quick_grade="90", token_value=3)
    books = services.intake(books, actor=street_staff, quick_grade="80", token_value=1)
    assert (lamp.tag_number, books.tag_number) == (1, 2)
    swap = services.record_swap(lamp, actor=street_staff, kind="swap", receiver=receiver.user)
    assert swap.tokens == 3
    assert (
        services.close_leftovers(
            event, actor=street_staff, outcomes={books.pk: "donated", lamp.pk: "donated"}
        )
        == 1
    )
    assert PledgedItem.objects.get(pk=books.pk).outcome == "donated"
    assert PledgedItem.objects.get(pk=lamp.pk).outcome == "swapped"


def test_carbon_figures_reproduce_a_hand_computed_example(street_staff):
    event = make_event(days_ahead=-1)
    owners = UserFactory.create_batch(2)
    items = [
        PledgedItem(
            event=event,
            owner=owners[0],
            title="手机",
            category=category("phones"),
            quantity=2,
            outcome="swapped",
        ),
        PledgedItem(
            event=event,
            owner=owners[1],
            title="小说",
            category=category("books"),
            quantity=1,
            outcome="given",
        ),
        PledgedItem(
            event=event,
            owner=owners[1],
            title="玩具",
            category=category("baby"),
            quantity=1,
            outcome="swapped",
        ),
        PledgedItem(
            event=event,
            owner=owners[0],
            title="旧衣",
            category=category("clothing"),
            quantity=3,
            outcome="recycled",
        ),  # left over: not exchanged
    ]
    PledgedItem.objects.bulk_create(items)
    report = carbon.event_impact(event)
    lines = {line.category: line for line in report.lines}
    # Phones: 2 × 55 kg × 0.57 = 62.70 (low 2 × 55 × 0.25 = 27.50, high 2 × 55 × 0.75 = 82.50); 2 × 0.2 kg.
    assert (lines["electronics"].co2e, lines["electronics"].co2e_low, lines["electronics"].co2e_high) == (
        D("62.70"),
        D("27.50"),
        D("82.50"),
    )
    assert lines["electronics"].kg_diverted == D("0.40")
    # Books: 1 × 1.9 × 0.08 = 0.152 → 0.15
    assert lines["books"].co2e == D("0.15")
    # Baby goods have no sourced factor: counted, not converted.
    assert lines["baby"].co2e is None and lines["baby"].items == 1
    assert report.items_exchanged == 4
    assert report.co2e == D("62.85")
    assert "中国循环经济协会" in lines["electronics"].factor


def test_reports_export_csv_and_pdf_for_the_street_office(client, street_staff):
    event = make_event(days_ahead=-2)
    client.force_login(street_staff)
    page = client.get(reverse("community_events:event_report", args=[event.pk]))
    assert page.status_code == 200
    csv_response = client.get(
        reverse("community_events:event_report", args=[event.pk]),
        {"format": "csv"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert csv_response["Content-Type"].startswith("text/csv")
    header = csv_response.content.decode("utf-8-sig").splitlines()[0]
    # Headers a street office reads in its spreadsheet, not column codes.
    assert header.startswith("分类,件数,") and "kg_co2e" not in header
    assert "合计" in csv_response.content.decode("utf-8-sig")
    pdf = client.get(reverse("community_events:street_report", args=["120104007"]), {"format": "pdf"})
    assert pdf.content.startswith(b"%PDF")


def test_the_district_dashboard_is_for_staff_and_regulators(client, resident, regulator, platform_admin):
    make_event(days_ahead=-3)
    client.force_login(resident)
    assert client.get(reverse("community_events:dashboard")).status_code == 403
    for user in (regulator, platform_admin):
        sign_in(client, user)
        assert client.get(reverse("community_events:dashboard")).status_code == 200


def test_the_icalendar_feed_is_valid(client):
    make_event(title="向阳路换物市集")
    make_event(street_code="120104002", title="鼓楼换物", days_ahead=14)
    response = client.get(reverse("community_events:ical"))
    assert response["Content-Type"].startswith("text/calendar")
    feed = Calendar.from_ical(response.content)
    events = [c for c in feed.walk() if c.name == "VEVENT"]
    assert {str(e["summary"]) for e in events} == {"向阳路换物市集", "鼓楼换物"}
    assert len({str(e["uid"]) for e in events}) == 2
    for event in events:
        assert event["dtend"].dt > event["dtstart"].dt
        assert "dtstamp" in event
    assert feed["version"] == "2.0" and "prodid" in feed


def test_event_pages_and_registration_through_the_site(client, resident):
    event = make_event()
    client.force_login(resident)
    page = client.get(event.url).content.decode()
    assert "官易里社区活动中心" in page
    response = client.post(
        reverse("community_events:register", args=[event.pk]), {"kind": "visitor", "party_size": "2"}
    )
    registration = Registration.objects.get(user=resident)
    assert response.url == reverse("community_events:ticket", args=[registration.ticket_code])
    ticket = client.get(response.url).content.decode()
    assert registration.ticket_code in ticket and "<svg" in ticket
    bad = client.post(
        reverse("community_events:register", args=[event.pk]), {"kind": "visitor", "party_size": "40"}
    )
    assert bad.status_code == 302
    assert Registration.objects.filter(user=resident).count() == 1
