"""The district dashboard counts what happened: published events that took place, and their people."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from community_events import services
from community_events.models import SwapEventPage
from tests.accounts.factories import UserFactory, sign_in
from tests.community_events.factories import make_event

pytestmark = pytest.mark.django_db


def figure(page: str, label: str) -> str:
    return re.search(rf"<dt>{label}</dt><dd>([^<]*)</dd>", page).group(1)


def test_drafts_and_future_events_are_not_counted(client, street_staff):
    held = make_event(days_ahead=1, title="已举办的换物市集")
    ticket = services.register(held, user=UserFactory(), kind="visitor")
    ten_days_ago = timezone.now() - dt.timedelta(days=10)
    SwapEventPage.objects.filter(pk=held.pk).update(
        starts_at=ten_days_ago, ends_at=ten_days_ago + dt.timedelta(hours=3)
    )
    held.refresh_from_db()
    services.check_in(held, code=ticket.ticket_code, actor=street_staff, at=held.starts_at)
    future = make_event(days_ahead=21, title="三周后的换物市集")
    early = services.register(future, user=UserFactory(), kind="visitor")
    services.check_in(future, code=early.ticket_code, actor=street_staff, at=timezone.now())
    draft = make_event(days_ahead=-5, title="草稿活动")
    SwapEventPage.objects.filter(pk=draft.pk).update(live=False)

    sign_in(client, street_staff, second_factor=False)
    response = client.get(reverse("community_events:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert figure(page, "Events") == "1"
    assert figure(page, "Participants") == "1"
