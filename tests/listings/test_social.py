import pytest
from django.urls import reverse

from listings import services
from listings.errors import ListingError
from listings.models import Favourite, Listing, ListingReport, RiskAssessment
from regulation.models import Flag
from tests.accounts.factories import UserFactory
from tests.listings.factories import (
    ConversationFactory,
    ListingFactory,
    ListingReportFactory,
    MessageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(seller):
    return ListingFactory(seller=seller, published=True)


def test_buyer_and_seller_exchange_messages(client, listing, buyer, seller):
    client.force_login(buyer)
    url = reverse("listings:conversation", args=[listing.pk])
    client.post(url, {"body": "还在吗？可以周六来看吗"})
    client.force_login(seller)
    page = client.get(url + f"?buyer={buyer.pk}").content.decode()
    assert "还在吗？可以周六来看吗" in page
    client.post(url + f"?buyer={buyer.pk}", {"body": "在的，周六下午可以"})
    client.force_login(buyer)
    assert "周六下午可以" in client.get(url).content.decode()


def test_off_platform_requests_in_messages_warn_the_reader_not_the_sender(client, listing, buyer, seller):
    client.force_login(seller)
    thread = ConversationFactory(listing=listing, buyer=buyer)
    message = services.send_message(thread, sender=seller, body="加 V X 详聊，转账给我更便宜")
    assert message.warning
    assert RiskAssessment.objects.get(message=message).hits.count() >= 2
    url = reverse("listings:conversation", args=[listing.pk])
    client.force_login(buyer)
    assert message.warning in client.get(url).content.decode()
    client.force_login(seller)
    assert message.warning not in client.get(url + f"?buyer={buyer.pk}").content.decode()


def test_outsiders_cannot_read_or_write_someone_elses_thread(client, listing, buyer, outsider):
    thread = MessageFactory(
        conversation__listing=listing, conversation__buyer=buyer, body="周六下午见"
    ).conversation
    client.force_login(outsider)
    page = client.get(reverse("listings:conversation", args=[listing.pk]) + f"?buyer={buyer.pk}")
    assert "周六下午见" not in page.content.decode()
    with pytest.raises(ListingError) as caught:
        services.send_message(thread, sender=outsider, body="hi")
    assert caught.value.code == "not_participant"


def test_sellers_cannot_message_themselves_or_about_unlisted_items(seller, buyer):
    listing = ListingFactory(seller=seller, published=True)
    with pytest.raises(ListingError):
        services.open_conversation(listing, buyer=seller)
    draft = ListingFactory(seller=seller)
    with pytest.raises(ListingError):
        services.open_conversation(draft, buyer=buyer)


def test_favourites_toggle(client, listing, buyer):
    client.force_login(buyer)
    client.post(reverse("listings:favourite", args=[listing.pk]))
    assert Favourite.objects.filter(user=buyer, listing=listing).exists()
    assert listing.title in client.get(reverse("listings:favourites")).content.decode()
    client.post(reverse("listings:favourite", args=[listing.pk]))
    assert not Favourite.objects.filter(user=buyer, listing=listing).exists()


def test_a_report_with_a_serious_reason_opens_a_flag(client, listing, buyer):
    client.force_login(buyer)
    client.post(
        reverse("listings:report", args=[listing.pk]), {"reason": "stolen", "details": "这是我被偷的车"}
    )
    report = ListingReport.objects.get(listing=listing)
    assert report.reporter == buyer
    flag = Flag.objects.get(listing=listing)
    assert (flag.source, flag.flag_type) == (Flag.Source.REPORT, Flag.Type.STOLEN)


def test_each_resident_reports_once_and_three_reports_hold_the_listing(listing, seller):
    reporters = UserFactory.create_batch(3)
    services.report_listing(listing, reporter=reporters[0], reason="misleading")
    with pytest.raises(ListingError) as caught:
        services.report_listing(listing, reporter=reporters[0], reason="misleading")
    assert caught.value.code == "duplicate"
    with pytest.raises(ListingError):
        services.report_listing(listing, reporter=seller, reason="other")
    listing.refresh_from_db()
    assert listing.status == Listing.Status.PUBLISHED
    for reporter in reporters[1:]:
        services.report_listing(listing, reporter=reporter, reason="misleading")
    listing.refresh_from_db()
    assert listing.status == Listing.Status.PENDING_REVIEW


def test_dismissed_reports_do_not_count_towards_holding_a_listing(listing, settings):
    ListingReportFactory.create_batch(
        settings.LISTING_REPORTS_TO_HOLD, listing=listing, status=ListingReport.Status.DISMISSED
    )
    for reporter in UserFactory.create_batch(settings.LISTING_REPORTS_TO_HOLD - 1):
        services.report_listing(listing, reporter=reporter, reason="misleading")
    listing.refresh_from_db()
    assert listing.status == Listing.Status.PUBLISHED


def test_the_inbox_lists_a_thread_for_both_sides_and_no_one_else(client, listing, buyer, seller, outsider):
    MessageFactory(conversation__listing=listing, conversation__buyer=buyer)
    for user, sees in ((seller, True), (buyer, True), (outsider, False)):
        client.force_login(user)
        assert (listing.title in client.get(reverse("listings:inbox")).content.decode()) is sees


def test_seller_profile_shows_public_listings_only(client, seller):
    public = ListingFactory(seller=seller, published=True, title="公开的台灯")
    ListingFactory(seller=seller, title="草稿里的椅子")
    page = client.get(reverse("listings:seller", args=[seller.pk])).content.decode()
    assert public.title in page
    assert "草稿里的椅子" not in page
    assert "王小明" not in page  # the real name never appears
