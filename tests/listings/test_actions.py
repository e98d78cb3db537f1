"""listings.actions, the only way apps above change a listing: from every status each action either
moves the listing as the transition table allows, changes nothing where it is idempotent, or refuses
with a ListingError the user can read — never another exception, so never a 500."""

import itertools

import pytest
from django.db import transaction

from listings import actions
from listings.errors import ListingError
from listings.models import TRANSITIONS, Listing, ListingStatusChange
from search.models import IndexOutbox
from tests.listings.factories import ListingFactory

pytestmark = pytest.mark.django_db
S = Listing.Status

# action → (call, the status it moves to, the statuses from which it quietly changes nothing)
ACTIONS = {
    "take_down": (
        lambda listing, actor: actions.take_down(listing, actor=actor, reason="侵权通知", note="请提供授权"),
        S.REMOVED,
        {S.REMOVED, S.BLOCKED},
    ),
    "block": (
        lambda listing, actor: actions.block(listing, actor=actor, reason="移送公安"),
        S.BLOCKED,
        {S.BLOCKED},
    ),
    "restore": (
        lambda listing, actor: actions.restore(listing, actor=actor, reason="通知失效"),
        S.PUBLISHED,
        set(S.values) - {S.REMOVED},
    ),
    "reserve": (
        lambda listing, actor: actions.reserve(listing, actor=actor, reason="订单"),
        S.RESERVED,
        set(),
    ),
    "release": (
        lambda listing, actor: actions.release(listing, actor=actor, reason="订单取消"),
        S.PUBLISHED,
        set(S.values) - {S.RESERVED},
    ),
    "mark_sold": (
        lambda listing, actor: actions.mark_sold(listing, actor=actor, reason="订单完成"),
        S.SOLD,
        set(),
    ),
}


@pytest.mark.parametrize("status,name", list(itertools.product(S.values, ACTIONS)))
def test_every_action_from_every_status_moves_as_the_table_allows_or_refuses(status, name, regulator):
    act, target, unchanged_from = ACTIONS[name]
    listing = ListingFactory(status=status)
    if status in unchanged_from:
        expected = "unchanged"
    elif target in TRANSITIONS[status]:
        expected = "moved"
    else:
        expected = "refused"

    try:
        with transaction.atomic():
            result = act(listing, regulator)
    except ListingError as refusal:
        outcome = "refused"
        assert refusal.code == "transition"
        assert str(refusal.message)  # a sentence the user reads instead of an error page
    else:
        outcome = "unchanged" if result is False else "moved"

    assert outcome == expected
    listing.refresh_from_db()
    history = list(ListingStatusChange.objects.filter(listing=listing))
    if outcome == "moved":
        assert listing.status == target
        assert [(h.old_status, h.new_status, h.actor) for h in history] == [(status, target, regulator)]
        assert IndexOutbox.objects.filter(listing_id=listing.pk).exists()  # search hears of it
    else:
        assert listing.status == status
        assert history == []


@pytest.mark.parametrize("status", S.values)
def test_allows_answers_from_the_table_for_the_stored_status(status):
    listing = ListingFactory(status=status)
    stale = Listing.objects.get(pk=listing.pk)
    Listing.objects.filter(pk=listing.pk).update(status=S.BLOCKED if status != S.BLOCKED else S.DRAFT)
    stored = Listing.objects.get(pk=listing.pk).status
    for target in S.values:
        assert actions.allows(stale, target) == (target in TRANSITIONS[stored])


def test_taking_down_twice_changes_nothing_the_second_time(regulator):
    listing = ListingFactory(published=True)
    assert actions.take_down(listing, actor=regulator, reason="侵权通知", note="请联系权利人") is True
    assert actions.take_down(listing, actor=regulator, reason="再次通知") is False
    listing.refresh_from_db()
    assert listing.status == S.REMOVED
    assert listing.moderation_note == "请联系权利人"  # what the seller was told first stays
    assert listing.status_changes.count() == 1


def test_blocking_twice_changes_nothing_the_second_time_and_a_takedown_keeps_it_blocked(regulator):
    listing = ListingFactory(published=True)
    assert actions.block(listing, actor=regulator, reason="管制刀具") is True
    assert actions.block(listing, actor=regulator, reason="管制刀具") is False
    assert actions.take_down(listing, actor=regulator, reason="侵权通知") is False
    listing.refresh_from_db()
    assert listing.status == S.BLOCKED
    assert listing.status_changes.count() == 1


def test_a_listing_taken_down_can_still_be_blocked_on_referral(regulator):
    listing = ListingFactory(published=True)
    actions.take_down(listing, actor=regulator, reason="侵权通知")
    assert actions.block(listing, actor=regulator, reason="移送公安") is True
    listing.refresh_from_db()
    assert listing.status == S.BLOCKED
    assert [c.new_status for c in listing.status_changes.all()] == [S.REMOVED, S.BLOCKED]
