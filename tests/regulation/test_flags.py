import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from appraisal import services as appraisal_services
from listings import services as listing_services
from listings.models import Listing
from marketplace.accounts.services import set_role
from marketplace.geography.models import District
from regulation import services
from regulation.models import AuditEntry, Flag, PublicSecurityReport, UnmaskEvent
from tests.accounts.factories import SupervisionOfficeFactory, UserFactory, give_totp, sign_in
from tests.appraisal.factories import AppraiserFactory
from tests.listings.factories import ListingFactory, add_photos, category
from tests.media.images import make_image
from tests.regulation.factories import FlagFactory, RightsHolderFactory

pytestmark = pytest.mark.django_db


def published(seller, **fields):
    listing = ListingFactory(seller=seller, published=True, **fields)
    add_photos(listing)
    return listing


def test_every_flag_source_creates_a_flag_with_evidence(seller, buyer, platform_admin, regulator):
    rule = ListingFactory(seller=seller, description="管制刀具")
    add_photos(rule)
    listing_services.submit_listing(rule, actor=seller)
    listing_services.report_listing(published(seller), reporter=buyer, reason="fraud", details="要求先转账")
    held = ListingFactory(seller=seller, status=Listing.Status.PENDING_REVIEW)
    listing_services.escalate_listing(held, actor=platform_admin, concern="fraud", reason="疑似诈骗")
    holder = RightsHolderFactory(verified=True)
    services.file_notice(holder, listing=published(seller), right="注册商标第123456号", evidence="对比图")
    services.raise_flag_as_regulator(
        published(seller), actor=regulator, flag_type="misleading", severity="low", reason="抽查发现描述不实"
    )
    appraiser = AppraiserFactory()
    appraiser.specialities.add(category("luxury"))
    bag = published(seller, category=category("luxury"), title="手袋")
    case = appraisal_services.request_appraisal(seller, listing=bag)
    appraisal_services.assign_case(case, appraiser=appraiser, actor=appraiser.user)
    case.refresh_from_db()
    for item in case.template.items.all():
        kwargs = {"photo": make_image(seed=7)} if item.photo_required or item.code == "stitching" else {}
        if item.kind == "pass_fail":
            appraisal_services.record_result(
                case,
                actor=appraiser.user,
                item_code=item.code,
                passed=item.code != "stitching",
                defect_code="L02" if item.code == "stitching" else "",
                **kwargs,
            )
        elif item.kind == "score":
            appraisal_services.record_result(
                case, actor=appraiser.user, item_code=item.code, score=item.max_score
            )
        else:
            appraisal_services.record_result(
                case, actor=appraiser.user, item_code=item.code, photo=make_image(seed=8)
            )
    appraisal_services.grade_case(case, actor=appraiser.user)

    sources = set(Flag.objects.values_list("source", flat=True))
    assert sources == {"rule", "report", "moderation", "ip_notice", "regulator", "appraisal"}
    for flag in Flag.objects.all():
        assert flag.evidence["listing"]["title"]
        assert flag.evidence["listing"]["photo_hashes"] is not None
        assert flag.due_at and flag.street_code
    assert AuditEntry.objects.filter(event_type="flag.raised").count() == Flag.objects.count()


def test_suspected_stolen_goods_produce_a_public_security_record(seller):
    listing = ListingFactory(seller=seller, description="捡到的电动车")
    add_photos(listing)
    listing_services.submit_listing(listing, actor=seller)
    report = PublicSecurityReport.objects.get(flag__listing=listing)
    assert report.snapshot["identity"]["id_number"] == "1201**********0012"
    assert "120104199003070012" not in str(report.snapshot)


