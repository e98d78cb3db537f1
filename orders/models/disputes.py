"""Disputes: the buyer's complaint, the seller's answer, staff's decision, each step timed."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Dispute(models.Model):
    class Reason(models.TextChoices):
        NOT_RECEIVED = "not_received", _("I did not receive the item")
        NOT_AS_DESCRIBED = "not_as_described", _("The item is not as described")
        COUNTERFEIT = "counterfeit", _("The item is counterfeit")
        DAMAGED = "damaged", _("The item arrived damaged")
        OTHER = "other", _("Something else")

    order = models.OneToOneField("orders.Order", on_delete=models.PROTECT, related_name="dispute")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    description = models.TextField(_("what happened"), max_length=2000)
    evidence = models.ManyToManyField("media.Photo", blank=True, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    seller_response = models.TextField(_("seller's answer"), max_length=2000, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    decided_at = models.DateTimeField(null=True, blank=True)
    refund_fen = models.PositiveIntegerField(default=0)
    explanation = models.TextField(_("decision explained"), blank=True)

    def __str__(self) -> str:
        return f"dispute on order {self.order_id}"
