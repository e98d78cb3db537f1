"""Writes for swap events: registration with capacity and waiting list, offers, check-in, pledged
items, intake, swaps and leftovers. Capacity is counted under a lock on the event's row."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.permissions import is_platform_staff, is_street_staff

from . import signals
from .errors import EventError
from .models import PledgedItem, Registration, SwapEventPage, SwapRecord

logger = logging.getLogger(__name__)
R = Registration.Status
MAX_PARTY = 6


def can_run(user, event: SwapEventPage) -> bool:
    return is_platform_staff(user) or is_street_staff(user, event.street_id)


def _require_staff(user, event: SwapEventPage) -> None:
    EventError.require(
        can_run(user, event), _("Only staff of this street's office can do this."), "not_staff"
    )


def _locked_event(event: SwapEventPage) -> SwapEventPage:
    # The event's own row is the lock every capacity decision takes, so two registrations can
    # never both take the last place.
    return SwapEventPage.objects.select_for_update().get(pk=event.pk)


def _free(event: SwapEventPage, kind: str) -> int:
    held = Registration.objects.holding_places().filter(event=event, kind=kind)
    if kind == Registration.Kind.STALL:
        return event.stall_capacity - held.count()
    return event.visitor_capacity - sum(held.values_list("party_size", flat=True))


def _size(kind: str, party_size: int) -> int:
    return 1 if kind == Registration.Kind.STALL else party_size


def register(event: SwapEventPage, *, user, kind: str, party_size: int = 1) -> Registration:
    """A confirmed place if one is free, otherwise a place on the waiting list."""
    EventError.require(kind in Registration.Kind.values, _("Choose a stall or a visitor place."), "kind")
    EventError.require(
        1 <= party_size <= MAX_PARTY, _("A group is 1 to %(max)s people.") % {"max": MAX_PARTY}, "party"
    )
    EventError.require(event.registration_open, _("Registration for this event has closed."), "closed")
    party_size = 1 if kind == Registration.Kind.STALL else party_size
    try:
        with transaction.atomic():
            locked = _locked_event(event)
            status = R.CONFIRMED if _free(locked, kind) >= _size(kind, party_size) else R.WAITLISTED
            registration = Registration.objects.create(
                event=locked, user=user, kind=kind, party_size=party_size, status=status
            )
    except IntegrityError:
        raise EventError(_("You are already registered for this event."), code="duplicate") from None
    _notify(registration)
    return registration


def cancel(registration: Registration, *, actor) -> Registration:
    """Give the place back; the waiting list moves up."""
    EventError.require(
        actor.pk == registration.user_id or can_run(actor, registration.event),
        _("You cannot cancel this registration."),
        "not_allowed",
    )
    with transaction.atomic():
        locked_event = _locked_event(registration.event)
        updated = Registration.objects.filter(
            pk=registration.pk, status__in=[R.CONFIRMED, R.WAITLISTED, R.OFFERED]
        ).update(status=R.CANCELLED)
        EventError.require(updated == 1, _("This registration is no longer active."), "inactive")
        offered = _promote(locked_event)
    for promoted in offered:
        _notify(promoted)
    registration.refresh_from_db()
    return registration


def _promote(event: SwapEventPage) -> list[Registration]:
    """Offer freed places in waiting-list order to those whose group fits (under the event lock)."""
    offered = []
    deadline = timezone.now() + dt.timedelta(hours=settings.WAITLIST_ACCEPT_HOURS)
    for candidate in Registration.objects.filter(event=event, status=R.WAITLISTED).order_by(
        "created_at", "pk"
    ):
        if _free(event, candidate.kind) >= _size(candidate.kind, candidate.party_size):
            Registration.objects.filter(pk=candidate.pk).update(status=R.OFFERED, offered_until=deadline)
            candidate.status, candidate.offered_until = R.OFFERED, deadline
            offered.append(candidate)
    return offered


def accept_offer(registration: Registration, *, actor) -> Registration:
    EventError.require(
        actor.pk == registration.user_id, _("Only the person registered can accept."), "not_allowed"
    )
    with transaction.atomic():
        _locked_event(registration.event)
        updated = Registration.objects.filter(
            pk=registration.pk, status=R.OFFERED, offered_until__gt=timezone.now()
        ).update(status=R.CONFIRMED, offered_until=None)
        EventError.require(updated == 1, _("This offer has expired or was already answered."), "expired")
    registration.refresh_from_db()
    _notify(registration)
    return registration


def expire_offers(*, now: dt.datetime | None = None) -> int:
    """Scheduled: offers not accepted in time lapse and the next people in line are offered."""
    now = now or timezone.now()
    expired = 0
    events = SwapEventPage.objects.filter(
        registrations__status=R.OFFERED, registrations__offered_until__lte=now
    ).distinct()
    for event in events:
        with transaction.atomic():
            locked = _locked_event(event)
            expired += Registration.objects.filter(
                event=locked, status=R.OFFERED, offered_until__lte=now
            ).update(status=R.EXPIRED)
            offered = _promote(locked)
        for promoted in offered:
            _notify(promoted)
    return expired


def send_reminders(*, now: dt.datetime | None = None) -> int:
    """Scheduled: one reminder the day before, to everyone holding a confirmed place."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=R.CONFIRMED,
        reminded_at__isnull=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + dt.timedelta(days=1),
    ).select_related("event", "user")
    sent = 0
    for registration in due:
        _notify(registration, reminder=True)
        Registration.objects.filter(pk=registration.pk).update(reminded_at=now)
        sent += 1
    return sent