def test_a_regulator_outside_the_district_sees_nothing(client, seller, regulator):
    flag = FlagFactory(listing=published(seller), severity="high")
    heping = District.objects.create(code="120101", name="和平区")
    outsider = UserFactory()
    set_role(
        outsider,
        "regulator",
        supervision_office=SupervisionOfficeFactory(name="和平区市场监督管理局", district=heping),
    )
    give_totp(outsider)
    sign_in(client, outsider)
    assert flag.listing.title not in client.get(reverse("regulation:dashboard")).content.decode()
    assert client.get(reverse("regulation:flag", args=[flag.pk])).status_code == 404
    with pytest.raises(services.RegulationError):
        services.decide(flag, actor=outsider, decision="takedown", reason="越权")
    sign_in(client, regulator)
    assert flag.listing.title in client.get(reverse("regulation:dashboard")).content.decode()


def test_decisions_take_effect_and_are_audited(client, seller, regulator):
    flag = FlagFactory(
        listing=published(seller),
        source="report",
        flag_type="counterfeit",
        severity="high",
        reason="举报假货",
    )
    sign_in(client, regulator)
    client.post(reverse("regulation:decide", args=[flag.pk]), {"decision": "takedown", "reason": "确认侵权"})
    flag.refresh_from_db()
    assert flag.status == "closed" and flag.decided_by == regulator
    assert Listing.objects.get(pk=flag.listing_id).status == Listing.Status.REMOVED
    entry = AuditEntry.objects.filter(event_type="flag.decided").get()
    assert '"decision":"takedown"' in entry.canonical

    other = FlagFactory(listing=published(seller))
    services.decide(other, actor=regulator, decision="request_identity", reason="核实身份")
    from marketplace.accounts.permissions import can_sell

    assert not can_sell(seller)


def test_bulk_decisions_and_exports(client, seller, regulator):
    flags = [FlagFactory(listing=published(seller), severity="low", reason=f"批量{n}") for n in range(3)]
    sign_in(client, regulator)
    client.post(
        reverse("regulation:decide_bulk"),
        {"flags": [f.pk for f in flags[:2]], "decision": "no_violation", "reason": "未发现违规"},
    )
    assert Flag.objects.filter(status="closed").count() == 2
    csv = client.get(reverse("regulation:export", args=["csv"]), {"status": ""})
    assert csv.status_code == 200 and "批量2".encode() in csv.content
    xlsx = client.get(reverse("regulation:export", args=["xlsx"]), {"status": ""})
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(xlsx.content)).active.values)
    assert rows[0][0] == "id" and len(rows) == 4


def test_overdue_flags_are_marked(client, seller, regulator):
    flag = FlagFactory(listing=published(seller), severity="high", reason="超时")
    Flag.objects.filter(pk=flag.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    sign_in(client, regulator)
    assert "已超时" in client.get(reverse("regulation:dashboard")).content.decode()


def test_unmasking_needs_a_reason_and_is_logged(client, seller, regulator):
    flag = FlagFactory(listing=published(seller), flag_type="stolen", severity="high", reason="赃物")
    sign_in(client, regulator)
    page = client.get(reverse("regulation:flag", args=[flag.pk])).content.decode()
    assert "120104199003070012" not in page
    short = client.post(reverse("regulation:unmask", args=[flag.pk]), {"reason": ""}, follow=True)
    assert "120104199003070012" not in short.content.decode() and not UnmaskEvent.objects.exists()
    page = client.post(
        reverse("regulation:unmask", args=[flag.pk]), {"reason": "公安协查函 2026-118"}
    ).content.decode()
    assert "120104199003070012" in page and "王小明" in page
    assert UnmaskEvent.objects.get(flag=flag).reason == "公安协查函 2026-118"
    assert AuditEntry.objects.filter(event_type="identity.unmasked").exists()
    assert "120104199003070012" not in client.get(reverse("regulation:flag", args=[flag.pk])).content.decode()


def test_a_warned_seller_is_told_by_email(
    client, seller, regulator, mailoutbox, django_capture_on_commit_callbacks
):
    flag = FlagFactory(listing=published(seller, title="二手手机"))
    sign_in(client, regulator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("regulation:decide", args=[flag.pk]), {"decision": "warn", "reason": "描述与实物不符"}
        )
    [mail] = mailoutbox
    assert mail.to == [seller.email] and "二手手机" in mail.subject and "描述与实物不符" in mail.body
