import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from listings.models import Listing
from marketplace.accounts.permissions import can_sell
from regulation import services
from regulation.models import AuditEntry, IPNotice, RightsHolder
from tests.accounts.factories import UserFactory, sign_in
from tests.listings.factories import ListingFactory
from tests.regulation.factories import IPNoticeFactory, RightsHolderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder():
    return RightsHolderFactory(verified=True, organisation="某知名品牌有限公司")


def test_a_registered_rights_holder_waits_for_staff_verification(client, platform_admin):
    owner = UserFactory()
    sign_in(client, owner)
    client.post(
        reverse("regulation:rights_holder"),
        {
            "organisation": "某知名品牌有限公司",
            "credit_code": "91350100m000100y43",
            "contact_email": "ip@b.example",
        },
    )
    holder = RightsHolder.objects.get(user=owner)
    assert holder.credit_code == "91350100M000100Y43" and holder.verified_at is None
    with pytest.raises(services.RegulationError):
        services.verify_rights_holder(holder, actor=owner)
    assert services.verify_rights_holder(holder, actor=platform_admin).verified_at is not None


def test_a_credit_code_with_a_bad_check_character_is_refused():
    with pytest.raises(Exception, match="credit_code"):
        services.register_rights_holder(
            UserFactory(), organisation="X", credit_code="91350100M000100Y44", contact_email="a@b.example"
        )


def test_unverified_rights_holders_cannot_take_listings_down(seller):
    holder = RightsHolderFactory()
    with pytest.raises(services.RegulationError) as caught:
        services.file_notice(
            holder, listing=ListingFactory(seller=seller, published=True), right="r", evidence="e"
        )
    assert caught.value.code == "unverified"


def test_the_notice_and_takedown_clock(client, holder, seller):
    listing = ListingFactory(seller=seller, published=True)
    notice = services.file_notice(
        holder, listing=listing, right="注册商标第123456号", evidence="商标注册证与比对"
    )
    listing.refresh_from_db()
    assert listing.status == Listing.Status.REMOVED
    sign_in(client, seller)
    assert (
        reverse("regulation:counter", args=[notice.pk])
        in client.get(reverse("listings:detail", args=[listing.pk])).content.decode()
    )
    client.post(reverse("regulation:counter", args=[notice.pk]), {"statement": "有正规发票，见附件"})
    notice.refresh_from_db()
    assert notice.status == IPNotice.Status.COUNTER_DECLARED
    assert notice.restore_after == notice.counter_delivered_at + dt.timedelta(days=15)

    assert services.restore_expired_notices(now=notice.restore_after - dt.timedelta(minutes=1)) == 0
    listing.refresh_from_db()
    assert listing.status == Listing.Status.REMOVED
    assert services.restore_expired_notices(now=notice.restore_after + dt.timedelta(minutes=1)) == 1
    listing.refresh_from_db()
    notice.refresh_from_db()
    assert listing.status == Listing.Status.PUBLISHED and notice.status == IPNotice.Status.RESTORED
    assert [
        e for e in AuditEntry.objects.values_list("event_type", flat=True) if e.startswith("ip_notice")
    ] == ["ip_notice.filed", "ip_notice.counter_declared", "ip_notice.restored"]


def test_a_complaint_in_time_keeps_the_listing_down(holder, seller):
    listing = ListingFactory(seller=seller, published=True)
    notice = services.file_notice(holder, listing=listing, right="著作权", evidence="e")
    services.counter_declare(notice, actor=seller, statement="原创")
    services.record_complaint(notice, actor=holder.user, note="已向法院起诉")
    assert services.restore_expired_notices(now=timezone.now() + dt.timedelta(days=30)) == 0
    listing.refresh_from_db()
    assert listing.status == Listing.Status.REMOVED


def test_repeat_infringers_are_restricted(holder, seller, platform_admin, settings):
    for n in range(settings.REPEAT_INFRINGER_NOTICES):
        notice = services.file_notice(
            holder, listing=ListingFactory(seller=seller, published=True), right=f"商标 {n}", evidence="e"
        )
        services.uphold_notice(notice, actor=platform_admin, note="侵权成立")
    assert not can_sell(seller)
    assert AuditEntry.objects.filter(event_type="seller.restricted").exists()


