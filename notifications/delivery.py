"""Sending a notification's email: in the recipient's language, branded as the account emails are."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Notification, Preferences
from .rendering import absolute_url, render

logger = logging.getLogger(__name__)
E = Notification.Email
MAX_ATTEMPTS = 5
# A claim older than this belongs to a worker that died mid-send; the sweep takes the email again.
STALE_CLAIM = dt.timedelta(minutes=10)


def language_of(user) -> str:
    """The language chosen for emails, else the account's own (if it keeps one), else Chinese."""
    chosen = Preferences.objects.filter(user=user).values_list("language", flat=True).first()
    return chosen or getattr(user, "language", "") or settings.LANGUAGE_CODE


def compose(notification: Notification) -> tuple[str, str]:
    """(subject, body) in the recipient's language, with the brand as the subject's prefix."""
    with translation.override(language_of(notification.recipient)):
        title, body = render(notification)
        subject = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{title}"
        text = render_to_string(
            "notifications/email.txt",
            {
                "title": title,
                "body": body,
                "link": absolute_url(notification.url),
                "preferences_link": absolute_url(reverse("notifications:preferences")),
            },
        )
    return subject, text


def _claim(pk: int) -> bool:
    """Take the email for sending, exactly once, unless another attempt holds it."""
    now = timezone.now()
    return bool(
        Notification.objects.filter(pk=pk)
        .filter(Q(email=E.PENDING) | Q(email=E.SENDING, email_claimed_at__lt=now - STALE_CLAIM))
        .update(email=E.SENDING, email_claimed_at=now, email_attempts=F("email_attempts") + 1)
    )


def send_email(pk: int) -> bool:
    """Send one notification's email; True when it went out. A failure keeps the entry and the email
    pending (failed for good after MAX_ATTEMPTS), and never reaches the caller."""
    if not _claim(pk):
        return False
    notification = Notification.objects.select_related("recipient").get(pk=pk)
    try:
        subject, text = compose(notification)
        send_mail(subject, text, None, [notification.email_to or notification.recipient.email])
    except Exception:
        # Any failure of the mail server or of rendering: logged, and tried again by the sweep.
        logger.exception("notification %s: email not sent (attempt %s)", pk, notification.email_attempts)
        status = E.FAILED if notification.email_attempts >= MAX_ATTEMPTS else E.PENDING
        Notification.objects.filter(pk=pk, email=E.SENDING).update(email=status)
        return False
    Notification.objects.filter(pk=pk).update(email=E.SENT, emailed_at=timezone.now())
    return True


def send_pending(*, older_than: dt.timedelta = dt.timedelta(minutes=2), limit: int = 200) -> int:
    """The sweep: emails whose task was lost or failed, and claims abandoned mid-send."""
    now = timezone.now()
    due = Notification.objects.filter(
        Q(email=E.PENDING, created_at__lt=now - older_than)
        | Q(email=E.SENDING, email_claimed_at__lt=now - STALE_CLAIM)
    ).values_list("pk", flat=True)[:limit]
    return sum(send_email(pk) for pk in list(due))
