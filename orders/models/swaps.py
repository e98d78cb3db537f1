from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SwapAgreement(models.Model):
    """A swap-mode listing is not bought: a neighbour offers something in exchange and the owner agrees."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        COMPLETED = "completed", _("Swapped")
        CANCELLED = "cancelled", _("Cancelled")

    listing = models.ForeignKey("listings.Listing", on_delete=models.PROTECT, related_name="swap_agreements")
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="swap_offers"
    )
    offered_listing = models.ForeignKey(
        "listings.Listing", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    offer = models.CharField(_("what you offer"), max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"swap {self.listing_id} ← {self.offer}"
