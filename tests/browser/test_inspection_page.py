"""The appraiser's inspection page on a tablet and a phone, in a real browser: a check is saved without
the page reloading, and the listing's photos sit beside the checks."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from playwright.sync_api import expect

from appraisal.models import InspectionResult
from tests.appraisal.factories import AppraisalCaseFactory
from tests.listings.factories import add_photos

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
TABLET = {"width": 768, "height": 1024}
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "test-artifacts" / "screenshots" / "appraiser"


def serve_photos_from_storage(page):
    """The test storage lives in memory: answer the photos' addresses from it, as the web server would."""

    def fulfil(route):
        path = route.request.url.split(settings.MEDIA_URL, 1)[1]
        if default_storage.exists(path):
            route.fulfill(body=default_storage.open(path).read(), content_type="image/jpeg")
        else:
            route.fulfill(status=404)

    page.route(f"**{settings.MEDIA_URL}photos/**", fulfil)


@pytest.fixture
def case():
    case = AppraisalCaseFactory(assigned=True, appraiser__totp=True)
    add_photos(case.listing, 3)
    return case


def test_a_check_is_saved_without_reloading_on_a_tablet(signed_in_page, case):
    context, page = signed_in_page(case.appraiser.user)
    page.set_viewport_size(TABLET)
    serve_photos_from_storage(page)
    page.goto(reverse("appraisal:case", args=[case.pk]))
    page.evaluate("window.notReloaded = true")

    check = page.locator("#check-power_on")
    check.locator("select[data-field=passed]").select_option("1")
    check.locator("input[data-field=note]").fill("开机正常，约8秒")
    check.get_by_role("button", name="保存此项").click()
    expect(check.locator("[data-state]")).to_have_text("已保存：开机正常")
    expect(check.locator("[data-recorded]")).to_contain_text("合格")
    total = case.template.items.count()
    expect(page.locator("[data-progress]")).to_have_text(f"已记录 1 / {total} 项检查")
    assert page.evaluate("window.notReloaded") is True
    result = InspectionResult.objects.get(case=case, item__code="power_on")
    assert result.passed is True and result.note == "开机正常，约8秒"

    # A refused check says why beside it, and what was typed stays in the boxes.
    display = page.locator("#check-display")
    display.locator("input[data-field=score]").fill("7")
    display.get_by_role("button", name="保存此项").click()
    expect(display.locator("[data-errors]")).to_contain_text("缺陷代码")
    assert display.locator("input[data-field=score]").input_value() == "7"
    assert page.evaluate("window.notReloaded") is True

    # On the tablet the listing's photos sit beside the checks, and the page does not scroll sideways.
    photos = page.locator(".listing-reference").bounding_box()
    checks = page.locator(".inspection").bounding_box()
    assert photos["x"] + photos["width"] <= checks["x"] and page.locator(".reference-photos img").count() == 3
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#inspection-title").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "inspection-tablet.png"))
    # A thumbnail opens the photo larger over the page.
    page.locator(".reference-photos a").first.click()
    expect(page.locator("dialog.photo-viewer")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "inspection-tablet-photo.png"))
    page.keyboard.press("Escape")
    expect(page.locator("dialog.photo-viewer")).to_be_hidden()

    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "inspection-phone.png"))
    context.close()
