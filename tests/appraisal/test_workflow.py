import io
import json
from decimal import Decimal as D

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse

from appraisal import reports, services, signing
from appraisal.errors import AppraisalError
from appraisal.models import AppraisalCase, AppraisalReport, InspectionTemplate, ReportImmutable
from listings.models import Listing
from orders import services as orders
from orders.errors import OrderError
from regulation.models import Flag
from search.documents import listing_document, listings_for_index
from tests.accounts.factories import AppraiserFactory, UserFactory, give_totp
from tests.listings.factories import ListingFactory, category
from tests.media.images import make_image

pytestmark = pytest.mark.django_db
C = AppraisalCase.Status


@pytest.fixture
def certified(appraiser):
    record = appraiser.appraiser
    record.specialities.add(category("electronics"), category("vehicles"), category("luxury"))
    return record


@pytest.fixture
def second_appraiser():
    record = AppraiserFactory()
    give_totp(record.user)
    record.specialities.add(category("electronics"), category("vehicles"))
    return record


@pytest.fixture
def phone_listing(seller):
    return ListingFactory(
        seller=seller,
        published=True,
        category=category("phones"),
        title="iPhone 13",
        attributes={"imei": "490154203237518", "brand": "Apple", "model": "iPhone 13"},
    )


def pass_everything(case, actor):
    for item in case.template.items.all():
        if item.kind == "pass_fail":
            services.record_result(
                case,
                actor=actor,
                item_code=item.code,
                passed=True,
                photo=make_image(seed=3) if item.photo_required else None,
            )
        elif item.kind == "score":
            services.record_result(
                case,
                actor=actor,
                item_code=item.code,
                score=item.max_score,
                photo=make_image(seed=4) if item.photo_required else None,
            )
        elif item.kind == "photo":
            services.record_result(case, actor=actor, item_code=item.code, photo=make_image(seed=5))
        else:
            services.record_result(case, actor=actor, item_code=item.code, measurement="91")


def inspected_case(seller, listing, certified):
    """A case taken by `certified` with every check recorded as passed."""
    case = services.request_appraisal(seller, listing=listing)
    services.assign_case(case, appraiser=certified, actor=certified.user)
    case.refresh_from_db()
    pass_everything(case, certified.user)
    return case


def issued_phone_report(seller, phone_listing, certified):
    case = inspected_case(seller, phone_listing, certified)
    services.grade_case(case, actor=certified.user)
    case.refresh_from_db()
    services.value_case(
        case,
        actor=certified.user,
        replacement_cost=D("5999"),
        used_months=12,
        life_months=48,
        condition="99",
        brand="Apple",
        model="iPhone 13",
        liquidation_discount=D("0.7"),
    )
    case.refresh_from_db()
    return case, services.issue_report(case, actor=certified.user)


def test_an_appraiser_never_appraises_their_own_or_a_related_accounts_item(appraiser, certified):
    own = ListingFactory(seller=appraiser, published=True, category=category("phones"))
    case = services.request_appraisal(appraiser, listing=own)
    with pytest.raises(AppraisalError) as caught:
        services.assign_case(case, appraiser=certified, actor=appraiser)
    assert caught.value.code == "conflict"

    relative = UserFactory(phone="13812345678")
    appraiser.phone = "13812345678"
    appraiser.save()
    related_case = services.request_appraisal(
        relative, listing=ListingFactory(seller=relative, published=True, category=category("phones"))
    )
    with pytest.raises(AppraisalError) as caught:
        services.assign_case(related_case, appraiser=certified, actor=appraiser)
    assert caught.value.code == "conflict"


def test_only_certified_specialities_take_a_case(seller, appraiser):
    case = services.request_appraisal(
        seller, listing=ListingFactory(seller=seller, published=True, category=category("phones"))
    )
    with pytest.raises(AppraisalError) as caught:
        services.assign_case(case, appraiser=appraiser.appraiser, actor=appraiser)
    assert caught.value.code == "speciality"


def test_a_downgrade_must_cite_a_defect_code_and_evidence(seller, phone_listing, certified):
    case = services.request_appraisal(seller, listing=phone_listing)
    services.assign_case(case, appraiser=certified, actor=certified.user)
    case.refresh_from_db()
    with pytest.raises(AppraisalError) as caught:
        services.record_result(case, actor=certified.user, item_code="display", score=D("7"))
    assert caught.value.code == "defect"
    with pytest.raises(AppraisalError) as caught:
        services.record_result(
            case, actor=certified.user, item_code="display", score=D("7"), defect_code="P01"
        )
    assert caught.value.code == "evidence"
    result = services.record_result(
        case,
        actor=certified.user,
        item_code="display",
        score=D("7"),
        defect_code="P01",
        photo=make_image(seed=9),
    )
    assert result.defect.code == "P01" and result.evidence.phash


