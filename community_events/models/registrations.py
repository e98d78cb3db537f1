"""Registrations with a waiting list, tickets and check-in."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _


def new_ticket_code() -> str:
    # Short enough to type on a phone at the door, long enough not to be guessed (≈ 40 bits).
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def active(self):
        return self.filter(
            status__in=[
                Registration.Status.CONFIRMED,
                Registration.Status.OFFERED,
                Registration.Status.WAITLISTED,
            ]
        )

    def holding_places(self):
        """Confirmed places and places offered from the waiting list both count against capacity."""
        return self.filter(status__in=[Registration.Status.CONFIRMED, Registration.Status.OFFERED])

    def counts(self, event) -> dict[str, int]:
        rows = self.filter(event=event)
        held = rows.holding_places()
        return {
            "stalls": held.filter(kind=Registration.Kind.STALL).count(),
            "visitors": held.filter(kind=Registration.Kind.VISITOR).aggregate(n=Sum("party_size"))["n"] or 0,
            "waitlisted": rows.filter(status=Registration.Status.WAITLISTED).count(),
            "checked_in": rows.filter(checked_in_at__isnull=False).aggregate(n=Sum("party_size"))["n"] or 0,
        }


class Registration(models.Model):
    class Kind(models.TextChoices):
        STALL = "stall", _("Stall")
        VISITOR = "visitor", _("Visitor")

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        OFFERED = "offered", _("Place offered")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Offer expired")

    event = models.ForeignKey(
        "community_events.SwapEventPage", on_delete=models.PROTECT, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="event_registrations"
    )
    kind = models.CharField(_("registering for"), max_length=10, choices=Kind.choices)
    party_size = models.PositiveSmallIntegerField(_("people in your group"), default=1)
    status = models.CharField(max_length=12, choices=Status.choices)
    ticket_code = models.CharField(max_length=12, unique=True, default=new_ticket_code)
    created_at = models.DateTimeField(auto_now_add=True)
    offered_until = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_in_device = models.CharField(max_length=60, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user", "kind"],
                condition=Q(status__in=["confirmed", "waitlisted", "offered"]),
                name="one_active_registration_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ticket_code} ({self.get_status_display()})"
