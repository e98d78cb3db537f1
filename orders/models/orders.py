"""Orders: one buyer taking one listing, paid online (held until receipt), in cash at a meet-up, or free."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .disputes import Dispute


class Order(models.Model):
    """Only `orders.services` changes `status`.

    Invariant: at most one open order per listing (partial unique constraint), on top of the row
    lock taken on the listing when the order is placed.
    """

    class Kind(models.TextChoices):
        ONLINE = "online", _("Paid online, held until you confirm receipt")
        MEETUP = "meetup", _("Cash at the meet-up")
        GIFT = "gift", _("Free give-away")

    class Status(models.TextChoices):
        PENDING_PAYMENT = "pending_payment", _("Waiting for payment")
        PAID = "paid", _("Paid (held)")
        AGREED = "agreed", _("Meet-up agreed")
        HANDED_OVER = "handed_over", _("Handed over")
        RECEIVED = "received", _("Received")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")
        REFUNDED = "refunded", _("Refunded")
        DISPUTED = "disputed", _("In dispute")
        RESOLVED = "resolved", _("Dispute resolved")

    class Resolution(models.TextChoices):
        REFUND = "refund", _("Full refund to the buyer")
        PARTIAL_REFUND = "partial_refund", _("Partial refund to the buyer")
        RELEASE = "release", _("Payment released to the seller")

    listing = models.ForeignKey("listings.Listing", on_delete=models.PROTECT, related_name="orders")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="purchases")
    seller = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sales")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    # Snapshots kept with the record (E-Commerce Law Art. 31), whatever happens to the listing later.
    item_title = models.CharField(max_length=60)
    item_category = models.CharField(max_length=200)
    price = models.DecimalField(_("price (CNY)"), max_digits=10, decimal_places=2)
    handover_note = models.CharField(_("hand-over"), max_length=200, blank=True)
    resolution = models.CharField(max_length=20, choices=Resolution.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)
    handed_over_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    auto_receive_at = models.DateTimeField(null=True, blank=True)
    retain_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["listing"],
                condition=~Q(status__in=["cancelled", "refunded", "completed", "resolved"]),
                name="one_open_order_per_listing",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.item_title}"

    @property
    def reference(self) -> str:
        return f"NK{self.created_at:%Y%m%d}{self.pk:06d}"


S = Order.Status
# Every allowed status change; which ones a kind of order may take is checked by the services.
TRANSITIONS: dict[str, set[str]] = {
    S.PENDING_PAYMENT: {S.PAID, S.CANCELLED},
    S.PAID: {S.HANDED_OVER, S.CANCELLED, S.DISPUTED},
    S.AGREED: {S.HANDED_OVER, S.COMPLETED, S.CANCELLED},
    S.HANDED_OVER: {S.RECEIVED, S.COMPLETED, S.DISPUTED},
    S.RECEIVED: {S.COMPLETED, S.DISPUTED},
    S.COMPLETED: {S.REFUNDED, S.DISPUTED},
    S.DISPUTED: {S.RESOLVED},
    S.CANCELLED: set(),
    S.REFUNDED: set(),
    S.RESOLVED: set(),
}
OPEN_STATUSES = {S.PENDING_PAYMENT, S.PAID, S.AGREED, S.HANDED_OVER, S.RECEIVED, S.DISPUTED}


class OrderStatusChange(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="status_changes")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    old_status = models.CharField(max_length=20, choices=Order.Status.choices, blank=True)
    new_status = models.CharField(max_length=20, choices=Order.Status.choices)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.old_status} → {self.new_status}"

    @property
    def reason_label(self) -> str:
        """The reason as people read it: the code a dispute was opened with becomes its label."""
        if self.new_status == Order.Status.DISPUTED and self.reason in Dispute.Reason.values:
            return Dispute.Reason(self.reason).label
        return self.reason