def test_from_request_to_a_signed_report_anyone_can_verify(client, seller, phone_listing, certified):
    case, report = issued_phone_report(seller, phone_listing, certified)
    case.refresh_from_db()
    assert case.status == C.ISSUED and case.grade == "准新"
    assert report.payload["template"] == {
        "code": "phone",
        "version": 1,
        "name": "手机/电子产品品质检测",
        "standard": "GB/T 45656-2025; T/TAF 173-2023",
    }
    assert set(report.payload["valuation"]["methods"]) == {"cost", "liquidation"}
    assert "无法采用市场法" in report.payload["valuation"]["explanation"][0]
    assert signing.verify(report.canonical.encode(), report.signature, signing.public_key_pem())
    assert report.retain_until.year - report.issued_at.year >= 15

    page = client.get(reverse("appraisal:verify", args=[report.number])).content.decode()
    assert "签名有效" in page or "Signature valid" in page
    pdf = client.get(reverse("appraisal:pdf", args=[report.number]))
    pdf_bytes = b"".join(pdf.streaming_content)
    assert pdf_bytes.startswith(b"%PDF") and reports.sha256(pdf_bytes) == report.pdf_sha256

    detail = client.get(reverse("listings:detail", args=[phone_listing.pk])).content.decode()
    assert reverse("appraisal:verify", args=[report.number]) in detail
    document = listing_document(listings_for_index().get(pk=phone_listing.pk))
    assert document["appraised"] is True and document["appraisal_grade"] == "准新"


def test_a_tampered_report_or_pdf_fails_verification(tmp_path, seller, phone_listing, certified):
    _case, report = issued_phone_report(seller, phone_listing, certified)
    data = reports.bundle(report)
    pdf = default_storage.open(report.pdf_name).read()
    bundle_file, pdf_file = tmp_path / "report.json", tmp_path / "report.pdf"
    bundle_file.write_text(json.dumps(data, ensure_ascii=False))
    pdf_file.write_bytes(pdf)
    out = io.StringIO()
    call_command("verify_report", str(bundle_file), pdf=str(pdf_file), stdout=out)
    assert "verified" in out.getvalue()

    forged = dict(data, canonical=data["canonical"].replace('"grade":"准新"', '"grade":"99新"'))
    assert forged["canonical"] != data["canonical"]
    assert reports.verify_bundle(forged, public_key=data["public_key"]) == [
        "report signature does not match its contents"
    ]
    bundle_file.write_text(json.dumps(forged, ensure_ascii=False))
    with pytest.raises(CommandError):
        call_command("verify_report", str(bundle_file), stdout=io.StringIO(), stderr=io.StringIO())

    tampered_pdf = pdf.replace(b"%PDF", b"%PDF", 1) + b"\n% edited"
    assert reports.verify_bundle(data, public_key=data["public_key"], pdf=tampered_pdf) == [
        "the PDF is not the one issued (its hash differs)"
    ]


def test_issued_reports_are_immutable_amended_by_new_versions_and_revocable(
    client, seller, phone_listing, certified
):
    _case, report = issued_phone_report(seller, phone_listing, certified)
    report.payload["grade"] = "8成新"
    with pytest.raises(ReportImmutable):
        report.save()
    with pytest.raises(ReportImmutable):
        report.save(update_fields=["canonical"])
    report.refresh_from_db()
    amended = services.amend_report(report, actor=certified.user, reason="补充证据照片")
    assert amended.version == 2 and amended.supersedes == report
    assert amended.payload["supersedes"] == report.number
    services.revoke_report(report, actor=certified.user, reason="已被新版本替代")
    page = client.get(reverse("appraisal:verify", args=[report.number])).content.decode()
    assert amended.number in page
    assert "已被新版本替代" in page


def test_vehicle_combined_method_reproduces_the_worked_example_and_needs_a_second_review(
    seller, certified, second_appraiser
):
    car = ListingFactory(
        seller=seller,
        published=True,
        category=category("vehicles"),
        title="大众朗逸 2019",
        price="90000",
        attributes={"vin": "LSVAU2180N2183294", "plate": "津A12345"},
    )
    case = inspected_case(seller, car, certified)
    case = services.grade_case(case, actor=certified.user)
    assert case.grade == "一级"
    factors = dict.fromkeys(["technical", "maintenance", "build_quality", "usage", "conditions"], D("0.9"))
    case = services.value_case(
        case,
        actor=certified.user,
        replacement_cost=D("150000"),
        used_months=60,
        life_months=180,
        condition="90",
        factors=factors,
    )
    assert case.estimate == D("90000.00")
    assert case.valuation["newness"] == {"method": "combined", "rate": "0.6000"}
    assert case.status == C.IN_REVIEW
    with pytest.raises(AppraisalError) as caught:
        services.issue_report(case, actor=certified.user)
    assert caught.value.code == "transition"
    with pytest.raises(AppraisalError) as caught:
        services.review_case(case, reviewer=certified, approve=True, note="自己复核")
    assert caught.value.code == "same_appraiser"
    services.review_case(case, reviewer=second_appraiser, approve=True, note="复核无误")
    report = services.issue_report(AppraisalCase.objects.get(pk=case.pk), actor=certified.user)
    assert report.payload["reviewer"]["certificate"] == second_appraiser.certificate_number


