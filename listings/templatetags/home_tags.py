"""What the home page shows: top-level categories, goods near the visitor, and the newest goods.

A template tag, not a view: the home page is a Wagtail page in the site shell, which may not import
listings (layers in pyproject.toml); a tag is looked up by name when the template renders.
"""

from django import template

from listings.models import Category, Listing

register = template.Library()

# Two rows of the phone's two-column grid, four rows on a desktop's four.
HOME_CARDS = 8


@register.simple_tag
def home_categories() -> list[Category]:
    return list(Category.objects.filter(parent__isnull=True).order_by("position", "path"))


@register.simple_tag
def home_listings(user) -> dict:
    """{"near": cards from the visitor's street (signed in, with a community), "newest": the rest}.

    Four queries at most, whatever the number of listings: each list is a slice of an indexed order.
    """
    cards = Listing.objects.published().for_cards().order_by("-published_at", "-pk")
    community = getattr(user, "community", None) if user.is_authenticated else None
    near: list[Listing] = []
    if community is not None:
        street_communities = list(community.street.communities.values_list("pk", flat=True))
        near = list(cards.filter(community_id__in=street_communities)[:HOME_CARDS])
    newest = list(cards.exclude(pk__in=[listing.pk for listing in near])[:HOME_CARDS])
    return {"near": near, "street": community.street if community is not None else None, "newest": newest}
