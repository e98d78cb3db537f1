import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from marketplace.accounts.services import set_role
from tests.accounts.factories import PASSWORD, UserFactory, give_totp
from tests.appraisal.factories import AppraiserFactory

pytestmark = pytest.mark.django_db


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.mark.parametrize("role", ["appraiser", "regulator", "platform_staff"])
def test_staff_roles_without_a_second_factor_are_sent_to_set_one_up(role, client):
    if role == "appraiser":
        user = AppraiserFactory().user
    elif role == "regulator":
        user = UserFactory(regulator=True)
    else:
        user = UserFactory()
        set_role(user, role)
    signed_in = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert signed_in.status_code == 302
    for url in ["/", reverse("accounts:profile"), reverse("core:dashboard"), "/cms/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == reverse("mfa_activate_totp")
    # allauth asks for the password again before a second factor is added; the middleware lets it.
    reauth = client.get(reverse("mfa_activate_totp"))
    assert reauth.url.startswith(reverse("account_reauthenticate"))
    confirmed = client.post(reauth.url, {"password": PASSWORD})
    assert confirmed.status_code == 302
    activation = client.get(reverse("mfa_activate_totp"))
    assert activation.status_code == 200
    assert b"svg" in activation.content  # the QR code to scan


def test_residents_and_street_staff_are_not_forced(client, resident, street_staff):
    for user in (resident, street_staff):
        client.force_login(user)
        assert client.get(reverse("accounts:profile")).status_code == 200


def test_staff_sign_in_asks_for_the_code_before_the_session_starts(client):
    user = UserFactory(regulator=True)
    secret = give_totp(user)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert client.get(reverse("regulation:dashboard")).status_code == 302  # not signed in yet

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert client.get(reverse("regulation:dashboard")).status_code == 302

    right = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert right.status_code == 302
    assert client.get(reverse("regulation:dashboard")).status_code == 200
