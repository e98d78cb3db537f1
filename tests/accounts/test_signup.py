import re

import pytest
from django.core import mail
from django.urls import reverse

from marketplace.accounts.models import User
from marketplace.geography.models import Community

pytestmark = pytest.mark.django_db


def signup(client, **overrides):
    data = {
        "email": "newcomer@example.com",
        "password1": "a-long-enough-pass-99",
        "password2": "a-long-enough-pass-99",
        "display_name": "新邻居",
        "community": Community.objects.get(name="官易里社区").pk,
        "accept_policy": "on",
    }
    data.update(overrides)
    return client.post(reverse("account_signup"), data)


def test_signup_offers_communities_grouped_by_street(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert '<optgroup label="向阳路街道">' in page
    assert "官易里社区" in page


def test_signup_needs_a_community_and_keeps_what_was_typed(client):
    response = signup(client, community="")
    assert response.status_code == 200
    assert not User.objects.filter(email="newcomer@example.com").exists()
    page = response.content.decode()
    assert "请选择您居住的社区" in page
    assert 'value="新邻居"' in page


def test_new_accounts_must_confirm_their_email_before_signing_in(client):
    response = signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="newcomer@example.com")
    assert user.community.name == "官易里社区"
    assert user.role == "resident"
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)

    client.logout()
    blocked = client.post(
        reverse("account_login"), {"login": user.email, "password": "a-long-enough-pass-99"}
    )
    assert blocked.url == reverse("account_email_verification_sent")

    path = link.split("testserver", 1)[-1]
    confirmed = client.post(path)
    assert confirmed.status_code == 302
    assert user.emailaddress_set.get().verified


def test_password_reset_mails_a_working_link(client, resident):
    response = client.post(reverse("account_reset_password"), {"email": resident.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    changed = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": "brand-new-pass-2026", "password2": "brand-new-pass-2026"},
    )
    assert changed.status_code == 302
    resident.refresh_from_db()
    assert resident.check_password("brand-new-pass-2026")


def test_account_emails_speak_as_the_site_not_as_the_host(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    signup(client, email="brand-check@example.com")  # a fresh address: confirmations are rate limited
    message = mail.outbox[0]
    assert message.subject.startswith("【南开邻里闲置】")
    assert "testserver" not in message.subject
    assert "Hello" not in message.body and "来自testserver" not in message.body
    assert message.body.startswith("您好，")
