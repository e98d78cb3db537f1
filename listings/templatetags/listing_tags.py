from decimal import Decimal

from django import template
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def money(value) -> str:
    """CNY with two decimals and thousands separators: ¥1,234.50."""
    if value is None or value == "":
        return ""
    return f"¥{Decimal(value):,.2f}"


@register.simple_tag
def price_label(listing) -> str:
    if listing.trade_mode == "swap":
        return _("For swap")
    if listing.trade_mode == "give":
        return _("Free")
    return money(listing.price)


@register.filter
def stars(score) -> str:
    """3 → ★★★☆☆"""
    score = max(0, min(5, int(score or 0)))
    return "★" * score + "☆" * (5 - score)


@register.simple_tag(takes_context=True)
def listing_panel(context, panel) -> str:
    """Render a Panel from `listings.extensions` like `{% include %}`: inside the page's context (so
    `listing`, `is_seller`, `user` and the CSRF token are there), with the panel's own context on top."""
    template = context.template.engine.get_template(panel.template)
    with context.push({**panel.context, "listing": context["listing"]}):
        return template.render(context)


@register.simple_tag
def attribute_rows(listing) -> list[tuple[str, str]]:
    """The listing's attributes under their category's labels (品牌, 电池健康 …), not their keys."""
    language = get_language() or ""
    labels = {
        item["key"]: item.get("label_en" if language.startswith("en") else "label") or item["key"]
        for item in listing.category.all_attributes()
    }
    return [(labels.get(key, key), value) for key, value in (listing.attributes or {}).items() if value != ""]


@register.filter
def listing_status(code: str) -> str:
    """A status code from the history (draft, pending_review …) as the reader's words."""
    from listings.models import Listing

    try:
        return Listing.Status(code).label
    except ValueError:
        return code


EVIDENCE_LABELS = {
    "matched": gettext_lazy("Matched words"),
    "entries": gettext_lazy("Catalogue entries"),
    "median": gettext_lazy("Median price"),
    "mad": gettext_lazy("Median absolute deviation"),
    "robust_z": gettext_lazy("Robust z-score"),
    "samples": gettext_lazy("Prices compared"),
    "basis": gettext_lazy("Compared with"),
    "account_created": gettext_lazy("Account created"),
    "price": gettext_lazy("Price"),
    "identifier": gettext_lazy("Identifier"),
    "value": gettext_lazy("Value"),
    "other_listing": gettext_lazy("Other listing"),
    "last_hour": gettext_lazy("Listings in the last hour"),
    "quantity": gettext_lazy("Quantity"),
    "qr_payloads": gettext_lazy("QR code contents"),
}


@register.filter
def evidence_rows(evidence) -> list[tuple[str, str]]:
    """A rule hit's evidence as labelled lines a moderator reads, not a Python dict."""
    if not isinstance(evidence, dict):
        return [("", str(evidence))] if evidence else []
    return [(str(EVIDENCE_LABELS.get(key, key)), _evidence_text(value)) for key, value in evidence.items()]


def _evidence_text(value) -> str:
    if isinstance(value, list):
        return "；".join(_evidence_text(item) for item in value)
    if isinstance(value, dict):
        # A catalogue entry: its name and legal basis say it all.
        if "name" in value:
            return " · ".join(str(value[k]) for k in ("name", "legal_basis") if value.get(k))
        return "，".join(f"{k}: {_evidence_text(v)}" for k, v in value.items())
    return str(value)
