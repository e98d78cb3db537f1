import datetime as dt
import itertools

import pytest
from django.db import transaction
from django.utils import timezone

from listings import actions, lifecycle, services
from listings.errors import ListingError
from listings.models import TRANSITIONS, Listing, ListingStatusChange, TradeRegistration
from tests.listings.factories import CategoryFactory, ListingFactory, add_photos, category

pytestmark = pytest.mark.django_db
S = Listing.Status


@pytest.mark.parametrize("old,new", list(itertools.product(S.values, S.values)))
def test_only_the_transitions_in_the_table_are_allowed(old, new, seller):
    listing = ListingFactory(seller=seller, status=old)
    if new in TRANSITIONS[old]:
        with transaction.atomic():
            lifecycle.move(listing, new, actor=seller, reason="test")
        listing.refresh_from_db()
        assert listing.status == new
        change = ListingStatusChange.objects.get(listing=listing)
        assert (change.old_status, change.new_status, change.actor) == (old, new, seller)
    else:
        with pytest.raises(ListingError) as caught, transaction.atomic():
            lifecycle.move(listing, new, actor=seller)
        assert caught.value.code == "transition"
        listing.refresh_from_db()
        assert listing.status == old
        assert not ListingStatusChange.objects.filter(listing=listing).exists()


def test_a_clean_listing_is_published_with_an_expiry_and_a_registration(seller):
    listing = ListingFactory(seller=seller)
    add_photos(listing)
    published = services.submit_listing(listing, actor=seller)
    assert published.status == S.PUBLISHED
    assert published.expires_at > timezone.now() + dt.timedelta(days=59)
    registration = TradeRegistration.objects.get(listing=listing)
    assert registration.seller_name_masked == "王**"
    assert registration.retain_until > timezone.now() + dt.timedelta(days=3 * 365)


def test_a_photo_that_failed_to_process_does_not_count_for_publishing(seller):
    from media.models import Photo

    listing = ListingFactory(seller=seller)
    [attached] = add_photos(listing)
    Photo.objects.filter(pk=attached.photo_id).update(status=Photo.Status.FAILED, failure="unreadable")
    with pytest.raises(ListingError) as caught:
        services.submit_listing(listing, actor=seller)
    assert caught.value.code == "no_photos"


def test_a_listing_needs_a_photo_before_publishing(seller):
    listing = ListingFactory(seller=seller)
    with pytest.raises(ListingError) as caught:
        services.submit_listing(listing, actor=seller)
    assert caught.value.code == "no_photos"
    listing.refresh_from_db()
    assert listing.status == S.DRAFT


def test_an_unverified_resident_can_give_away_but_not_sell(resident):
    for_sale = ListingFactory(seller=resident)
    add_photos(for_sale)
    with pytest.raises(ListingError) as caught:
        services.submit_listing(for_sale, actor=resident)
    assert caught.value.code == "unverified"

    gift = ListingFactory(seller=resident, trade_mode="give", price=None)
    add_photos(gift, seed=500)
    assert services.submit_listing(gift, actor=resident).status == S.PUBLISHED


def test_required_category_details_are_asked_for_before_publishing(seller):
    phone = ListingFactory(seller=seller, category=category("phones"), title="iPhone 13", attributes={})
    add_photos(phone)
    with pytest.raises(ListingError) as caught:
        services.submit_listing(phone, actor=seller)
    assert caught.value.code == "missing_attributes"
    assert "IMEI" in str(caught.value.message)


def test_a_subcategory_asks_for_its_parents_required_details_too(seller):
    musical = CategoryFactory(
        slug="instruments",
        attributes=[
            {"key": "maker", "label": "制造商", "label_en": "Maker", "kind": "text", "required": True}
        ],
    )
    pianos = CategoryFactory(
        slug="pianos",
        parent=musical,
        attributes=[
            {"key": "serial", "label": "琴号", "label_en": "Serial", "kind": "text", "required": True}
        ],
    )
    piano = ListingFactory(seller=seller, category=pianos, attributes={"serial": "A123"})
    add_photos(piano)
    with pytest.raises(ListingError) as caught:
        services.submit_listing(piano, actor=seller)
    assert caught.value.code == "missing_attributes"
    assert "制造商" in str(caught.value.message) and "琴号" not in str(caught.value.message)
    services.update_listing(piano, actor=seller, attributes={"serial": "A123", "maker": "珠江"})
    assert services.submit_listing(piano, actor=seller).status == S.PUBLISHED


