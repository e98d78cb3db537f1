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
