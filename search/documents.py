"""The listing document every engine indexes, built from the database in one place."""

from __future__ import annotations

from django.db.models import Avg, OuterRef, Subquery

from appraisal.models import AppraisalReport
from listings.models import Listing
from orders.models import Rating

from . import dictionary, text

INDEXED_STATUSES = (Listing.Status.PUBLISHED,)
# Identifiers stay out of the index: a resident searches for a phone, not for someone's IMEI or plate.
PRIVATE_ATTRIBUTES = {"imei", "mac", "vin", "plate", "serial", "certificate"}


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


def attribute_values(attributes: dict) -> list[str]:
    """The listing's details a resident may search by; sizes also as "M码"."""
    values = []
    for key, value in (attributes or {}).items():
        if key in PRIVATE_ATTRIBUTES or not isinstance(value, str | int) or isinstance(value, bool):
            continue
        values.append(str(value))
        if key == "size" and str(value).isalnum():
            values.append(f"{value}码")
    return values


def brand_names(terms: dictionary.Dictionary, *texts: str) -> list[str]:
    """The brand in every script when the texts name it by any alias or product line."""
    names: dict[str, None] = {}
    for part in texts:
        for word in text.words(part, for_index=True) + text.latin_variants(part):
            names.update(dict.fromkeys(terms.brands.get(word, ())))
    return list(names)


def category_names(terms: dictionary.Dictionary, path: str) -> list[str]:
    """Names of the category and its ancestors, with their dictionary synonyms."""
    return [word for ancestor in _ancestors(path) for word in terms.category_words.get(ancestor, ())]


def listing_document(listing: Listing) -> dict:
    """Build from a listing loaded by `listings_for_index()` (or any listing, at a few extra queries)."""
    terms = dictionary.current()
    details = listing.attributes or {}
    attributes = " ".join(attribute_values(details))
    brands = " ".join(
        brand_names(terms, listing.title, str(details.get("brand", "")), str(details.get("model", "")))
    )
    categories = category_names(terms, listing.category.path)
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
        "attributes_text": f"{attributes} {brands}".strip(),
        "pinyin": " ".join(text.pinyin_forms(f"{listing.title} {attributes} {brands}")),
        "tokens": text.index_tokens(
            listing.title,
            listing.description,
            attributes,
            brands,
            whole=categories,
            vocabulary=terms.vocabulary,
        ),
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
