"""Every write of the inbox: telling someone, reading, choosing what arrives by email."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .kinds import DEFAULT_EMAIL, MANDATORY_EMAIL, MESSAGES, Kind
from .models import Notification, Preferences
from .tasks import send_notification_email

E = Notification.Email


def message_email_minutes() -> int:
    """Messages in one conversation send at most one email per this many minutes (the inbox gets all)."""
    return getattr(settings, "NOTIFICATIONS_MESSAGE_EMAIL_MINUTES", 15)


def emails_in_transaction() -> bool:
    """Where tasks run inline (the test suite), the email is sent in the writer's transaction, as the
    audit log's entries are: nothing runs after a test's transaction, which is never committed."""
    default = settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    return getattr(settings, "NOTIFICATIONS_EMAIL_IN_TRANSACTION", default)


def preferences_for(user) -> Preferences:
    return Preferences.objects.filter(user=user).first() or Preferences(user=user)


def wants_email(user, kind: str) -> bool:
    if kind in MANDATORY_EMAIL:
        return True
    return bool(preferences_for(user).email.get(kind, DEFAULT_EMAIL[kind]))


def _folded(recipient, kind: str, group: str, now: dt.datetime) -> bool:
    """Whether an email about the same conversation went out (or is on its way) in the last minutes."""
    if kind != Kind.MESSAGE or not group:
        return False
    since = now - dt.timedelta(minutes=message_email_minutes())
    return (
        Notification.objects.filter(recipient=recipient, kind=kind, group=group, created_at__gte=since)
        .exclude(email=E.NONE)
        .exists()
    )


def notify(
    recipient, *, message: str, params: dict, url: str = "", group: str = "", email_to: str = ""
) -> Notification | None:
    """Put an entry in `recipient`'s inbox, in the caller's transaction; its email follows after commit.

    Nothing for accounts that have left (unless the law needs the email). Email only if the person
    wants this kind (or the law requires it) and, for messages, if no email about the same conversation
    went out in the last minutes.
    """
    # A legal delivery to a registered contact address (email_to) goes out even if the account left.
    if recipient is None or not (recipient.is_active or email_to):
        return None
    kind = MESSAGES[message].kind
    now = timezone.now()
    address = email_to or recipient.email
    email = E.NONE
    if address and wants_email(recipient, kind) and not _folded(recipient, kind, group, now):
        email = E.PENDING
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        message=message,
        params=params,
        url=url,
        group=group,
        email_to=email_to,
        created_at=now,
        email=email,
    )
    if email == E.PENDING:
        _schedule_email(notification.pk)
    return notification


def _schedule_email(pk: int) -> None:
    if emails_in_transaction():
        send_notification_email.enqueue(pk)
    else:
        # robust: a queue that cannot take the task leaves the email pending for the periodic sweep.
        transaction.on_commit(partial(send_notification_email.enqueue, pk), robust=True)


def mark_read(notification: Notification, *, user) -> None:
    """Mark one entry read; only its recipient may (callers fetch it through `inbox_of`)."""
    if notification.recipient_id != user.pk:
        raise PermissionError
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())


def mark_all_read(user) -> int:
    return Notification.objects.for_user(user).unread().update(read_at=timezone.now())


def save_preferences(user, *, email: dict[str, bool], language: str) -> Preferences:
    """Store only the choices that differ from the defaults, so a later default change reaches everyone
    who never chose."""
    changed = {
        kind: bool(on)
        for kind, on in email.items()
        if kind in DEFAULT_EMAIL and kind not in MANDATORY_EMAIL and bool(on) != DEFAULT_EMAIL[kind]
    }
    preferences, _created = Preferences.objects.update_or_create(
        user=user, defaults={"email": changed, "language": language}
    )
    return preferences