def test_outcomes_are_published_without_personal_data(client, holder, seller):
    listing = ListingFactory(seller=seller, published=True, title="仿款手表")
    services.file_notice(holder, listing=listing, right="注册商标第888号", evidence="e")
    page = client.get(reverse("regulation:outcomes")).content.decode()
    assert "注册商标第888号" in page and "某知名品牌有限公司" in page
    assert seller.email not in page and "王" not in page.split("仿款手表")[0][-50:]


def test_a_regulator_takedown_outlasts_the_notice_clock(holder, seller, regulator):
    listing = ListingFactory(seller=seller, published=True)
    notice = services.file_notice(holder, listing=listing, right="商标", evidence="e")
    flag = listing.flags.get()
    services.decide(flag, actor=regulator, decision="takedown", reason="侵权成立，责令下架")
    services.counter_declare(notice, actor=seller, statement="不同意")
    with pytest.raises(services.RegulationError):
        services.counter_declare(notice, actor=seller, statement="再次提交")
    services.restore_expired_notices(now=timezone.now() + dt.timedelta(days=16))
    listing.refresh_from_db()
    assert listing.status == Listing.Status.REMOVED


def test_the_rights_holder_records_a_complaint_from_their_page(client, holder, seller):
    notice = IPNoticeFactory(
        rights_holder=holder,
        listing=ListingFactory(seller=seller, status=Listing.Status.REMOVED),
        counter_declared=True,
        counter_statement="专柜购入，附小票",
    )
    sign_in(client, holder.user)
    page = client.get(reverse("regulation:rights_holder")).content.decode()
    assert "专柜购入，附小票" in page and reverse("regulation:complaint", args=[notice.pk]) in page
    response = client.post(
        reverse("regulation:complaint", args=[notice.pk]), {"note": "已向南开区法院起诉，案号 2026-118"}
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.status == IPNotice.Status.COMPLAINT_FILED and "2026-118" in notice.outcome_note
    assert AuditEntry.objects.filter(event_type="ip_notice.complaint_filed").exists()
    assert services.restore_expired_notices(now=notice.restore_after + dt.timedelta(days=1)) == 0
    notice.listing.refresh_from_db()
    assert notice.listing.status == Listing.Status.REMOVED


def test_a_complaint_needs_a_counter_declaration_and_the_right_holder(client, holder, seller, outsider):
    notice = IPNoticeFactory(rights_holder=holder, listing=ListingFactory(seller=seller, status="removed"))
    sign_in(client, outsider)
    assert client.post(reverse("regulation:complaint", args=[notice.pk]), {"note": "x"}).status_code == 404
    sign_in(client, holder.user)
    response = client.post(reverse("regulation:complaint", args=[notice.pk]), {"note": "已起诉"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    notice.refresh_from_db()
    assert notice.status == IPNotice.Status.TAKEN_DOWN


def test_verifying_a_rights_holder_is_audited_once(platform_admin):
    holder = RightsHolderFactory(organisation="某知名品牌有限公司")
    services.verify_rights_holder(holder, actor=platform_admin)
    services.verify_rights_holder(holder, actor=platform_admin)
    entry = AuditEntry.objects.get(event_type="rights_holder.verified")
    assert holder.credit_code in entry.canonical and "某知名品牌有限公司" in entry.canonical


def test_a_notice_with_a_complaint_stays_down_past_15_days_and_cannot_be_appealed(client, holder, seller):
    listing = ListingFactory(seller=seller, published=True)
    notice = services.file_notice(holder, listing=listing, right="注册商标第7号", evidence="e")
    services.counter_declare(notice, actor=seller, statement="正品")
    sign_in(client, holder.user)
    client.post(reverse("regulation:complaint", args=[notice.pk]), {"note": "已向市场监管局投诉，编号 118"})
    assert services.restore_expired_notices(now=timezone.now() + dt.timedelta(days=30)) == 0
    sign_in(client, seller)
    client.post(reverse("listings:appeal", args=[listing.pk]), {"statement": "请恢复"})
    listing.refresh_from_db()
    notice.refresh_from_db()
    assert listing.status == Listing.Status.REMOVED and not listing.appeal_used
    assert notice.status == IPNotice.Status.COMPLAINT_FILED
