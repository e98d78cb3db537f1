"""A resident finds every ticket they hold in one place, and nobody else's."""

import pytest
from django.urls import reverse

from community_events import services
from community_events.models import Registration
from tests.accounts.factories import UserFactory, sign_in
from tests.community_events.factories import make_event

pytestmark = pytest.mark.django_db


def test_my_tickets_lists_my_registrations_upcoming_first_and_no_one_elses(client):
    resident, neighbour = UserFactory(), UserFactory()
    soon = make_event(title="下周换物市集", days_ahead=7)
    later = make_event(title="下月换物市集", days_ahead=30)
    past = make_event(title="上月换物市集", days_ahead=-30)
    mine = [services.register(event, user=resident, kind="visitor", party_size=1) for event in (later, soon)]
    attended = Registration.objects.create(event=past, user=resident, kind="visitor", status="confirmed")
    theirs = services.register(soon, user=neighbour, kind="stall", party_size=1)
    sign_in(client, resident)
    page = client.get(reverse("community_events:my_tickets")).content.decode()
    assert page.index("下周换物市集") < page.index("下月换物市集")
    for registration in mine:
        assert reverse("community_events:ticket", args=[registration.ticket_code]) in page
    assert theirs.ticket_code not in page
    assert "已确认" in page
    # Past events follow, under their own heading.
    assert page.index("已结束的活动") < page.index("上月换物市集")
    assert attended.ticket_code in page


def test_visitors_are_asked_to_sign_in(client):
    response = client.get(reverse("community_events:my_tickets"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_calendar_names_the_weekdays_in_the_readers_language(client):
    chinese = client.get(
        reverse("community_events:calendar"), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    assert '<th scope="col">一</th>' in chinese and '<th scope="col">日</th>' in chinese
    client.cookies["django_language"] = "en"
    english = client.get(reverse("community_events:calendar")).content.decode()
    assert '<th scope="col">Mon</th>' in english and '<th scope="col">一</th>' not in english
