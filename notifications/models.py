"""The inbox and each person's choice of what also arrives by email."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .kinds import MESSAGES, Kind


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_user(self, user) -> NotificationQuerySet:
        return self.filter(recipient=user)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One entry in a person's inbox. Only `notifications.services` writes it.

    The words are not stored: `message` and `params` are rendered in the reader's language when the entry
    is shown or mailed, so an entry reads in English for someone who switched to English after it arrived.
    The inbox entry commits with the change it tells of; its email is sent after commit, and a failed
    send leaves the entry (and the email, still pending) in place for the next attempt.
    """

    class Email(models.TextChoices):
        NONE = "none", _("Not emailed")
        PENDING = "pending", _("Email waiting")
        SENDING = "sending", _("Email being sent")
        SENT = "sent", _("Emailed")
        FAILED = "failed", _("Email could not be sent")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    message = models.CharField(max_length=30, choices=[(key, key) for key in MESSAGES])
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    # Entries about the same thing (a conversation) share a key, so their emails can be folded.
    group = models.CharField(max_length=60, blank=True)
    # Where the email goes when it is not the recipient's own address (a rights holder's contact).
    email_to = models.EmailField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email = models.CharField(max_length=10, choices=Email.choices, default=Email.NONE)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-pk"]
        indexes = [
            models.Index(fields=["recipient", "-id"], name="notification_inbox"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
            models.Index(
                fields=["email", "created_at"],
                condition=Q(email__in=["pending", "sending"]),
                name="notification_email_due",
            ),
            models.Index(fields=["recipient", "kind", "group", "-created_at"], name="notification_group"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.message}"


class Preferences(models.Model):
    """One person's email choices; absent kinds take the defaults in `kinds.DEFAULT_EMAIL`."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    language = models.CharField(
        _("language of emails"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    # kind → True/False, only for the kinds the person changed.
    email = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user_id)