def test_an_accident_car_is_graded_five(seller, certified):
    car = ListingFactory(
        seller=seller,
        published=True,
        category=category("vehicles"),
        price="50000",
        attributes={"vin": "LSVAU2180N2183295", "plate": "津B12345"},
    )
    case = inspected_case(seller, car, certified)
    services.record_result(
        case,
        actor=certified.user,
        item_code="rails",
        passed=False,
        defect_code="V03",
        photo=make_image(seed=21),
    )
    assert services.grade_case(case, actor=certified.user).grade == "五级"


def test_a_counterfeit_verdict_blocks_the_listing_and_flags_it(seller, certified):
    bag = ListingFactory(seller=seller, published=True, category=category("luxury"), title="名牌手袋")
    case = inspected_case(seller, bag, certified)
    services.record_result(
        case,
        actor=certified.user,
        item_code="stitching",
        passed=False,
        defect_code="L02",
        photo=make_image(seed=31),
    )
    case = services.grade_case(case, actor=certified.user)
    assert case.counterfeit and case.grade == "仿冒"
    bag.refresh_from_db()
    assert bag.status == Listing.Status.BLOCKED
    flag = Flag.objects.get(listing=bag)
    assert (flag.source, flag.flag_type) == (Flag.Source.APPRAISAL, Flag.Type.COUNTERFEIT)


def test_the_appraiser_may_not_buy_what_they_valued(seller, phone_listing, certified):
    issued_phone_report(seller, phone_listing, certified)
    with pytest.raises(OrderError) as caught:
        orders.place_order(phone_listing, buyer=certified.user, kind="meetup")
    assert caught.value.code == "appraiser_conflict"


def test_the_owner_may_decline_after_inspection(seller, phone_listing, certified):
    case = inspected_case(seller, phone_listing, certified)
    case = services.grade_case(case, actor=certified.user)
    with pytest.raises(AppraisalError):
        services.decline_case(case, actor=certified.user)
    assert services.decline_case(case, actor=seller).status == C.DECLINED


def test_a_revised_template_leaves_cases_on_the_version_they_started_with(seller, phone_listing, certified):
    case = services.request_appraisal(seller, listing=phone_listing)
    old = case.template
    revised = services.revise_template(old)
    assert revised.version == old.version + 1 and revised.items.count() == old.items.count()
    assert InspectionTemplate.objects.get(code="phone", is_current=True) == revised
    case.refresh_from_db()
    assert case.template == old
    assert services.request_appraisal(seller, listing=phone_listing).template == revised


def test_the_defect_schedule_is_public(client):
    page = client.get(reverse("appraisal:defects")).content.decode()
    assert "P01" in page and "屏幕划痕" in page and "V03" in page


def test_report_records_cannot_be_deleted_by_accident(seller, phone_listing, certified):
    _case, report = issued_phone_report(seller, phone_listing, certified)
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        report.case.delete()
    assert AppraisalReport.objects.filter(pk=report.pk).exists()


def test_an_appraiser_cannot_take_over_or_open_someone_elses_case(
    client, seller, phone_listing, certified, second_appraiser
):
    case = services.request_appraisal(seller, listing=phone_listing)
    services.assign_case(case, appraiser=certified, actor=certified.user)
    with pytest.raises(AppraisalError) as caught:
        services.assign_case(case, appraiser=second_appraiser, actor=second_appraiser.user)
    assert caught.value.code == "transition"
    client.force_login(second_appraiser.user)
    assert client.get(reverse("appraisal:case", args=[case.pk])).status_code == 404


def test_changing_a_result_after_grading_withdraws_the_grade(seller, phone_listing, certified):
    case = inspected_case(seller, phone_listing, certified)
    case = services.grade_case(case, actor=certified.user)
    assert case.grade
    services.record_result(
        case,
        actor=certified.user,
        item_code="display",
        score=D("5"),
        defect_code="P01",
        photo=make_image(seed=41),
    )
    case.refresh_from_db()
    assert case.status == C.ASSIGNED and case.grade == ""
    with pytest.raises(AppraisalError):
        services.value_case(
            case,
            actor=certified.user,
            replacement_cost=D("100"),
            used_months=1,
            life_months=10,
            condition="90",
        )


def test_report_numbers_are_not_guessable(seller, phone_listing, certified):
    _case, report = issued_phone_report(seller, phone_listing, certified)
    assert len(report.number) == len("NKAP20261128") + 4 + 4
