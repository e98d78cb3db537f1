"""Listings of idle goods and their lifecycle."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Condition(models.TextChoices):
    """One documented scale (trade vocabulary: 准新 › 99新 › 95新 › 9成新 › 8成新 › 7成新及以下)."""

    LIKE_NEW = "like_new", _("Like new (准新)")
    N99 = "99", _("99% new (99新)")
    N95 = "95", _("95% new (95新)")
    N90 = "90", _("90% new (9成新)")
    N80 = "80", _("80% new (8成新)")
    N70 = "70", _("70% new or below (7成新及以下)")


class TradeMode(models.TextChoices):
    SELL = "sell", _("For sale")
    SWAP = "swap", _("For swap")
    GIVE = "give", _("Free to a neighbour")


class ListingQuerySet(models.QuerySet["Listing"]):
    def published(self) -> ListingQuerySet:
        return self.filter(status=Listing.Status.PUBLISHED)

    def visible_to_public(self) -> ListingQuerySet:
        """Listings anyone may open: on offer, reserved or sold (sold ones stay as a record)."""
        return self.filter(
            status__in=[Listing.Status.PUBLISHED, Listing.Status.RESERVED, Listing.Status.SOLD]
        )

    def for_cards(self) -> ListingQuerySet:
        """Everything a listing card shows, in a constant number of queries."""
        from .photos import ListingPhoto

        return self.select_related("category", "community__street", "seller").prefetch_related(
            models.Prefetch(
                "listing_photos",
                queryset=ListingPhoto.objects.select_related("photo").order_by("position"),
            )
        )

    def due_to_expire(self, now=None) -> ListingQuerySet:
        return self.published().filter(expires_at__lte=now or timezone.now())


class Listing(models.Model):
    """An item a resident offers. Only `listings.lifecycle.move` changes `status` (for the services
    and the public actions), apart from expiry's guarded bulk update."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING_REVIEW = "pending_review", _("Pending review")
        PUBLISHED = "published", _("Published")
        RESERVED = "reserved", _("Reserved")
        SOLD = "sold", _("Sold")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")
        REMOVED = "removed", _("Removed by moderation")
        BLOCKED = "blocked", _("Blocked (prohibited)")

    class AuthorityHold(models.TextChoices):
        """Who took the listing down, when moderation may not bring it back."""

        NONE = "none", _("None")
        REGULATOR = "regulator", _("Market regulator")
        IP_NOTICE = "ip_notice", _("Rights-holder notice")

    seller = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="listings")
    title = models.CharField(_("title"), max_length=60)
    description = models.TextField(_("description"), max_length=2000)
    category = models.ForeignKey("listings.Category", verbose_name=_("category"), on_delete=models.PROTECT)
    attributes = models.JSONField(_("details"), default=dict, blank=True)
    condition = models.CharField(_("condition"), max_length=10, choices=Condition.choices)
    trade_mode = models.CharField(
        _("trade mode"), max_length=10, choices=TradeMode.choices, default=TradeMode.SELL
    )
    price = models.DecimalField(_("price (CNY)"), max_digits=10, decimal_places=2, null=True, blank=True)
    negotiable = models.BooleanField(_("price negotiable"), default=False)
    community = models.ForeignKey(
        "geography.Community", verbose_name=_("community"), on_delete=models.PROTECT, related_name="listings"
    )
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    pickup = models.BooleanField(_("pick-up in the community"), default=True)
    delivery = models.BooleanField(_("delivery possible"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    appeal_used = models.BooleanField(default=False)
    moderation_note = models.TextField(_("moderation note"), blank=True)
    # A regulator's takedown or an IP notice: neither an appeal nor a moderator's approval lifts it,
    # only `listings.actions.lift_authority_hold` / `restore(…, authority=…)` called by regulation.
    authority_hold = models.CharField(
        _("held by"), max_length=10, choices=AuthorityHold.choices, default=AuthorityHold.NONE
    )
    authority_hold_reason = models.TextField(_("reason for the hold"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["category", "status"]),
            models.Index(fields=["status", "expires_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(trade_mode="sell") | Q(status="draft") | Q(price__gte="0.01"),
                name="listing_for_sale_has_price",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def held_by_authority(self) -> bool:
        return self.authority_hold != self.AuthorityHold.NONE

    @property
    def cover(self):
        photos = list(self.listing_photos.all())
        return photos[0].photo if photos else None


S = Listing.Status
# Every allowed status change. Services refuse anything else with a message the user can read.
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.PENDING_REVIEW, S.PUBLISHED, S.BLOCKED, S.WITHDRAWN, S.REMOVED},
    S.PENDING_REVIEW: {S.PUBLISHED, S.REMOVED, S.BLOCKED, S.WITHDRAWN},
    S.PUBLISHED: {S.PENDING_REVIEW, S.RESERVED, S.WITHDRAWN, S.EXPIRED, S.REMOVED, S.BLOCKED},
    S.RESERVED: {S.PUBLISHED, S.SOLD, S.REMOVED, S.BLOCKED},
    S.SOLD: set(),  # the record of a sale stays as it is
    # A regulator's takedown or block reaches a listing wherever it is, so it cannot come back.
    S.WITHDRAWN: {S.DRAFT, S.REMOVED, S.BLOCKED},
    S.EXPIRED: {S.PUBLISHED, S.PENDING_REVIEW, S.BLOCKED, S.WITHDRAWN, S.REMOVED},
    S.REMOVED: {S.PENDING_REVIEW, S.PUBLISHED, S.BLOCKED},  # one appeal; IP restoration; a police referral
    S.BLOCKED: set(),
}
# Statuses in which the seller may still change the listing.
EDITABLE = {S.DRAFT, S.PENDING_REVIEW, S.PUBLISHED, S.EXPIRED}


class ListingStatusChange(models.Model):
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="status_changes")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    old_status = models.CharField(max_length=20, choices=Listing.Status.choices)
    new_status = models.CharField(max_length=20, choices=Listing.Status.choices)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.listing_id}: {self.old_status} → {self.new_status}"
