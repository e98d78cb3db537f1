"""Security headers on every page, and no inline script for the policy to forbid (issue 12)."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests.accounts.factories import sign_in
from tests.appraisal.factories import AppraiserFactory
from tests.listings.factories import ListingFactory

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def inline_scripts(html: str) -> list[str]:
    """Scripts a browser would run from the page itself: no src, and not a JSON data island."""
    found = []
    for attributes, body in SCRIPT_TAG.findall(html):
        if re.search(r"\bsrc\s*=", attributes):
            continue
        if re.search(r"type\s*=\s*[\"']application/(ld\+)?json[\"']", attributes):
            continue
        found.append(f"<script{attributes}>{body[:120]}")
    return found


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def assert_secure_headers(response):
    directives = policy(response)
    assert directives["script-src"] == "script-src 'self'"
    assert directives["object-src"] == "object-src 'none'"
    assert directives["base-uri"] == "base-uri 'self'"
    assert directives["frame-ancestors"] == "frame-ancestors 'none'"
    assert directives["img-src"] == "img-src 'self' data: blob:"
    assert response["Referrer-Policy"] in {"same-origin", "strict-origin-when-cross-origin"}
    assert response["X-Content-Type-Options"] == "nosniff"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=(self)", "geolocation=()", "microphone=()", "payment=()"):
        assert feature in permissions


def test_a_site_page_carries_the_security_headers(client):
    response = client.get(reverse("listings:browse"))
    assert response.status_code == 200
    assert_secure_headers(response)


def test_a_wagtail_admin_page_carries_the_security_headers(client, platform_admin):
    sign_in(client, platform_admin)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert_secure_headers(response)


def site_pages(seller):
    listing = ListingFactory(seller=seller, published=True)
    return [
        "/",
        reverse("listings:browse"),
        reverse("listings:detail", args=[listing.pk]),
        reverse("listings:seller", args=[seller.pk]),
        reverse("search:results") + "?q=书架",
        "/events/",
        reverse("community_events:calendar"),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
    ]


def test_no_site_page_runs_an_inline_script(client, seller, resident):
    pages = site_pages(seller)
    for url in pages:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert inline_scripts(response.content.decode()) == [], url
    sign_in(client, resident)
    signed_in_pages = [reverse(name) for name in ("accounts:profile", "listings:create", "orders:mine")]
    signed_in_pages += [reverse("account_email"), reverse("mfa_index")]
    for url in [*pages, *signed_in_pages]:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert inline_scripts(response.content.decode()) == [], url


def test_no_admin_page_runs_an_inline_script(client, platform_admin):
    sign_in(client, platform_admin)
    appraiser = AppraiserFactory()
    events = (
        Page.objects.get(slug="events")
        if Page.objects.filter(slug="events").exists()
        else Page.objects.last()
    )
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_pages:edit", args=[events.pk]),
        reverse("wagtailadmin_account"),
        reverse("wagtailsnippets_appraisal_appraiser:edit", args=[appraiser.pk]),
        reverse("wagtailsnippets_appraisal_appraiser:add"),
    ]
    problems = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        found = inline_scripts(response.content.decode())
        if found:
            problems[url] = found
    assert problems == {}


def test_only_wagtails_preview_may_be_framed_and_only_by_this_site(rf):
    from django.http import HttpResponse

    from marketplace.core.headers import ContentSecurityPolicyMiddleware

    def preview(request):
        response = HttpResponse("preview")
        response["X-Frame-Options"] = "SAMEORIGIN"  # what Wagtail's preview view sets
        return response

    framed = ContentSecurityPolicyMiddleware(preview)(rf.get("/cms/pages/2/edit/preview/"))
    assert policy(framed)["frame-ancestors"] == "frame-ancestors 'self'"
    plain = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("page"))(rf.get("/"))
    assert policy(plain)["frame-ancestors"] == "frame-ancestors 'none'"
