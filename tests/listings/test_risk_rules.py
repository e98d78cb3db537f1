import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from listings import services
from listings.models import Listing, RiskHit, RiskRule
from listings.risk import normalise
from regulation.models import Flag
from tests.accounts.factories import UserFactory
from tests.listings.factories import ListingFactory, RiskRuleFactory, add_photos, category

pytestmark = pytest.mark.django_db
S = Listing.Status


def submit(seller, **fields):
    listing = ListingFactory(seller=seller, **fields)
    add_photos(listing)
    return services.submit_listing(listing, actor=seller)


def families(listing):
    return {hit.family for hit in RiskHit.objects.filter(assessment__listing=listing)}


def test_normalisation_undoes_the_usual_evasions():
    assert normalise("加 微 信").compact == "加微信"
    assert normalise("ＶＸ：ａｂｃ").compact == "vxabc"
    assert normalise("v-x").compact == "vx"
    assert normalise("一三八 1234 五六七八").compact == "13812345678"


@pytest.mark.parametrize(
    "text,family",
    [
        ("外贸尾 单 包包，做工很好", "counterfeit"),
        ("跟单 手表，和专柜一样", "counterfeit"),
        ("大牌同款 连衣裙", "brand_hedging"),
        ("不支持专柜验，介意勿拍", "brand_hedging"),
        ("感兴趣的加 微 信 详聊", "off_platform_contact"),
        ("V X 同号，私聊", "off_platform_contact"),
        ("有意 +V 联系", "off_platform_contact"),
        ("联系电话 138-1234-5678", "off_platform_contact"),
        ("电话 一三八一二三四五六七八", "off_platform_contact"),
        ("扣扣 123456789", "off_platform_contact"),
        ("先付款后发货，定金转我", "off_platform_payment"),
        ("不走平台，直接支付宝", "off_platform_payment"),
        ("详情看 http://t.cn/A6xyz", "phishing"),
        ("平台客服说点击链接退款", "phishing"),
        ("iPhone 有锁机 ID锁 便宜出", "stolen_phone"),
        ("监管机，资源机", "stolen_phone"),
        ("路上捡到的电动车", "stolen_goods"),
        ("公司资产 笔记本 带资产标签", "stolen_goods"),
        ("扩容机 256G", "refurb"),
        ("好评返现", "review_farming"),
    ],
)
def test_each_rule_family_holds_the_listing_for_review(text, family, seller):
    listing = submit(seller, description=text)
    assert listing.status == S.PENDING_REVIEW
    assert family in families(listing)
    hit = RiskHit.objects.filter(assessment__listing=listing, family=family).first()
    assert hit.reason and hit.evidence["matched"]


@pytest.mark.parametrize("text", ["出售 管 制 刀 具", "自家 仿真枪 玩具", "处方药 一盒", "出 电子烟"])
def test_prohibited_items_are_blocked_and_flagged(text, seller):
    listing = submit(seller, description=text)
    assert listing.status == S.BLOCKED
    flag = Flag.objects.get(listing=listing)
    assert flag.flag_type == Flag.Type.PROHIBITED
    assert flag.evidence["listing"]["description"] == text
    assert len(flag.evidence["listing"]["photo_hashes"]) == 1


def test_suspected_stolen_goods_open_a_flag_for_the_regulator(seller):
    listing = submit(seller, description="捡到的电动车，便宜")
    assert Flag.objects.get(listing=listing).flag_type == Flag.Type.STOLEN


def test_innocent_listings_are_published(seller):
    for text in ["九成新书桌，价格 1100 元，可小刀", "宝宝用过的推车，11 月买的", "支持平台担保交易"]:
        assert submit(seller, description=text).status == S.PUBLISHED, text


def test_an_urgent_sale_alone_only_warns_moderators(seller):
    listing = submit(seller, description="搬家急出，书桌")
    assert listing.status == S.PUBLISHED
    assert "stolen_goods" in families(listing)


def comparables(count, price, **extra):
    others = UserFactory.create_batch(count)
    for other in others:
        ListingFactory(seller=other, published=True, price=price, **extra)


def test_a_price_far_below_the_category_median_is_held_with_the_statistics(seller):
    comparables(6, "1000.00")
    ListingFactory(seller=UserFactory(), published=True, price="1100.00")
    listing = submit(seller, price="150.00")
    assert listing.status == S.PENDING_REVIEW
    hit = RiskHit.objects.get(assessment__listing=listing, family="price_anomaly")
    assert hit.evidence["median"] == 1000.0
    assert hit.evidence["samples"] == 7
    assert hit.evidence["robust_z"] < -2.5


def test_price_anomaly_needs_enough_comparables(seller):
    comparables(3, "1000.00")
    assert submit(seller, price="100.00").status == S.PUBLISHED


def test_a_normal_price_among_comparables_passes(seller):
    comparables(6, "1000.00")
    assert submit(seller, price="900.00").status == S.PUBLISHED


