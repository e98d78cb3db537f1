"""No parameter sends a visitor off the site: `next` on sign-in, sign-out, sign-up, the language switch,
the staff admin's sign-in and the identity check, and the Referer a refused form returns to."""

from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse

from listings.models import Listing
from tests.accounts.factories import PASSWORD, sign_in
from tests.listings.factories import ListingFactory

pytestmark = pytest.mark.django_db

ELSEWHERE = [
    "https://evil.example/",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "https:evil.example",
    " //evil.example",
    "/%2F%2Fevil.example",
    "http://testserver.evil.example/",
    "http://evil.example@testserver/",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
]


def assert_on_site(response, where: str) -> None:
    location = response.get("Location", "")
    if response.status_code not in (301, 302, 303, 307, 308):
        assert "evil.example" not in location
        return
    parts = urlsplit(location.strip())
    assert parts.scheme in ("", "http", "https"), (where, location)
    assert parts.netloc in ("", "testserver"), (where, location)
    assert not location.strip().startswith(("//", "/\\", "\\")), (where, location)


@pytest.mark.parametrize("target", ELSEWHERE)
def test_signing_in_with_a_next_elsewhere_stays_on_the_site(client, resident, target):
    cache.clear()
    url = reverse("account_login")
    data = {"login": resident.email, "password": PASSWORD, "next": target}
    response = client.post(f"{url}?next={target}", data)
    assert response.wsgi_request.user.is_authenticated or response.status_code == 302
    assert_on_site(response, "sign-in")


@pytest.mark.parametrize("target", ELSEWHERE)
def test_the_language_switch_stays_on_the_site(client, target):
    response = client.post(reverse("set_language"), {"language": "en", "next": target})
    assert_on_site(response, "language switch")
    response = client.post(reverse("set_language"), {"language": "en"}, HTTP_REFERER=target)
    assert_on_site(response, "language switch (referer)")


@pytest.mark.parametrize("target", ELSEWHERE)
def test_signing_out_and_signing_up_stay_on_the_site(client, resident, target):
    sign_in(client, resident)
    assert_on_site(client.post(reverse("account_logout"), {"next": target}), "sign-out")
    assert_on_site(client.get(reverse("account_signup"), {"next": target}), "sign-up")
    assert_on_site(client.get("/cms/login/", {"next": target}), "staff admin sign-in")


@pytest.mark.parametrize("target", ELSEWHERE)
def test_a_refused_form_does_not_follow_a_foreign_referer(client, seller, target):
    listing = ListingFactory(seller=seller, status=Listing.Status.SOLD)
    sign_in(client, seller)
    response = client.post(reverse("listings:withdraw", args=[listing.pk]), HTTP_REFERER=target)
    assert_on_site(response, "refusal")


def test_the_identity_check_and_the_dashboard_ignore_next(client, resident):
    sign_in(client, resident)
    for target in ELSEWHERE:
        response = client.post(
            reverse("accounts:verify_identity") + f"?next={target}",
            {"real_name": "王小明", "id_number": "120104199003070012", "next": target},
        )
        assert_on_site(response, "identity check")
        assert_on_site(client.get(reverse("core:dashboard"), {"next": target}), "dashboard")
