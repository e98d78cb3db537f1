"""The staff roles' main journeys (appraiser, regulator, platform staff), end to end in Chromium on the
demo data, with a screenshot of every step on a phone and on a desktop."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from .people import demo_listing, fill, first_choice, photo_files

# No django_db mark, as in test_journeys.py: what a test writes must reach the live server at once.
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_appraiser_takes_inspects_values_and_issues_a_report(browser, demo_site, screenshot):
    from appraisal.models import AppraisalCase, AppraisalReport

    role = "appraiser"
    case = AppraisalCase.objects.filter(appraiser__isnull=True).order_by("pk").first()
    assert case is not None, "the demo has no case waiting"
    context = demo_site.context(browser, role)
    page = context.new_page()
    page.goto(reverse("appraisal:workbench"))
    screenshot(page, role, "01-workbench")
    page.goto(reverse("appraisal:case", args=[case.pk]))
    page.locator(f"form[action='{reverse('appraisal:take', args=[case.pk])}'] button").click()
    page.wait_for_load_state()
    case.refresh_from_db()
    assert case.appraiser is not None

    # Every check on one page: pass, full marks, a measurement, and the photos the template asks for.
    form = page.locator("form#inspection")
    for select in form.locator("select[data-field=passed]").all():
        select.select_option("1")
    for score in form.locator("input[data-field=score]").all():
        score.fill(score.get_attribute("max") or "10")
    for measurement in form.locator("input[data-field=measurement]").all():
        measurement.fill("90")
    for n, upload in enumerate(form.locator("input[type=file]").all()):
        upload.set_input_files(photo_files(1, seed=100 + n))
    screenshot(page, role, "02-inspection")
    form.locator("button[type=submit]").last.click()
    page.wait_for_load_state()
    page.locator(f"form[action='{reverse('appraisal:grade', args=[case.pk])}'] button").click()
    page.wait_for_load_state()
    screenshot(page, role, "03-graded")

    fill(
        page,
        {"replacement_cost": "4999", "used_months": "12", "life_months": "48", "liquidation_discount": "0.7"},
        scope=f"form[action='{reverse('appraisal:value', args=[case.pk])}']",
    )
    first_choice(page, "condition", scope=f"form[action='{reverse('appraisal:value', args=[case.pk])}']")
    page.locator(f"form[action='{reverse('appraisal:value', args=[case.pk])}'] button").click()
    page.wait_for_load_state()
    screenshot(page, role, "04-valued")
    page.locator(f"form[action='{reverse('appraisal:issue', args=[case.pk])}'] button").click()
    page.wait_for_load_state()
    report = AppraisalReport.objects.filter(case=case).first()
    assert report is not None, page.inner_text("main")[:400]
    screenshot(page, role, "05-issued")
    context.close()

    # Anyone can verify the report's signature on its public page.
    public = demo_site.context(browser, "anonymous")
    page = public.new_page()
    page.goto(reverse("appraisal:verify", args=[report.number]))
    assert report.number in page.inner_text("main")
    screenshot(page, role, "06-public-verification")
    public.close()


# Only reads in the test's own transaction (the writes go through the site): the mark lets pytest-django
# create the test database when this module runs alone.
@pytest.mark.django_db
def test_regulator_reviews_flags_unmasks_decides_and_exports(browser, demo_site, screenshot):
    from regulation.models import Flag, UnmaskEvent

    role = "regulator"
    context = demo_site.context(browser, role)
    page = context.new_page()
    page.goto(reverse("regulation:dashboard"))
    screenshot(page, role, "01-queue")

    # Flag a listing that looks wrong.
    page.goto(reverse("regulation:open_flag"))
    target = demo_listing(offset=3)
    fill(page, {"listing": str(target.pk), "reason": "价格明显低于市场，疑似来源不明。"})
    first_choice(page, "flag_type")
    screenshot(page, role, "02-open-flag")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    flag = Flag.objects.filter(listing=target).order_by("-pk").first()
    assert flag is not None, page.inner_text("main")[:400]

    page.goto(reverse("regulation:flag", args=[flag.pk]))
    screenshot(page, role, "03-flag-review")
    unmask = f"form[action='{reverse('regulation:unmask', args=[flag.pk])}']"
    fill(page, {"reason": "核实卖家身份以便约谈"}, scope=unmask)
    page.locator(f"{unmask} button").click()
    page.wait_for_load_state()
    assert UnmaskEvent.objects.filter(flag=flag).exists()
    screenshot(page, role, "04-unmasked")
    decide = f"form[action='{reverse('regulation:decide', args=[flag.pk])}']"
    first_choice(page, "decision", scope=decide)
    fill(page, {"reason": "已核实，责令下架。"}, scope=decide)
    page.locator(f"{decide} button").click()
    page.wait_for_load_state()
    flag.refresh_from_db()
    assert flag.decision, "the decision was not recorded"
    screenshot(page, role, "05-decided")

    # The export a bureau files: a CSV the regulator downloads from the queue.
    page.goto(reverse("regulation:dashboard"))
    link = page.locator("main a[href*='export.csv']").first
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".csv")
    context.close()


def test_platform_staff_moderate_keep_the_rules_and_decide_disputes(browser, demo_site, screenshot):
    from listings.models import Listing

    role = "platform_staff"
    context = demo_site.context(browser, role)
    page = context.new_page()
    page.goto(reverse("listings_moderation:queue"))
    screenshot(page, role, "01-moderation-queue")
    held = Listing.objects.filter(status=Listing.Status.PENDING_REVIEW).order_by("pk").first()
    assert held is not None, "the demo has nothing held for review"
    page.goto(reverse("listings_moderation:detail", args=[held.pk]))
    screenshot(page, role, "02-moderation-item")
    page.get_by_role("button", name=re.compile("通过|批准|发布")).first.click()
    page.wait_for_load_state()
    held.refresh_from_db()
    assert held.status != Listing.Status.PENDING_REVIEW

    page.goto("/cms/snippets/listings/riskrule/")
    assert page.locator("main table, table").count() > 0, "the risk rules are not listed"
    screenshot(page, role, "03-rules")

    # A cash deal gone wrong, opened by the buyer; staff decide it from the disputes queue.
    from marketplace.accounts.models import User
    from orders import services as orders

    listing = demo_listing(offset=5)
    buyer = User.objects.get(email="resident@demo.nankai")
    order = orders.place_order(listing, buyer=buyer, kind="meetup")
    orders.mark_handed_over(order, actor=listing.seller, note="小区门口")
    orders.open_dispute(order, actor=buyer, reason="not_as_described", description="有裂痕", photos=[])
    page.goto(reverse("orders_disputes:queue"))
    screenshot(page, role, "04-disputes")
    page.goto(reverse("orders_disputes:decide", args=[order.dispute.pk]))
    resolutions = page.locator("select[name=resolution] option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    assert "partial_refund" not in resolutions, "a partial refund offered on a cash deal"
    decision = "form:has([name=resolution])"
    fill(
        page, {"resolution": "release", "explanation": "照片显示为正常使用痕迹，款项归卖家。"}, scope=decision
    )
    screenshot(page, role, "05-dispute-decision")
    page.locator(f"{decision} button[type=submit]").last.click()
    page.wait_for_load_state()
    order.refresh_from_db()
    assert order.status != "disputed", page.inner_text("main")[:400]
    context.close()
