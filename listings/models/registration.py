"""Registration records second-hand trade rules require, kept beyond the listing and the account."""

from django.db import models


class TradeRegistration(models.Model):
    """A snapshot taken when a listing is published: who sells what.

    Holds the seller's identity record (kept for its own retention period) and the item fields
    the rules ask for (name, quantity, model, condition; IMEI, MAC, VIN). Snapshots, not links,
    so later edits or deletions cannot rewrite the record. Kept `TRADE_RECORD_RETENTION_DAYS`.
    """

    listing = models.ForeignKey(
        "listings.Listing", null=True, on_delete=models.SET_NULL, related_name="registrations"
    )
    seller = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="trade_registrations")
    identity = models.ForeignKey(
        "accounts.IdentityVerification",
        null=True,
        on_delete=models.PROTECT,
        related_name="trade_registrations",
    )
    seller_name_masked = models.CharField(max_length=40, blank=True)
    item_name = models.CharField(max_length=60)
    quantity = models.PositiveIntegerField(default=1)
    category_path = models.CharField(max_length=200)
    condition = models.CharField(max_length=10)
    trade_mode = models.CharField(max_length=10)
    price = models.DecimalField(max_digits=10, decimal_places=2, null=True)
    identifiers = models.JSONField(default=dict)  # {"imei": ..., "mac": ..., "vin": ...} as registered
    attributes = models.JSONField(default=dict)
    community_name = models.CharField(max_length=100)
    registered_at = models.DateTimeField(auto_now_add=True)
    retain_until = models.DateTimeField()

    class Meta:
        ordering = ["-registered_at"]

    def __str__(self) -> str:
        return f"{self.item_name} ({self.registered_at:%Y-%m-%d})"
