"""An appraisal case from request to report: who may take it, what each check needs, grading,
valuation and review, a counterfeit verdict, and what an appraiser may not do afterwards."""

import io
import json
from decimal import Decimal as D

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from appraisal import reports, services, signing
from appraisal.errors import AppraisalError
from appraisal.models import AppraisalCase, InspectionTemplate
from listings.models import Listing
from orders import services as orders
from orders.errors import OrderError
from regulation.models import AuditEntry, Flag
from search.documents import listing_document, listings_for_index
from tests.accounts.factories import UserFactory, sign_in
from tests.appraisal.factories import inspected_case, issued_report, record_passes
from tests.listings.factories import ListingFactory, category
from tests.media.images import make_image

pytestmark = pytest.mark.django_db
C = AppraisalCase.Status


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
    case = services.request_appraisal(seller, listing=phone_listing)
    services.assign_case(case, appraiser=certified, actor=certified.user)
    case.refresh_from_db()
    record_passes(case, certified.user)
    services.grade_case(case, actor=certified.user)
    services.value_case(
        AppraisalCase.objects.get(pk=case.pk),
        actor=certified.user,
        replacement_cost=D("5999"),
        used_months=12,
        life_months=48,
        condition="99",
        brand="Apple",
        model="iPhone 13",
        liquidation_discount=D("0.7"),
    )
    report = services.issue_report(AppraisalCase.objects.get(pk=case.pk), actor=certified.user)
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
    steps = [(c.new_status, c.actor) for c in case.status_changes.all()]
    assert steps == [
        (C.ASSIGNED, certified.user),
        (C.INSPECTED, certified.user),
        (C.VALUED, certified.user),
        (C.ISSUED, certified.user),
    ]

    page = client.get(reverse("appraisal:verify", args=[report.number])).content.decode()
    assert "签名有效" in page or "Signature valid" in page
    pdf = client.get(reverse("appraisal:pdf", args=[report.number]))
    pdf_bytes = b"".join(pdf.streaming_content)
    assert pdf_bytes.startswith(b"%PDF") and reports.sha256(pdf_bytes) == report.pdf_sha256

    detail = client.get(reverse("listings:detail", args=[phone_listing.pk])).content.decode()
    assert reverse("appraisal:verify", args=[report.number]) in detail
    document = listing_document(listings_for_index().get(pk=phone_listing.pk))
    assert document["appraised"] is True and document["appraisal_grade"] == "准新"
    entry = AuditEntry.objects.get(event_type="appraisal.report_issued")
    assert json.loads(entry.canonical)["data"] == {
        "report": report.number,
        "case": case.pk,
        "listing": phone_listing.pk,
        "grade": "准新",
        "counterfeit": False,
    }


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
    case = inspected_case(car, certified)
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
    case = inspected_case(car, certified)
    services.record_result(
        case,
        actor=certified.user,
        item_code="rails",
        passed=False,
        defect_code="V03",
        photo=make_image(seed=21),
    )
    assert services.grade_case(case, actor=certified.user).grade == "五级"


def graded_counterfeit(bag, appraiser):
    case = inspected_case(bag, appraiser)
    services.record_result(
        case,
        actor=appraiser.user,
        item_code="stitching",
        passed=False,
        defect_code="L02",
        photo=make_image(seed=31),
    )
    return services.grade_case(case, actor=appraiser.user)


def test_a_counterfeit_verdict_blocks_the_listing_and_flags_it(seller, certified):
    bag = ListingFactory(seller=seller, published=True, category=category("luxury"), title="名牌手袋")
    case = graded_counterfeit(bag, certified)
    assert case.counterfeit and case.grade == "仿冒"
    bag.refresh_from_db()
    assert bag.status == Listing.Status.BLOCKED
    flag = Flag.objects.get(listing=bag)
    assert (flag.source, flag.flag_type) == (Flag.Source.APPRAISAL, Flag.Type.COUNTERFEIT)
    assert flag.severity == Flag.Severity.HIGH and flag.raised_by == certified.user
    assert flag.evidence["case"] == case.pk and flag.evidence["grade"] == "仿冒"
    entry = json.loads(AuditEntry.objects.get(event_type="appraisal.counterfeit").canonical)["data"]
    assert (entry["case"], entry["listing"], entry["grade"]) == (case.pk, bag.pk, "仿冒")
    assert entry["reasons"] == case.grading_reasons


