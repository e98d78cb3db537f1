"""Pages anyone may open: browsing, a listing, a seller's profile."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Avg, Count
from django.shortcuts import get_object_or_404, render
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


def browse(request):
    filters = BrowseFilterForm(request.GET or None)
    listings = Listing.objects.published().for_cards()
    category = street = None
    if filters.is_valid():
        category = filters.cleaned_data["category"]
        if category:
            listings = listings.filter(category__path__startswith=category.path)
        if filters.cleaned_data["street"]:
            street = Street.objects.filter(code=filters.cleaned_data["street"]).first()
            if street:
                listings = listings.filter(community__street=street)
        if filters.cleaned_data["trade_mode"]:
            listings = listings.filter(trade_mode=filters.cleaned_data["trade_mode"])
    page = Paginator(listings.order_by("-published_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "listings/browse.html",
        {
            "page": page,
            "filters": filters,
            "category": category,
            "street": street,
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
