import pytest

from tests.appraisal.factories import AppraiserFactory
from tests.listings.factories import ListingFactory, category


@pytest.fixture
def certified(appraiser):
    """The appraiser persona, certified for phones, vehicles and luxury goods."""
    record = appraiser.appraiser
    record.specialities.add(category("electronics"), category("vehicles"), category("luxury"))
    return record


@pytest.fixture
def second_appraiser(db):
    return AppraiserFactory(specialities=("electronics", "vehicles"), totp=True)


@pytest.fixture
def phone_listing(seller):
    return ListingFactory(
        seller=seller,
        published=True,
        category=category("phones"),
        title="iPhone 13",
        attributes={"imei": "490154203237518", "brand": "Apple", "model": "iPhone 13"},
    )