def _notify(registration: Registration, *, reminder: bool = False) -> None:
    # The apps above (notifications) tell the person, in their inbox and by email.
    signals.registration_notice.send(sender=Registration, registration=registration, reminder=reminder)


# --- Check-in ----------------------------------------------------------------------------------


def _desk_hours_message(event: SwapEventPage):
    opens, closes = event.desk_hours()
    return format_lazy(
        _("The desk records this event from {opens} to {closes}."),
        opens=date_format(timezone.localtime(opens), "Y-m-d H:i"),
        closes=date_format(timezone.localtime(closes), "Y-m-d H:i"),
    )


def _require_desk_open(event: SwapEventPage) -> None:
    EventError.require(event.desk_open(), _desk_hours_message(event), "desk_closed")


CHECK_IN_MESSAGES = {
    "checked_in": _("Checked in"),
    "already": _("Already checked in at {at}"),
    "unknown": _("No such ticket"),
    "not_confirmed": _("Registration not confirmed"),
}


def _check_in_result(code: str, result: str, registration=None, **extra) -> dict:
    at = registration.checked_in_at if registration is not None else None
    at_display = date_format(timezone.localtime(at), "H:i") if at else ""
    answer = {"code": code, "result": result, "message": str(CHECK_IN_MESSAGES[result]).format(at=at_display)}
    if registration is not None and result in ("checked_in", "already"):
        answer.update(
            party_size=registration.party_size,
            kind=registration.kind,
            name=registration.user.public_name,
            at=at.isoformat(),
            at_display=at_display,
            device=registration.checked_in_device,
        )
    return answer | extra


def check_in(
    event: SwapEventPage, *, code: str, actor, device: str = "", at: dt.datetime | None = None
) -> dict:
    """Check a ticket in exactly once, whichever door scans it first. Idempotent per ticket.

    `at` is when a door scanned it (offline scans sync later); it must fall in the desk's hours."""
    _require_staff(actor, event)
    code = (code or "").strip().upper()
    when = at or timezone.now()
    # A late sync keeps its scan time; nothing is accepted before the desk opens, whatever a device claims.
    if not event.desk_open(when) or timezone.now() < event.desk_hours()[0]:
        return {"code": code, "result": "desk_closed", "message": str(_desk_hours_message(event))}
    registration = Registration.objects.filter(event=event, ticket_code=code).first()
    if registration is None:
        return _check_in_result(code, "unknown")
    if registration.status != R.CONFIRMED:
        return _check_in_result(code, "not_confirmed", status=registration.status)
    # The conditional update is the guard: of two doors scanning at once, exactly one row changes.
    first = Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
        checked_in_at=when, checked_in_by=actor, checked_in_device=device[:60]
    )
    registration.refresh_from_db()
    return _check_in_result(code, "checked_in" if first else "already", registration)


