"""Rate limits on sign-in, messages and reports, answered with one translated 429 (issue 12)."""

import json
from types import SimpleNamespace

import django_ratelimit.core
import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from marketplace.core.ratelimits import limit
from tests.accounts.factories import PASSWORD, UserFactory, sign_in
from tests.listings.factories import ListingFactory

TOO_MANY_ZH = "操作过于频繁，请等一分钟后再试。"


@pytest.fixture(autouse=True)
def one_fixed_minute(monkeypatch):
    """Every request of a test falls in the same counting window (django-ratelimit counts per window)."""
    cache.clear()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: 1_800_000_000.0))
    yield
    cache.clear()


def assert_too_many(response):
    assert response.status_code == 429
    assert TOO_MANY_ZH in response.content.decode()
    assert response["Retry-After"] == "60"


@pytest.mark.django_db
def test_the_31st_message_in_a_minute_is_refused_in_chinese(client, buyer, seller):
    listing = ListingFactory(seller=seller, published=True)
    url = reverse("listings:conversation", args=[listing.pk])
    sign_in(client, buyer)
    for n in range(30):
        assert client.post(url, {"body": f"你好，还在吗？第{n}次"}).status_code == 302
    assert_too_many(client.post(url, {"body": "再问一次"}))
    assert client.get(url).status_code == 200  # reading the thread is never limited
    assert listing.conversations.get().messages.count() == 30


@pytest.mark.django_db
def test_another_resident_may_still_send_while_one_is_limited(client, buyer, outsider, seller):
    listing = ListingFactory(seller=seller, published=True)
    url = reverse("listings:conversation", args=[listing.pk])
    sign_in(client, buyer)
    for n in range(31):
        client.post(url, {"body": f"消息{n}"})
    sign_in(client, outsider)
    assert client.post(url, {"body": "我也想问问"}).status_code == 302


@pytest.mark.django_db
def test_reporting_listings_is_limited_per_resident(client, resident, seller):
    listings = ListingFactory.create_batch(21, seller=seller, published=True)
    sign_in(client, resident)
    for listing in listings[:20]:
        response = client.post(reverse("listings:report", args=[listing.pk]), {"reason": "counterfeit"})
        assert response.status_code == 302
    assert_too_many(
        client.post(reverse("listings:report", args=[listings[20].pk]), {"reason": "counterfeit"})
    )


@pytest.mark.django_db
def test_sign_in_attempts_from_one_address_are_limited(client):
    user = UserFactory()
    for _ in range(30):
        client.post(reverse("account_login"), {"login": "nobody@example.com", "password": "wrong-password"})
    assert_too_many(client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD}))
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_guessing_one_accounts_password_stops_after_five_tries(client):
    user = UserFactory()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong-password"})
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@limit(rate="2/m", key="ip", methods=("GET",))
def feed(request):
    return HttpResponse("entries")


def test_the_helper_counts_only_the_named_methods_and_answers_api_clients_in_json():
    factory = RequestFactory()
    for _ in range(2):
        assert feed(factory.get("/feed")).status_code == 200
    assert feed(factory.post("/feed")).status_code == 200  # POST is not counted here
    refused = feed(factory.get("/feed", HTTP_ACCEPT="application/json"))
    assert refused.status_code == 429
    assert json.loads(refused.content)["code"] == "rate_limited"
    assert feed(factory.get("/feed", REMOTE_ADDR="10.0.0.9")).status_code == 200  # another address
