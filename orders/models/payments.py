"""Payments through Stripe, the webhook events received, and sellers' payout accounts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Payment(models.Model):
    """One online payment for one order. Amounts are integer fen at this boundary (Stripe's unit).

    Status only moves forward (see RANK) so a late or replayed webhook cannot undo a newer state.
    """

    class Status(models.TextChoices):
        REQUIRES_PAYMENT = "requires_payment", _("Waiting for the buyer")
        AUTHORISED = "authorised", _("Authorised, held")
        CAPTURED = "captured", _("Captured")
        CANCELLED = "cancelled", _("Authorisation released")
        PARTIALLY_REFUNDED = "partially_refunded", _("Partially refunded")
        REFUNDED = "refunded", _("Refunded")
        FAILED = "failed", _("Failed")

    RANK = {
        Status.REQUIRES_PAYMENT: 0,
        Status.FAILED: 1,
        Status.AUTHORISED: 2,
        Status.CAPTURED: 3,
        Status.CANCELLED: 3,
        Status.PARTIALLY_REFUNDED: 4,
        Status.REFUNDED: 5,
    }

    order = models.OneToOneField("orders.Order", on_delete=models.PROTECT, related_name="payment")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUIRES_PAYMENT)
    amount_fen = models.PositiveIntegerField()
    currency = models.CharField(max_length=3, default="cny")
    capture_method = models.CharField(max_length=10, default="manual")
    checkout_session_id = models.CharField(max_length=100, blank=True)
    intent_id = models.CharField(max_length=100, blank=True, db_index=True)
    captured_fen = models.PositiveIntegerField(default=0)
    refunded_fen = models.PositiveIntegerField(default=0)
    authorised_at = models.DateTimeField(null=True, blank=True)
    capture_before = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("payment")

    def __str__(self) -> str:
        return f"{self.intent_id or self.pk}: {self.status}"


class StripeEvent(models.Model):
    """Every webhook event received, once. A replay finds its row and changes nothing."""

    event_id = models.CharField(max_length=100, unique=True)
    event_type = models.CharField(max_length=100)
    created = models.DateTimeField()
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id}"


class PayoutAccount(models.Model):
    """A seller's Stripe Connect account, where released payments are paid out."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payout_account"
    )
    stripe_account_id = models.CharField(max_length=100, unique=True)
    details_submitted = models.BooleanField(default=False)
    payouts_enabled = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.stripe_account_id