# --- Pledged items, intake, swaps ----------------------------------------------------------------


def pledge(
    event: SwapEventPage, *, owner, title: str, category, quantity: int = 1, listing=None
) -> PledgedItem:
    EventError.require(
        Registration.objects.filter(event=event, user=owner, status=R.CONFIRMED).exists(),
        _("Register for the event before pledging items."),
        "not_registered",
    )
    accepted = list(event.accepted_categories.all())
    top = category.path.split("/")[0]
    EventError.require(
        not accepted or any(c.path == top for c in accepted),
        _("This event does not take items of this category."),
        "category",
    )
    if listing is not None:
        EventError.require(
            listing.seller_id == owner.pk, _("You can only bring your own listings."), "not_yours"
        )
        title = title or listing.title
    return PledgedItem.objects.create(
        event=event, owner=owner, title=title[:60], category=category, quantity=quantity, listing=listing
    )


def intake(item: PledgedItem, *, actor, quick_grade: str, token_value: int) -> PledgedItem:
    """At the desk: grade the item quickly, give it a token value and the next tag number."""
    _require_staff(actor, item.event)
    _require_desk_open(item.event)
    with transaction.atomic():
        _locked_event(item.event)
        locked = PledgedItem.objects.select_for_update().get(pk=item.pk)
        if locked.tag_number is None:
            top = PledgedItem.objects.filter(event=locked.event).aggregate(n=Max("tag_number"))["n"] or 0
            locked.tag_number = top + 1
        locked.quick_grade = quick_grade
        locked.token_value = token_value
        locked.intake_at = timezone.now()
        locked.intake_by = actor
        locked.save()
    return locked


def record_swap(
    item: PledgedItem, *, actor, kind: str, receiver=None, tokens: int | None = None
) -> SwapRecord:
    _require_staff(actor, item.event)
    _require_desk_open(item.event)
    EventError.require(
        item.intake_at is not None, _("Do the intake (tag and token value) first."), "no_intake"
    )
    EventError.require(kind in SwapRecord.Kind.values, _("Choose swap or give-away."), "kind")
    EventError.require(
        receiver is None or receiver.pk != item.owner_id,
        _("The giver cannot receive their own item."),
        "same_person",
    )
    with transaction.atomic():
        locked = PledgedItem.objects.select_for_update().get(pk=item.pk)
        EventError.require(
            locked.outcome == PledgedItem.Outcome.PENDING, _("This item has already changed hands."), "done"
        )
        record = SwapRecord.objects.create(
            event=locked.event,
            item=locked,
            receiver=receiver,
            kind=kind,
            recorded_by=actor,
            tokens=(locked.token_value or 0)
            if tokens is None and kind == SwapRecord.Kind.SWAP
            else (tokens or 0),
        )
        locked.outcome = (
            PledgedItem.Outcome.SWAPPED if kind == SwapRecord.Kind.SWAP else PledgedItem.Outcome.GIVEN
        )
        locked.save(update_fields=["outcome"])
    return record


def close_leftovers(event: SwapEventPage, *, actor, outcomes: dict[int, str]) -> int:
    """After the event: what happened to every item that did not change hands."""
    _require_staff(actor, event)
    EventError.require(
        timezone.now() >= event.desk_hours()[0], _("Leftovers are settled on the event day."), "not_begun"
    )
    allowed = {PledgedItem.Outcome.DONATED, PledgedItem.Outcome.RECYCLED, PledgedItem.Outcome.TAKEN_BACK}
    EventError.require(
        set(outcomes.values()) <= allowed, _("Choose donated, recycled or taken back."), "outcome"
    )
    done = 0
    for item_id, outcome in outcomes.items():
        done += PledgedItem.objects.filter(
            pk=item_id, event=event, outcome=PledgedItem.Outcome.PENDING
        ).update(outcome=outcome)
    return done
