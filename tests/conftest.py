"""Personas shared by every test: one account per role, plus someone with no business here."""

import pytest

from marketplace.accounts.services import set_role, verify_identity
from tests.accounts.factories import UserFactory, give_totp, sign_in
from tests.appraisal.factories import AppraiserFactory

VALID_ID = "120104199003070012"


@pytest.fixture
def resident(db):
    return UserFactory()


@pytest.fixture
def seller(db):
    user = UserFactory(display_name="卖家")
    verify_identity(user, real_name="王小明", id_number=VALID_ID)
    return user


@pytest.fixture
def buyer(db):
    return UserFactory(display_name="买家")


@pytest.fixture
def outsider(db):
    return UserFactory(display_name="路人")


@pytest.fixture
def street_staff(db):
    from marketplace.geography.models import Street

    user = UserFactory()
    set_role(user, "street_staff", street=Street.objects.get(code="120104007"))
    return user


@pytest.fixture
def appraiser(db):
    appraiser = AppraiserFactory()
    set_role(appraiser.user, "appraiser")
    give_totp(appraiser.user)
    return appraiser.user


@pytest.fixture
def regulator(db):
    user = UserFactory(regulator=True)
    give_totp(user)
    return user


@pytest.fixture
def platform_admin(db):
    user = UserFactory()
    set_role(user, "platform_staff")
    give_totp(user)
    return user


@pytest.fixture
def signed_in(client):
    """Sign a user in for the test client, marking the session as having passed MFA."""

    def signed(user):
        sign_in(client, user)
        return client

    return signed


@pytest.fixture
def stripe_mock(settings):
    """stripe-mock, started by scripts/test. Without it the test is skipped with this reason."""
    import urllib.error
    import urllib.request

    url = f"{settings.STRIPE_API_BASE}/v1/charges"
    request = urllib.request.Request(url, headers={"Authorization": "Bearer sk_test_123"})  # noqa: S310
    try:
        urllib.request.urlopen(request, timeout=2).close()  # noqa: S310 - loopback test service
    except (urllib.error.URLError, OSError):
        pytest.skip(f"stripe-mock is not reachable at {settings.STRIPE_API_BASE}; scripts/test starts it")
    return settings.STRIPE_API_BASE


def pytest_collection_modifyitems(config, items):
    """Browser tests last: their live server leaves the database flushed, and tests after them that
    need the reference data (streets, categories, the events index) would find it gone."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
