"""Who may change the district's events index, read which street's figures, and what an export carries."""

import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from community_events import services
from community_events.models import EventIndexPage, SwapEventPage
from marketplace.accounts.services import set_role
from marketplace.geography.models import District, Street
from tests.accounts.factories import SupervisionOfficeFactory, UserFactory, give_totp, sign_in
from tests.community_events.factories import make_event
from tests.listings.factories import category

pytestmark = pytest.mark.django_db

OWN_STREET, OTHER_STREET = "120104007", "120104002"


@pytest.fixture
def index():
    return EventIndexPage.objects.get()


@pytest.fixture
def other_street_staff(db):
    user = UserFactory()
    set_role(user, "street_staff", street=Street.objects.get(code=OTHER_STREET))
    return user


@pytest.fixture
def other_district_regulator(db):
    heping = District.objects.create(code="120101", name="和平区")
    Street.objects.create(district=heping, code="120101001", name="劝业场街道")
    user = UserFactory()
    set_role(
        user,
        "regulator",
        supervision_office=SupervisionOfficeFactory(name="和平区市场监督管理局", district=heping),
    )
    give_totp(user)
    return user


def denied(response) -> bool:
    """Wagtail refuses with a 403, or by sending the user back to the admin home with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def index_form(index, **changes):
    data = {
        "title": index.title,
        "slug": index.slug,
        "intro": index.intro,
        "seo_title": "",
        "search_description": "",
    }
    return data | changes


def test_street_staff_cannot_edit_publish_move_or_delete_the_district_events_index(
    client, street_staff, index
):
    sign_in(client, street_staff, second_factor=False)
    edit = reverse("wagtailadmin_pages:edit", args=[index.pk])
    assert denied(client.get(edit))
    assert denied(client.post(edit, index_form(index, slug="mine", **{"action-publish": "publish"})))
    for name in ("delete", "move", "unpublish", "copy"):
        assert denied(client.get(reverse(f"wagtailadmin_pages:{name}", args=[index.pk]))), name
        assert denied(client.post(reverse(f"wagtailadmin_pages:{name}", args=[index.pk]))), name
    index.refresh_from_db()
    assert index.slug != "mine" and index.live
    assert not index.permissions_for_user(street_staff).can_publish()


def test_platform_staff_edit_and_publish_the_events_index(client, platform_admin, index):
    sign_in(client, platform_admin)
    edit = reverse("wagtailadmin_pages:edit", args=[index.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, index_form(index, intro="全区换物活动", **{"action-publish": "publish"}))
    assert response.status_code == 302
    index.refresh_from_db()
    assert index.intro == "全区换物活动"


def test_street_staff_still_add_their_streets_events_under_the_index(client, street_staff, index):
    sign_in(client, street_staff, second_factor=False)
    add = reverse("wagtailadmin_pages:add", args=["community_events", "swapeventpage", index.pk])
    assert client.get(add).status_code == 200
    starts = timezone.localtime() + dt.timedelta(days=10)
    response = client.post(
        add,
        {
            "title": "向阳路春季换物",
            "slug": "xiangyang-spring",
            "street": Street.objects.get(code=OWN_STREET).pk,
            "venue": "官易里社区活动中心",
            "starts_at": starts.strftime("%Y-%m-%d %H:%M"),
            "ends_at": (starts + dt.timedelta(hours=3)).strftime("%Y-%m-%d %H:%M"),
            "stall_capacity": "10",
            "visitor_capacity": "50",
            "swap_tokens": "on",
            "description": json.dumps(
                {
                    "blocks": [
                        {
                            "key": "a1b2c",
                            "text": "带上闲置物品来换",
                            "type": "unstyled",
                            "depth": 0,
                            "inlineStyleRanges": [],
                            "entityRanges": [],
                        }
                    ],
                    "entityMap": {},
                }
            ),
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = SwapEventPage.objects.get(slug="xiangyang-spring")
    assert event.live and event.get_parent().pk == index.pk


def test_a_regulator_reads_only_their_own_districts_street_reports(
    client, regulator, other_district_regulator
):
    report = reverse("community_events:street_report", args=[OWN_STREET])
    sign_in(client, other_district_regulator)
    assert client.get(report).status_code == 403
    assert client.get(report, {"format": "csv"}).status_code == 403
    sign_in(client, regulator)
    assert client.get(report).status_code == 200


def test_street_staff_read_their_own_streets_report_only(
    client, street_staff, other_street_staff, platform_admin
):
    report = reverse("community_events:street_report", args=[OWN_STREET])
    sign_in(client, other_street_staff, second_factor=False)
    assert client.get(report).status_code == 403
    sign_in(client, street_staff, second_factor=False)
    assert client.get(report).status_code == 200
    sign_in(client, platform_admin)
    assert client.get(reverse("community_events:street_report", args=[OTHER_STREET])).status_code == 200


def test_the_dashboard_links_only_to_street_reports_the_viewer_may_open(
    client, street_staff, regulator, other_district_regulator
):
    make_event(street_code=OWN_STREET, days_ahead=-3)
    own = reverse("community_events:street_report", args=[OWN_STREET])
    other = reverse("community_events:street_report", args=[OTHER_STREET])

    sign_in(client, street_staff, second_factor=False)
    page = client.get(reverse("community_events:dashboard")).content.decode()
    assert own in page and other not in page

    sign_in(client, regulator)
    page = client.get(reverse("community_events:dashboard")).content.decode()
    assert own in page and other in page

    sign_in(client, other_district_regulator)
    page = client.get(reverse("community_events:dashboard")).content.decode()
    assert own not in page and other not in page
    assert "向阳路" not in page  # nor another district's figures
    assert reverse("community_events:street_report", args=["120101001"]) in page


def test_a_pledged_items_title_cannot_become_a_formula_in_the_csv_export(client, street_staff, resident):
    event = make_event(days_ahead=2)
    evil = '=HYPERLINK("http://evil","x")'
    services.register(event, user=resident, kind="stall")
    services.pledge(event, owner=resident, title=evil, category=category("books"))
    sign_in(client, street_staff, second_factor=False)
    response = client.get(reverse("community_events:event_report", args=[event.pk]), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert "'" + evil in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_an_event_with_registrations_is_cancelled_not_deleted(client, street_staff, resident):
    event = make_event()
    services.register(event, user=resident, kind="visitor")
    assert not event.permissions_for_user(street_staff).can_delete()
    sign_in(client, street_staff, second_factor=False)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[event.pk]))
    assert denied(response)  # refused, where it used to fail with a server error
    assert SwapEventPage.objects.filter(pk=event.pk).exists()
    empty = make_event(title="没人报名的活动")
    assert empty.permissions_for_user(street_staff).can_delete()


def test_check_in_sync_refuses_a_form_upload_instead_of_failing(client, street_staff):
    event = make_event()
    sign_in(client, street_staff, second_factor=False)
    response = client.post(reverse("community_events:check_in_sync", args=[event.pk]), {"code": "X"})
    assert response.status_code == 400
