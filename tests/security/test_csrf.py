"""Every state-changing POST needs the CSRF token; only the signed Stripe webhook is exempt."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from listings.models import Listing
from tests.accounts.factories import sign_in
from tests.listings.factories import ListingFactory

pytestmark = pytest.mark.django_db

# Signed by Stripe (the signature is the proof); no browser session is involved.
EXEMPT = {"orders:stripe_webhook"}
APPS = (
    "listings",
    "orders",
    "search",
    "appraisal",
    "community_events",
    "regulation",
    "accounts",
    "core",
    "listings_moderation",
    "orders_disputes",
    "set_language",
    "account_",
    "mfa_",
)
PARAMETER = re.compile(r"<(?:(\w+):)?\w+>")


def _routes(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern)


def concrete(route: str) -> str | None:
    if "(" in route or "[" in route:
        return None  # a regex route with groups: not ours
    path = (
        PARAMETER.sub(lambda m: "1" if m.group(1) == "int" else "x", route).replace("^", "").replace("$", "")
    )
    return "/" + path.lstrip("/")


def site_posts() -> list[tuple[str, str]]:
    found = {}
    for name, route in _routes(get_resolver().url_patterns):
        path = concrete(route)
        if path and any(name.startswith(app) for app in APPS) and not name.startswith("regulation_api"):
            found.setdefault(name, path)
    return sorted(found.items())


POSTS = site_posts()


def test_the_routes_were_found():
    names = {name for name, _path in POSTS}
    assert {
        "listings:create",
        "orders:dispute",
        "community_events:register",
        "regulation:decide",
        "account_login",
        "set_language",
        "appraisal:issue",
    } <= names
    assert len(POSTS) > 60


@pytest.mark.parametrize(("name", "path"), POSTS, ids=[name for name, _ in POSTS])
def test_a_post_without_the_token_is_refused(platform_admin, name, path):
    client = Client(enforce_csrf_checks=True)
    sign_in(client, platform_admin)
    response = client.post(path, {"title": "x", "action": "approve"})
    if name in EXEMPT:
        assert response.status_code != 403
    else:
        assert response.status_code == 403, (name, path, response.status_code)


def test_with_the_token_the_same_post_goes_through(seller):
    client = Client(enforce_csrf_checks=True)
    sign_in(client, seller)
    listing = ListingFactory(seller=seller, published=True)
    page = client.get(reverse("listings:detail", args=[listing.pk]))
    token = (
        page.cookies["csrftoken"].value if "csrftoken" in page.cookies else client.cookies["csrftoken"].value
    )
    url = reverse("listings:withdraw", args=[listing.pk])
    assert client.post(url).status_code == 403
    assert Listing.objects.get(pk=listing.pk).status == Listing.Status.PUBLISHED
    assert client.post(url, {"csrfmiddlewaretoken": token}).status_code == 302
    assert Listing.objects.get(pk=listing.pk).status == Listing.Status.WITHDRAWN
