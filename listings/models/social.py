"""Messages between buyer and seller, favourites, and reports from anyone."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Conversation(models.Model):
    """One buyer's thread with the seller about one listing."""

    listing = models.ForeignKey("listings.Listing", on_delete=models.PROTECT, related_name="conversations")
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conversations"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["listing", "buyer"], name="one_conversation_per_buyer")
        ]

    def __str__(self) -> str:
        return f"{self.listing_id}/{self.buyer_id}"

    def participants(self) -> set[int]:
        return {self.buyer_id, self.listing.seller_id}


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sent_messages"
    )
    body = models.TextField(_("message"), max_length=1000)
    # Shown to the reader when the risk rules found off-platform contact or payment requests.
    warning = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.sender_id}: {self.body[:30]}"


class Favourite(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites")
    listing = models.ForeignKey("listings.Listing", on_delete=models.CASCADE, related_name="favourites")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "listing"], name="one_favourite_per_listing")]

    def __str__(self) -> str:
        return f"{self.user_id} ♥ {self.listing_id}"


class ListingReport(models.Model):
    class Reason(models.TextChoices):
        COUNTERFEIT = "counterfeit", _("Counterfeit or infringes a trademark")
        FRAUD = "fraud", _("Looks like a scam")
        PROHIBITED = "prohibited", _("Prohibited item")
        STOLEN = "stolen", _("Possibly stolen")
        MISLEADING = "misleading", _("Misleading description or photos")
        OFF_PLATFORM = "off_platform", _("Asks to pay or talk outside the platform")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        UPHELD = "upheld", _("Upheld")
        DISMISSED = "dismissed", _("Dismissed")

    listing = models.ForeignKey("listings.Listing", on_delete=models.PROTECT, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reports")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    details = models.TextField(_("details"), max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["listing", "reporter"],
                condition=models.Q(status="open"),
                name="one_open_report_per_reporter",
            )
        ]

    def __str__(self) -> str:
        return f"{self.listing_id}: {self.reason}"
