"""Pages anyone may open: browsing, a listing, a seller's profile."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlencode

from django.db.models import Avg, Count, Max, Q
from django.shortcuts import get_object_or_404, render
from django.utils.functional import cached_property
from django.utils.translation import get_language

from marketplace.accounts.models import User
from marketplace.geography.models import Street

from .. import extensions
from ..forms import BrowseFilterForm, ReportForm
from ..identifiers import PRIVATE_KEYS
from ..models import TRANSITIONS, Category, Favourite, Listing
from ..permissions import can_edit_listing, is_listing_seller, listings_visible_to
from .access import listing_for

PAGE_SIZE = 24
# How long a page of cards may be reused at most; a listing saved in the meantime changes the key anyway.
BROWSE_CACHE_SECONDS = 60
S = Listing.Status


def public_details(listing: Listing) -> list[tuple[str, str]]:
    """The category details buyers see; identifiers (IMEI, VIN, plate…) stay in the registration records."""
    english = (get_language() or "").startswith("en")
    values = listing.attributes or {}
    return [
        (item.get("label_en") if english else item["label"], values[item["key"]])
        for item in listing.category.all_attributes()
        if values.get(item["key"]) and item["key"] not in PRIVATE_KEYS
    ]


class KeysetPage:
    """One page of listings, newest first, after a cursor: no OFFSET and no COUNT, so a page deep in a
    million listings costs what the first one does. Rows load on first use, inside the template's cache."""

    def __init__(self, listings, after: tuple[datetime, int] | None, size: int = PAGE_SIZE):
        self.listings, self.after, self.size = listings, after, size

    @cached_property
    def rows(self) -> list[Listing]:
        listings = self.listings.order_by("-published_at", "-pk")
        if self.after:
            published_at, pk = self.after
            listings = listings.filter(
                Q(published_at__lt=published_at) | Q(published_at=published_at, pk__lt=pk)
            )
        return list(listings[: self.size + 1])

    def __iter__(self):
        return iter(self.rows[: self.size])

    @property
    def next_cursor(self) -> str:
        if len(self.rows) <= self.size:
            return ""
        last = self.rows[self.size - 1]
        return encode_after(last.published_at, last.pk)


def encode_after(published_at: datetime, pk: int) -> str:
    return f"{round(published_at.timestamp() * 1_000_000)}.{pk}"


def decode_after(token: str | None) -> tuple[datetime, int] | None:
    """The cursor of the last listing shown; anything malformed starts from the newest."""
    try:
        micros, pk = (int(part) for part in (token or "").split("."))
        return datetime.fromtimestamp(micros / 1_000_000, tz=UTC), pk
    except (ValueError, OverflowError, OSError):
        return None


def browse(request):
    filters = BrowseFilterForm(request.GET or None)
    listings = Listing.objects.published().for_cards()
    category = street = None
    trade_mode = ""
    if filters.is_valid():
        category = filters.cleaned_data["category"]
        if category:
            subtree = Category.objects.filter(path__startswith=category.path).values_list("pk", flat=True)
            listings = listings.filter(category_id__in=list(subtree))
        if filters.cleaned_data["street"]:
            street = Street.objects.filter(code=filters.cleaned_data["street"]).first()
            if street:
                # Ids, not a join: PostgreSQL then walks the (community, newest) index.
                listings = listings.filter(
                    community_id__in=list(street.communities.values_list("pk", flat=True))
                )
        trade_mode = filters.cleaned_data["trade_mode"]
        if trade_mode:
            listings = listings.filter(trade_mode=trade_mode)
    after = decode_after(request.GET.get("after"))
    after_token = encode_after(*after) if after else ""
    filter_query = urlencode(
        {
            key: value
            for key, value in (
                ("category", category.slug if category else ""),
                ("street", street.code if street else ""),
                ("trade_mode", trade_mode),
            )
            if value
        }
    )
    # The cards are the same for everyone, so they are cached; any listing saved since changes the key.
    changed = Listing.objects.aggregate(at=Max("updated_at"), pk=Max("pk"))
    cache_key = ":".join(
        str(part)
        for part in (
            category.pk if category else "",
            street.pk if street else "",
            trade_mode,
            after_token,
            changed["at"].timestamp() if changed["at"] else "",
            changed["pk"],
        )
    )
    return render(
        request,
        "listings/browse.html",
        {
            "page": KeysetPage(listings, after),
            "filters": filters,
            "category": category,
            "street": street,
            "after": after_token,
            "filter_query": filter_query,
            "cache_key": cache_key,
            "cache_seconds": BROWSE_CACHE_SECONDS,
            "categories": Category.objects.filter(parent=None),
            "streets": Street.objects.all(),
        },
    )


def detail(request, pk: int):
    """The listing page; blocks from apps above (an appraisal badge …) come as `panels`."""
    listing = listing_for(request, pk)
    photos = [item.photo for item in listing.listing_photos.select_related("photo").order_by("position")]
    is_seller = is_listing_seller(request.user, listing)
    is_favourite = (
        request.user.is_authenticated
        and Favourite.objects.filter(user=request.user, listing=listing).exists()
    )
    return render(
        request,
        "listings/detail.html",
        {
            "listing": listing,
            "photos": photos,
            "is_favourite": is_favourite,
            "is_seller": is_seller,
            "can_edit": can_edit_listing(request.user, listing),
            "can_withdraw": is_seller and S.WITHDRAWN in TRANSITIONS[listing.status],
            "can_reopen": is_seller and listing.status == S.WITHDRAWN,
            # A removal by the regulator or after an IP notice is not moderation's to undo.
            "can_appeal": is_seller
            and listing.status == S.REMOVED
            and not listing.appeal_used
            and not listing.held_by_authority,
            "seller_verified": listing.seller.identity_verifications.current().exists(),
            "report_form": ReportForm(),
            "details": public_details(listing),
            "panels": extensions.panels_for(request, listing),
            "history": listing.status_changes.all() if is_seller else [],
        },
    )


def seller_profile(request, user_id: int):
    seller = get_object_or_404(User, pk=user_id, is_active=True)
    listings = listings_visible_to(None, seller.listings.all()).for_cards().order_by("-published_at")
    return render(
        request,
        "listings/seller.html",
        {
            "seller": seller,
            "listings": listings[:48],
            "verified": seller.identity_verifications.current().exists(),
            "sold_count": seller.listings.filter(status=S.SOLD).count(),
            "rating": seller.ratings_received.aggregate(average=Avg("score"), count=Count("pk")),
            "recent_ratings": seller.ratings_received.select_related("rater").order_by("-created_at")[:10],
        },
    )
