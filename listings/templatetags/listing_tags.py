from decimal import Decimal

from django import template
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
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.filter
def stars(score) -> str:
    """3 → ★★★☆☆"""
    score = max(0, min(5, int(score or 0)))
    return "★" * score + "☆" * (5 - score)
