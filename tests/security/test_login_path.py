"""One way in: allauth's login, with the second factor checked for this session (issue 12, item 1)."""

import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache
from django.urls import reverse

from marketplace.accounts.services import set_role
from tests.accounts.factories import PASSWORD, UserFactory, give_totp, sign_in
from tests.appraisal.factories import AppraiserFactory

pytestmark = pytest.mark.django_db

STAFF_PAGES = {
    "regulator": "regulation:dashboard",
    "appraiser": "appraisal:workbench",
    "platform_staff": "wagtailadmin_home",
}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def staff_member(role: str):
    """A staff account of `role` with its authenticator app set up; returns (user, TOTP secret)."""
    if role == "appraiser":
        user = AppraiserFactory().user
        set_role(user, "appraiser")
    elif role == "regulator":
        user = UserFactory(regulator=True)
    else:
        user = UserFactory()
        set_role(user, role)
    return user, give_totp(user)


def assert_sent_to_sign_in(response):
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("role", STAFF_PAGES)
def test_wagtails_login_form_signs_no_one_in(client, role):
    user, _secret = staff_member(role)
    posted = client.post(
        "/cms/login/", {"username": user.email, "password": PASSWORD, "next": "/regulation/"}
    )
    assert_sent_to_sign_in(posted)
    assert "_auth_user_id" not in client.session
    assert_sent_to_sign_in(client.get(reverse(STAFF_PAGES[role])))
    assert_sent_to_sign_in(client.get(reverse("regulation:dashboard")))


def test_the_wagtail_admin_sends_visitors_to_allauths_login(client):
    response = client.get("/cms/pages/")
    assert_sent_to_sign_in(response)
    assert "next=/cms/pages/" in response.url
    assert client.get("/cms/login/?next=/cms/").url == reverse("account_login") + "?next=/cms/"


def test_wagtails_password_reset_leads_to_allauths(client, regulator):
    response = client.post("/cms/password_reset/", {"email": regulator.email})
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password")
    assert client.get("/cms/password_reset/confirm/x/y/").url == reverse("account_reset_password")


@pytest.mark.parametrize("role", STAFF_PAGES)
def test_a_password_only_session_gets_no_staff_page_and_is_signed_out(client, role):
    user, _secret = staff_member(role)
    assert client.login(email=user.email, password=PASSWORD)  # Django's own login: password only
    assert_sent_to_sign_in(client.get(reverse(STAFF_PAGES[role])))
    assert "_auth_user_id" not in client.session
    # And once more with a forced session that never saw the code.
    sign_in(client, user, second_factor=False)
    for url_name in STAFF_PAGES.values():
        assert_sent_to_sign_in(client.get(reverse(url_name)))
        sign_in(client, user, second_factor=False)
    # Setting up or removing authenticators is not open to such a session either.
    assert_sent_to_sign_in(client.get(reverse("mfa_index")))


def test_a_regulator_without_the_code_cannot_unmask(client, regulator):
    sign_in(client, regulator, second_factor=False)
    response = client.post(reverse("regulation:unmask", args=[1]), {"reason": "核查"})
    assert_sent_to_sign_in(response)


@pytest.mark.parametrize("role", STAFF_PAGES)
def test_the_real_sign_in_with_the_code_opens_the_staff_page(client, role):
    user, secret = staff_member(role)
    posted = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert posted.url == reverse("mfa_authenticate")
    assert client.post(reverse("mfa_authenticate"), {"code": current_code(secret)}).status_code == 302
    assert client.get(reverse(STAFF_PAGES[role])).status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # allauth announces it on commit
def test_setting_up_the_authenticator_counts_as_passing_it_in_this_session(client):
    user = UserFactory(regulator=True)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert client.get(reverse("regulation:dashboard")).url == reverse("mfa_activate_totp")
    reauth = client.get(reverse("mfa_activate_totp"))
    client.post(reauth.url, {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    activated = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert activated.status_code == 302
    assert client.get(reverse("regulation:dashboard")).status_code == 200


def test_an_unverified_email_reaches_no_staff_page_even_with_the_code(client):
    user, _secret = staff_member("regulator")
    EmailAddress.objects.filter(user=user).update(verified=False)
    posted = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert posted.url == reverse("account_email_verification_sent")
    assert_sent_to_sign_in(client.get(reverse("regulation:dashboard")))
    sign_in(client, user)  # even a session that somehow passed both steps
    assert_sent_to_sign_in(client.get(reverse("regulation:dashboard")))
    assert "_auth_user_id" not in client.session


def test_street_staff_with_an_unverified_email_are_signed_out(client, street_staff):
    EmailAddress.objects.filter(user=street_staff).update(verified=False)
    sign_in(client, street_staff)
    assert_sent_to_sign_in(client.get(reverse("community_events:staff_dashboard")))


def test_residents_keep_their_password_sessions(client, resident):
    sign_in(client, resident, second_factor=False)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_wagtail_account_page_offers_no_password_or_email_change(client, platform_admin):
    sign_in(client, platform_admin)
    page = client.get(reverse("wagtailadmin_account"))
    assert page.status_code == 200
    assert 'name="password_change-old_password"' not in page.content.decode()
    assert 'name="email-email"' not in page.content.decode()
