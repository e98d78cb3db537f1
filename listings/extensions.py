"""Places on listings' pages that apps above fill in, registered from their `AppConfig.ready()`.

Listings never imports those apps; it asks these registries instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    """A block on the listing page: `template` rendered with `context` (and `listing`, `request`)."""

    template: str
    context: dict = field(default_factory=dict)


# (request, listing) → a Panel to show on the listing page, or None. Appraisal shows its badge here.
detail_panels: list[Callable[[HttpRequest, object], Panel | None]] = []

# (listing) → a price hint for its seller, or None: an object with `estimate`, `low`, `high`, `used`
# and `source` (a short label of where it came from). Appraisal offers similar sales here.
price_hints: list[Callable[[object], object | None]] = []


def panels_for(request: HttpRequest, listing) -> list[Panel]:
    return [panel for provider in detail_panels if (panel := provider(request, listing)) is not None]


def price_hint_for(listing):
    for provider in price_hints:
        hint = provider(listing)
        if hint is not None:
            return hint
    return None
