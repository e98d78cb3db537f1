"""Fifty residents registering at once never overfill an event (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection, connections

from community_events import services
from community_events.models import Registration
from tests.accounts.factories import UserFactory
from tests.community_events.factories import make_event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PEOPLE = 50


def test_capacity_holds_under_fifty_concurrent_registrations():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks; scripts/test runs the suite on PostgreSQL")
    event = make_event(visitors=20)
    users = UserFactory.create_batch(PEOPLE)
    start = threading.Barrier(PEOPLE)
    errors: list[Exception] = []

    def attempt(user):
        try:
            start.wait()
            services.register(event, user=user, kind="visitor", party_size=1)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Registration.objects.filter(event=event, status="confirmed").count() == 20
    assert Registration.objects.filter(event=event, status="waitlisted").count() == PEOPLE - 20