def test_a_new_account_whose_first_listing_is_high_value_is_held():
    from marketplace.accounts.services import verify_identity

    newcomer = UserFactory()
    verify_identity(newcomer, real_name="李四", id_number="11010519491231002X")
    listing = submit(newcomer, price="5000.00", category=category("furniture"))
    assert listing.status == S.PENDING_REVIEW
    assert "new_account_high_value" in families(listing)


def test_an_older_account_may_list_high_value_goods(seller):
    seller.date_joined = timezone.now() - dt.timedelta(days=30)
    seller.save()
    assert submit(seller, price="5000.00").status == S.PUBLISHED


def test_a_photo_reused_from_another_seller_is_held(seller):
    other_listing = ListingFactory(seller=UserFactory(), published=True)
    add_photos(other_listing, seed=777)
    listing = ListingFactory(seller=seller)
    add_photos(listing, seed=777)  # the same picture, uploaded again
    listing = services.submit_listing(listing, actor=seller)
    assert listing.status == S.PENDING_REVIEW
    hit = RiskHit.objects.get(assessment__listing=listing, family="image_reuse")
    assert hit.evidence["other_listing"] == other_listing.pk
    assert hit.evidence["distance"] <= 6


def test_the_same_imei_from_another_seller_is_held_as_possibly_stolen(seller):
    imei = "490154203237518"
    ListingFactory(
        seller=UserFactory(), published=True, category=category("phones"), attributes={"imei": imei}
    )
    listing = submit(seller, category=category("phones"), attributes={"imei": imei}, title="iPhone")
    assert listing.status == S.PENDING_REVIEW
    assert (
        RiskHit.objects.get(assessment__listing=listing, rule__code="duplicate-identifier").evidence["value"]
        == imei
    )


def test_too_many_listings_in_an_hour_are_held(seller):
    ListingFactory.create_batch(11, seller=seller)
    assert "velocity" in families(submit(seller))


def test_several_sealed_high_value_units_are_held(seller):
    seller.date_joined = timezone.now() - dt.timedelta(days=100)
    seller.save()
    listing = submit(seller, quantity=5, condition="like_new", price="6000.00")
    assert "too_good_stock" in families(listing)


def test_rules_are_data_edits_bump_the_version_and_hits_record_it(seller):
    rule = RiskRule.objects.get(code="brand-hedging")
    assert rule.version == 1
    rule.terms += "\n山寨"
    rule.save()
    rule.refresh_from_db()
    assert rule.version == 2
    listing = submit(seller, description="山寨手表")
    assert listing.status == S.PENDING_REVIEW
    assert RiskHit.objects.get(assessment__listing=listing).rule_version == 2

    rule.description = "typo fixed"
    rule.save()
    rule.refresh_from_db()
    assert rule.version == 2  # wording only: what the rule matches did not change


def test_a_deactivated_rule_stops_matching(seller):
    RiskRule.objects.filter(code="counterfeit-slang").update(is_active=False)
    assert submit(seller, description="尾单手表").status == S.PUBLISHED


def test_editing_a_published_listing_into_a_violation_takes_it_down(seller):
    listing = submit(seller)
    assert listing.status == S.PUBLISHED
    edited = services.update_listing(listing, actor=seller, description="加微信 便宜卖")
    assert edited.status == S.PENDING_REVIEW
    assert edited.status_changes.last().actor is None


def test_an_edit_never_publishes_a_held_listing(seller):
    listing = submit(seller, description="尾单")
    assert listing.status == S.PENDING_REVIEW
    edited = services.update_listing(listing, actor=seller, description="正品书桌")
    assert edited.status == S.PENDING_REVIEW


def test_price_is_checked_as_decimal(seller):
    listing = submit(seller, price=Decimal("0.01"))
    assert listing.price == Decimal("0.01")


def test_a_qr_code_in_a_photo_holds_the_listing(seller):
    from tests.media.images import photo_with_qr

    listing = ListingFactory(seller=seller)
    services.add_photo(listing, actor=seller, data=photo_with_qr("wxp://f2f0-pay-me-directly"))
    listing = services.submit_listing(listing, actor=seller)
    assert listing.status == S.PENDING_REVIEW
    hit = RiskHit.objects.get(assessment__listing=listing, rule__code="qr-code-in-photo")
    assert hit.evidence["qr_payloads"] == ["wxp://f2f0-pay-me-directly"]


def test_a_rule_staff_add_as_data_applies_to_the_next_submission(seller):
    RiskRuleFactory(code="fake-certificate", family="prohibited", terms="假证件\n代办证", outcome="block")
    listing = submit(seller, description="代 办 证，价格好说")
    assert listing.status == S.BLOCKED
    hit = RiskHit.objects.get(assessment__listing=listing, rule__code="fake-certificate")
    assert hit.evidence["matched"] == ["代办证"]
