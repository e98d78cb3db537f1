"""The listing document every engine indexes, built from the database in one place."""

from __future__ import annotations

from django.db.models import Avg, OuterRef, Subquery

from appraisal.models import AppraisalReport
from listings.models import Listing
from orders.models import Rating

from . import text

INDEXED_STATUSES = (Listing.Status.PUBLISHED,)


def indexable(listing: Listing) -> bool:
    return listing.status in INDEXED_STATUSES


def listings_for_index():
    """Listings with everything the document needs in a constant number of queries."""
    seller_rating = (
        Rating.objects.filter(ratee=OuterRef("seller_id"))
        .values("ratee")
        .annotate(avg=Avg("score"))
        .values("avg")
    )
    latest_grade = (
        AppraisalReport.objects.filter(case__listing=OuterRef("pk"), revoked_at__isnull=True)
        .order_by("-issued_at")
        .values("case__grade")[:1]
    )
    return (
        Listing.objects.filter(status__in=INDEXED_STATUSES)
        .select_related("category", "community__street", "seller")
        .prefetch_related("listing_photos")
        .annotate(seller_rating=Subquery(seller_rating), appraisal_grade=Subquery(latest_grade))
    )


def listing_document(listing: Listing) -> dict:
    """Build from a listing loaded by `listings_for_index()` (or any listing, at a few extra queries)."""
    attributes = " ".join(
        str(v) for k, v in (listing.attributes or {}).items() if k in ("brand", "model", "size")
    )
    community = listing.community
    location = None
    if community.latitude is not None and community.longitude is not None:
        location = {"lat": float(community.latitude), "lon": float(community.longitude)}
    if hasattr(listing, "seller_rating"):
        seller_rating = listing.seller_rating
    else:
        seller_rating = listing.seller.ratings_received.aggregate(avg=Avg("score"))["avg"]
    return {
        "listing_id": listing.pk,
        "title": listing.title,
        "description": listing.description,
        "attributes_text": attributes,
        "pinyin": " ".join(text.pinyin_forms(f"{listing.title} {attributes}")),
        "tokens": text.index_tokens(listing.title, listing.description, attributes),
        "category_path": listing.category.path,
        "category_ancestors": _ancestors(listing.category.path),
        "top_category": listing.category.path.split("/")[0],
        "condition": listing.condition,
        # Swaps and give-aways cost nothing: 0, so price filters and sorts treat them alike everywhere.
        "price": float(listing.price) if listing.price is not None else 0.0,
        "trade_mode": listing.trade_mode,
        "street": community.street.code,
        "community_id": community.pk,
        "location": location,
        "appraised": bool(getattr(listing, "appraisal_grade", "")),
        "appraisal_grade": getattr(listing, "appraisal_grade", "") or "",
        "seller_rating": float(seller_rating) if seller_rating is not None else None,
        "has_photos": bool(listing.listing_photos.all()),
        "published_at": listing.published_at.isoformat() if listing.published_at else None,
        "updated_at": listing.updated_at.isoformat(),
    }


def _ancestors(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]
