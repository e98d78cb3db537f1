"""The public verification page and its downloads: numbers cannot be tried one after another, and an
unknown or revoked number tells nothing beyond "not found" or "revoked"."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from appraisal import services
from tests.appraisal.factories import issued_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_budget(settings):
    cache.clear()
    settings.APPRAISAL_VERIFY_RATE = "5/m"
    yield
    cache.clear()


def test_report_numbers_cannot_be_tried_one_after_another(client, small_budget, phone_listing, certified):
    report = issued_report(phone_listing, certified)
    guesses = [f"NKAP20261128{n:04d}ABCD" for n in range(1, 6)]
    assert [client.get(reverse("appraisal:verify", args=[g])).status_code for g in guesses] == [404] * 5
    # The budget is spent for every way in: the page, the PDF, the signed data, even a real number.
    for name in ("appraisal:verify", "appraisal:pdf", "appraisal:bundle"):
        response = client.get(reverse(name, args=[report.number]))
        assert response.status_code == 429 and response["Retry-After"]
    # Another client address has its own budget.
    other = client.get(reverse("appraisal:verify", args=[report.number]), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_an_unknown_number_tells_nothing_but_not_found(client, small_budget):
    pages = [
        client.get(reverse("appraisal:verify", args=[number]))
        for number in ("NKAP202611280001ABCD", "NKAP202611280002WXYZ-2", "not-a-number")
    ]
    assert [p.status_code for p in pages] == [404, 404, 404]
    # The same page for every unknown number, except the language switch's way back to the address typed
    # and its CSRF token.
    bodies = {
        re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", p.content.decode()).replace(
            reverse("appraisal:verify", args=[number]), "ADDRESS"
        )
        for p, number in zip(
            pages, ("NKAP202611280001ABCD", "NKAP202611280002WXYZ-2", "not-a-number"), strict=True
        )
    }
    assert len(bodies) == 1
    for name in ("appraisal:pdf", "appraisal:bundle"):
        assert client.get(reverse(name, args=["NKAP202611280001ABCD"])).status_code == 404


def test_a_revoked_report_tells_only_that_it_was_revoked(client, small_budget, phone_listing, certified):
    report = issued_report(phone_listing, certified)
    payload = report.payload
    services.revoke_report(report, actor=certified.user, reason="证书已被吊销")
    page = client.get(reverse("appraisal:verify", args=[report.number]))
    text = page.content.decode()
    assert page.status_code == 200 and "证书已被吊销" in text
    for detail in (
        payload["item"]["name"],
        payload["grade"],
        payload["appraiser"]["certificate"],
        payload["agency"]["credit_code"],
        payload["owner"],
        report.signature,
    ):
        assert detail not in text
    assert reverse("appraisal:pdf", args=[report.number]) not in text
    for name in ("appraisal:pdf", "appraisal:bundle"):
        response = client.get(reverse(name, args=[report.number]))
        assert response.status_code == 410
        assert payload["item"]["name"] not in response.content.decode()