def test_someone_else_cannot_submit_or_withdraw(seller, outsider):
    listing = ListingFactory(seller=seller)
    add_photos(listing)
    for action in (services.submit_listing, services.withdraw_listing):
        with pytest.raises(ListingError) as caught:
            action(listing, actor=outsider)
        assert caught.value.code == "not_seller"


def test_withdrawn_listings_reopen_as_drafts(seller):
    listing = ListingFactory(seller=seller, published=True)
    services.withdraw_listing(listing, actor=seller)
    assert services.reopen_as_draft(listing, actor=seller).status == S.DRAFT


def test_listings_expire_after_their_period_and_can_be_renewed(seller):
    listing = ListingFactory(seller=seller)
    add_photos(listing)
    services.submit_listing(listing, actor=seller)
    assert services.expire_due_listings(now=timezone.now() + dt.timedelta(days=30)) == 0
    assert services.expire_due_listings(now=timezone.now() + dt.timedelta(days=61)) == 1
    listing.refresh_from_db()
    assert listing.status == S.EXPIRED
    assert listing.status_changes.last().reason
    assert services.submit_listing(listing, actor=seller).status == S.PUBLISHED


def test_the_expiry_task_runs_through_the_task_backend(seller):
    from listings.tasks import expire_listings

    listing = ListingFactory(
        seller=seller, published=True, expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    result = expire_listings.enqueue()
    assert result.return_value == 1
    listing.refresh_from_db()
    assert listing.status == S.EXPIRED


def test_reserved_then_sold_keeps_the_registration_for_three_years(seller, buyer):
    listing = ListingFactory(seller=seller)
    add_photos(listing)
    services.submit_listing(listing, actor=seller)
    with transaction.atomic():
        actions.reserve(listing, actor=buyer, reason="order 1")
        actions.mark_sold(listing, actor=buyer)
    listing.refresh_from_db()
    assert listing.status == S.SOLD
    assert TradeRegistration.objects.get(listing=listing).retain_until > timezone.now() + dt.timedelta(
        days=1095
    )


def test_editing_a_published_listing_keeps_it_published_when_clean(seller):
    listing = ListingFactory(seller=seller)
    add_photos(listing)
    services.submit_listing(listing, actor=seller)
    edited = services.update_listing(listing, actor=seller, price="280.00", description="降价了，书桌很结实")
    assert edited.status == S.PUBLISHED
    assert edited.assessments.count() == 2


def test_description_is_stored_as_plain_text(seller):
    listing = services.create_draft(
        seller,
        title="<b>台灯</b>",
        description='好用<script>alert(1)</script><a href="x">link</a> 1 < 2',
        category=category("furniture"),
        condition="90",
        trade_mode="sell",
        price="20",
    )
    assert listing.title == "台灯"
    assert listing.description == "好用link 1 < 2"


def test_only_removed_listings_can_be_appealed(seller):
    draft = ListingFactory(seller=seller)
    with pytest.raises(ListingError) as caught:
        services.appeal_removal(draft, actor=seller, statement="请审核")
    assert caught.value.code == "not_removed"


def test_an_edit_cannot_turn_a_gift_into_a_sale_without_verification(resident):
    gift = ListingFactory(seller=resident, trade_mode="give", price=None)
    add_photos(gift)
    services.submit_listing(gift, actor=resident)
    with pytest.raises(ListingError) as caught:
        services.update_listing(gift, actor=resident, trade_mode="sell", price="500")
    assert caught.value.code == "unverified"
    gift.refresh_from_db()
    assert gift.trade_mode == "give"
