"""The built-in checks a `check` rule names: statistics and lookups that keywords cannot express."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from media.pipeline import hamming_distance

from ..models import Listing, ListingPhoto, RiskRule
from .catalogue import check_catalogue
from .findings import Finding


def check_price_anomaly(rule: RiskRule, listing: Listing, now) -> Finding | None:
    """Asking price far below what the same category (same brand and model when enough) sells for.

    Robust z-score on the median and MAD of comparable prices from the last year.
    """
    if listing.trade_mode != "sell" or not listing.price:
        return None
    params = {"min_samples": 5, "z": -2.5, "ratio": 0.35, "days": 365} | rule.parameters
    comparable = (
        Listing.objects.filter(
            category_id=listing.category_id,
            trade_mode="sell",
            status__in=[Listing.Status.PUBLISHED, Listing.Status.RESERVED, Listing.Status.SOLD],
            published_at__gte=now - timedelta(days=params["days"]),
        )
        .exclude(pk=listing.pk)
        .exclude(seller_id=listing.seller_id)
    )
    basis = "category"
    brand, model = (listing.attributes or {}).get("brand"), (listing.attributes or {}).get("model")
    if brand and model:
        same_model = comparable.filter(attributes__brand=brand, attributes__model=model)
        if same_model.count() >= params["min_samples"]:
            comparable, basis = same_model, "model"
    prices = [float(p) for p in comparable.values_list("price", flat=True)[:2000]]
    if len(prices) < params["min_samples"]:
        return None
    median = statistics.median(prices)
    mad = statistics.median(abs(p - median) for p in prices) or median * 0.05
    z = (float(listing.price) - median) / (1.4826 * mad)
    ratio = float(listing.price) / median if median else 1.0
    if z < params["z"] or ratio < params["ratio"]:
        return Finding(
            rule,
            rule.outcome,
            _("Asking ¥%(price)s, %(percent)s%% of the usual ¥%(median)s")
            % {"price": listing.price, "percent": round(ratio * 100), "median": round(Decimal(median), 2)},
            {"median": median, "mad": mad, "robust_z": round(z, 2), "samples": len(prices), "basis": basis},
        )
    return None


def check_new_account_high_value(rule: RiskRule, listing: Listing, now) -> Finding | None:
    params = {"account_days": 7} | rule.parameters
    seller = listing.seller
    if (
        listing.trade_mode != "sell"
        or not listing.price
        or listing.price < listing.category.high_value_threshold
    ):
        return None
    if seller.date_joined < now - timedelta(days=params["account_days"]):
        return None
    if seller.listings.exclude(pk=listing.pk).exclude(published_at=None).exists():
        return None
    return Finding(
        rule,
        rule.outcome,
        _("First listing of an account younger than %(days)s days, asking ¥%(price)s")
        % {"days": params["account_days"], "price": listing.price},
        {"account_created": seller.date_joined.isoformat(), "price": str(listing.price)},
    )


def check_image_reuse(rule: RiskRule, listing: Listing, now) -> Finding | None:
    """A photo nearly identical (perceptual hash) to one in another seller's listing."""
    params = {"max_distance": 6} | rule.parameters
    own = list(ListingPhoto.objects.filter(listing=listing).values_list("photo__phash", flat=True))
    if not own:
        return None
    others = ListingPhoto.objects.exclude(listing__seller_id=listing.seller_id).values_list(
        "listing_id", "photo__phash"
    )
    for other_listing, other_hash in others.iterator(chunk_size=2000):
        for phash in own:
            distance = hamming_distance(phash, other_hash)
            if distance <= params["max_distance"]:
                return Finding(
                    rule,
                    rule.outcome,
                    _("A photo matches one in another seller's listing"),
                    {
                        "photo_hash": phash,
                        "other_listing": other_listing,
                        "other_hash": other_hash,
                        "distance": distance,
                    },
                )
    return None


def check_duplicate_identifier(rule: RiskRule, listing: Listing, now) -> Finding | None:
    """The same IMEI (or MAC/VIN) listed by another seller: a stolen or cloned device."""
    for key in ("imei", "mac", "vin"):
        value = (listing.attributes or {}).get(key)
        if not value:
            continue
        clash = (
            Listing.objects.filter(**{f"attributes__{key}": value})
            .exclude(seller_id=listing.seller_id)
            .exclude(status=Listing.Status.DRAFT)
            .values_list("pk", flat=True)
            .first()
        )
        if clash:
            return Finding(
                rule,
                rule.outcome,
                _("%(key)s %(value)s is also listed by another seller")
                % {"key": key.upper(), "value": value},
                {"identifier": key, "value": value, "other_listing": clash},
            )
    return None


def check_velocity(rule: RiskRule, listing: Listing, now) -> Finding | None:
    params = {"per_hour": 10} | rule.parameters
    recent = listing.seller.listings.filter(created_at__gte=now - timedelta(hours=1)).count()
    if recent > params["per_hour"]:
        return Finding(
            rule,
            rule.outcome,
            _("%(count)s listings within an hour") % {"count": recent},
            {"last_hour": recent},
        )
    return None


def check_too_good_stock(rule: RiskRule, listing: Listing, now) -> Finding | None:
    params = {"min_quantity": 3} | rule.parameters
    if (
        listing.trade_mode == "sell"
        and listing.quantity >= params["min_quantity"]
        and listing.condition == "like_new"
        and listing.price
        and listing.price >= listing.category.high_value_threshold
    ):
        return Finding(
            rule,
            rule.outcome,
            _("%(quantity)s sealed high-value units from one private seller")
            % {"quantity": listing.quantity},
            {"quantity": listing.quantity, "price": str(listing.price)},
        )
    return None


def check_qr_in_photo(rule: RiskRule, listing: Listing, now) -> Finding | None:
    """A QR code in a photo (a WeChat contact or payment code) moves the deal off the platform."""
    payloads = [
        payload
        for codes in ListingPhoto.objects.filter(listing=listing).values_list("photo__qr_payloads", flat=True)
        for payload in codes or []
    ]
    if payloads:
        return Finding(rule, rule.outcome, _("A photo contains a QR code"), {"qr_payloads": payloads[:5]})
    return None


CHECKS: dict[str, Callable[[RiskRule, Listing, object], Finding | None]] = {
    "price_anomaly": check_price_anomaly,
    "new_account_high_value": check_new_account_high_value,
    "image_reuse": check_image_reuse,
    "duplicate_identifier": check_duplicate_identifier,
    "velocity": check_velocity,
    "too_good_stock": check_too_good_stock,
    "qr_in_photo": check_qr_in_photo,
    "catalogue": check_catalogue,
}
