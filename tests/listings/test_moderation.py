import pytest
from django.urls import reverse

from listings import services
from listings.errors import ListingError
from listings.models import Listing
from marketplace.accounts.services import set_role
from regulation.models import Flag
from tests.accounts.factories import UserFactory, sign_in
from tests.listings.factories import ListingFactory, add_photos

pytestmark = pytest.mark.django_db
S = Listing.Status


@pytest.fixture
def held(seller):
    listing = ListingFactory(seller=seller, description="外贸尾单包包")
    add_photos(listing)
    listing = services.submit_listing(listing, actor=seller)
    assert listing.status == S.PENDING_REVIEW
    return listing


def test_the_queue_shows_held_listings_with_their_rule_hits(client, platform_admin, held):
    sign_in(client, platform_admin)
    page = client.get(reverse("listings_moderation:queue")).content.decode()
    assert held.title in page
    assert "尾单" in page
    detail = client.get(reverse("listings_moderation:detail", args=[held.pk])).content.decode()
    assert "counterfeit-slang" in detail
    assert held.listing_photos.first().photo.thumb_jpeg in detail


def test_approving_publishes(client, platform_admin, held):
    sign_in(client, platform_admin)
    response = client.post(reverse("listings_moderation:detail", args=[held.pk]), {"action": "approve"})
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == S.PUBLISHED
    assert held.status_changes.last().actor == platform_admin


def test_rejecting_needs_a_reason_which_the_seller_then_sees(client, platform_admin, held, seller):
    sign_in(client, platform_admin)
    url = reverse("listings_moderation:detail", args=[held.pk])
    empty = client.post(url, {"action": "reject", "reason": ""})
    assert empty.status_code == 200
    held.refresh_from_db()
    assert held.status == S.PENDING_REVIEW

    client.post(url, {"action": "reject", "reason": "疑似假冒商标商品，请提供购买凭证"})
    held.refresh_from_db()
    assert held.status == S.REMOVED
    sign_in(client, seller)
    page = client.get(reverse("listings:detail", args=[held.pk])).content.decode()
    assert "疑似假冒商标商品，请提供购买凭证" in page
    assert reverse("listings:appeal", args=[held.pk]) in page


def test_escalating_puts_a_flag_in_the_regulator_queue_and_keeps_it_hidden(client, platform_admin, held):
    sign_in(client, platform_admin)
    client.post(
        reverse("listings_moderation:detail", args=[held.pk]),
        {"action": "escalate", "concern": "counterfeit", "reason": "疑似假冒知名品牌"},
    )
    flag = Flag.objects.get(listing=held, source=Flag.Source.MODERATION)
    assert flag.flag_type == Flag.Type.COUNTERFEIT
    assert flag.raised_by == platform_admin
    assert flag.evidence["listing"]["title"] == held.title
    held.refresh_from_db()
    assert held.status == S.PENDING_REVIEW


def test_a_seller_can_appeal_a_removal_once(seller, platform_admin, held, client):
    services.reject_listing(held, actor=platform_admin, reason="描述不实")
    sign_in(client, seller)
    response = client.post(reverse("listings:appeal", args=[held.pk]), {"statement": "这是正品，有发票"})
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == S.PENDING_REVIEW and held.appeal_used

    with pytest.raises(ListingError) as caught:
        services.reject_listing(held, actor=platform_admin, reason="还是不行")
    assert caught.value.code == "same_moderator"  # the appeal goes to someone else
    other = UserFactory()
    set_role(other, "platform_staff")
    services.reject_listing(held, actor=other, reason="发票不清楚")
    with pytest.raises(ListingError) as caught:
        services.appeal_removal(held, actor=seller, statement="再申诉")
    assert caught.value.code == "appeal_used"


def test_only_platform_staff_moderate(client, held, resident, street_staff, regulator):
    for user in (resident, street_staff, regulator):
        sign_in(client, user)
        for url in (
            reverse("listings_moderation:queue"),
            reverse("listings_moderation:detail", args=[held.pk]),
        ):
            response = client.get(url)
            assert response.status_code in (302, 403)
        client.post(reverse("listings_moderation:detail", args=[held.pk]), {"action": "approve"})
        held.refresh_from_db()
        assert held.status == S.PENDING_REVIEW
        with pytest.raises(ListingError):
            services.approve_listing(held, actor=user)


def test_platform_staff_edit_risk_rules_in_the_admin(client, platform_admin):
    sign_in(client, platform_admin)
    assert client.get("/cms/snippets/listings/riskrule/").status_code == 200


def test_the_moderation_page_reads_as_words_not_codes(client, platform_admin, seller):
    from tests.listings.factories import category

    listing = ListingFactory(
        seller=seller,
        description="外贸尾单 手机",
        category=category("phones"),
        attributes={"brand": "华为", "imei": "490154203237518"},
    )
    add_photos(listing)
    services.submit_listing(listing, actor=seller)
    sign_in(client, platform_admin)
    page = client.get(
        reverse("listings_moderation:detail", args=[listing.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    assert "pending_review" not in page and "draft →" not in page
    assert "草稿 → 待审核" in page
    assert "{&#x27;" not in page and "{'" not in page  # no Python dict as evidence
    assert "命中词" in page
    assert "brand:" not in page and "imei:" not in page
    assert "品牌: 华为" in page