def test_a_counterfeit_already_sold_stays_a_record_of_the_sale_and_still_reaches_the_regulator(
    seller, certified
):
    bag = ListingFactory(seller=seller, sold=True, category=category("luxury"), title="名牌手袋")
    case = graded_counterfeit(bag, certified)
    assert case.counterfeit
    bag.refresh_from_db()
    assert bag.status == Listing.Status.SOLD
    assert Flag.objects.filter(listing=bag, flag_type=Flag.Type.COUNTERFEIT).count() == 1


def test_the_appraiser_may_not_buy_what_they_valued(seller, phone_listing, certified):
    issued_report(phone_listing, certified)
    with pytest.raises(OrderError) as caught:
        orders.place_order(phone_listing, buyer=certified.user, kind="meetup")
    assert caught.value.code == "appraiser_conflict"
    phone_listing.refresh_from_db()
    assert phone_listing.status == Listing.Status.PUBLISHED


def test_the_appraiser_may_not_swap_for_what_they_valued(seller, certified):
    bike = ListingFactory(seller=seller, published=True, trade_mode="swap", price=None)
    offer = orders.propose_swap(bike, proposer=certified.user, offer="一台电风扇")
    case = services.request_appraisal(seller, listing=bike)
    services.assign_case(case, appraiser=certified, actor=certified.user)
    with pytest.raises(OrderError) as caught:
        orders.accept_swap(offer, actor=seller)
    assert caught.value.code == "appraiser_conflict"
    with pytest.raises(OrderError) as caught:
        orders.propose_swap(bike, proposer=certified.user, offer="两本书")
    assert caught.value.code == "appraiser_conflict"
    bike.refresh_from_db()
    assert bike.status == Listing.Status.PUBLISHED


def test_an_appraiser_may_buy_what_someone_else_valued(seller, phone_listing, certified, second_appraiser):
    issued_report(phone_listing, certified)
    order = orders.place_order(phone_listing, buyer=second_appraiser.user, kind="meetup")
    assert order.buyer == second_appraiser.user


def test_the_owner_may_decline_after_inspection(seller, phone_listing, certified):
    case = inspected_case(phone_listing, certified)
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


def test_staff_revise_a_template_with_a_command(seller, phone_listing, tmp_path):
    started = services.request_appraisal(seller, listing=phone_listing)
    rule = tmp_path / "rule.json"
    rule.write_text(json.dumps(dict(started.template.grading_rule, note="2027 revision")), encoding="utf-8")
    out = io.StringIO()
    call_command("revise_template", "phone", grading_rule=str(rule), stdout=out)
    assert "version 1 → 2" in out.getvalue()
    current = InspectionTemplate.objects.get(code="phone", is_current=True)
    assert current.version == 2 and current.grading_rule["note"] == "2027 revision"
    assert current.items.count() == started.template.items.count()
    started.refresh_from_db()
    assert started.template.version == 1
    with pytest.raises(CommandError, match="No current template"):
        call_command("revise_template", "no-such-template", stdout=io.StringIO())
    with pytest.raises(AppraisalError) as caught:
        services.revise_template(started.template)
    assert caught.value.code == "not_current"


def test_the_defect_schedule_is_public(client):
    page = client.get(reverse("appraisal:defects")).content.decode()
    assert "P01" in page and "屏幕划痕" in page and "V03" in page


def test_an_appraiser_cannot_take_over_or_open_someone_elses_case(
    client, seller, phone_listing, certified, second_appraiser
):
    case = services.request_appraisal(seller, listing=phone_listing)
    services.assign_case(case, appraiser=certified, actor=certified.user)
    with pytest.raises(AppraisalError) as caught:
        services.assign_case(case, appraiser=second_appraiser, actor=second_appraiser.user)
    assert caught.value.code == "transition"
    sign_in(client, second_appraiser.user)
    assert client.get(reverse("appraisal:case", args=[case.pk])).status_code == 404


def test_changing_a_result_after_grading_withdraws_the_grade(seller, phone_listing, certified):
    case = inspected_case(phone_listing, certified)
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
