"""Sign-up asks for consent to the privacy policy and terms of use (PIPL Art. 13) and records it."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace.accounts.models import PolicyConsent, User
from marketplace.accounts.policy import POLICY_VERSION
from marketplace.geography.models import Community
from tests.accounts.test_signup import signup

pytestmark = pytest.mark.django_db


def test_the_sign_up_form_asks_for_consent_and_links_to_the_policy(client):
    page = client.get(reverse("account_signup")).content.decode()
    box = re.search(r'<input[^>]*name="accept_policy"[^>]*>', page).group(0)
    assert 'type="checkbox"' in box and "required" in box
    assert f'href="{reverse("accounts:privacy")}"' in page
    assert "我已阅读并同意隐私政策和用户协议" in page


def test_anyone_can_read_the_policy_and_its_version(client):
    response = client.get(reverse("accounts:privacy"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "隐私政策和用户协议" in page and POLICY_VERSION in page
    assert "《电子商务法》第二十七条" in page or "电子商务法" in page


def test_signing_up_records_when_and_to_which_version_the_resident_consented(client):
    before = timezone.now()
    # Fresh addresses: allauth rate-limits confirmation mails per address across tests.
    assert signup(client, email="consenting@example.com").status_code == 302
    consent = PolicyConsent.objects.get(user__email="consenting@example.com")
    assert consent.version == POLICY_VERSION
    assert before <= consent.consented_at <= timezone.now()


def test_sign_up_without_consent_is_refused_in_chinese_and_keeps_what_was_typed(client):
    community = Community.objects.get(name="官易里社区")
    response = signup(client, email="hesitant@example.com", accept_policy="")
    assert response.status_code == 200
    assert not User.objects.filter(email="hesitant@example.com").exists()
    assert not PolicyConsent.objects.exists()
    page = response.content.decode()
    assert "注册前请同意隐私政策和用户协议。" in page
    assert 'value="hesitant@example.com"' in page
    assert 'value="新邻居"' in page
    assert re.search(rf'<option value="{community.pk}" selected>', page)
