import datetime as dt

import pytest
from django.utils import timezone

from listings import actions, services
from listings.models import TradeRegistration
from marketplace.accounts.services import close_account
from tests.listings.factories import ListingFactory, TradeRegistrationFactory, add_photos, category

pytestmark = pytest.mark.django_db


def test_registration_records_the_item_identifiers_and_outlive_the_account(seller):
    listing = ListingFactory(
        seller=seller,
        category=category("phones"),
        title="华为 Mate 40",
        attributes={"imei": "490154203237518", "brand": "华为", "model": "Mate 40"},
    )
    add_photos(listing)
    services.submit_listing(listing, actor=seller)
    close_account(seller)
    services.withdraw_listing(listing, actor=seller)
    record = TradeRegistration.objects.get(listing=listing)
    assert record.identifiers == {"imei": "490154203237518"}
    assert record.item_name == "华为 Mate 40"
    assert record.identity.id_number_masked == "1201**********0012"
    assert record.identity.retain_until is not None


def test_a_sale_keeps_the_registration_for_the_retention_period_from_the_sale(seller, buyer, settings):
    listing = ListingFactory(seller=seller, reserved=True)
    record = TradeRegistrationFactory(listing=listing, retain_until=timezone.now() + dt.timedelta(days=10))
    actions.mark_sold(listing, actor=buyer, reason="order 7")
    record.refresh_from_db()
    assert record.retain_until > timezone.now() + dt.timedelta(days=settings.TRADE_RECORD_RETENTION_DAYS - 1)
