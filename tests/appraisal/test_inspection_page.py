"""The appraiser inspects on one page: every check, the listing's photos and description beside them, each
check saved on its own without a reload, or all at once by a plain form post."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from appraisal import services
from appraisal.models import AppraisalCase, InspectionResult
from tests.accounts.factories import UserFactory, sign_in
from tests.appraisal.factories import AppraisalCaseFactory, AppraiserFactory
from tests.listings.factories import add_photos
from tests.media.images import make_image

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
JSON = {"HTTP_ACCEPT": "application/json", **ZH}
C = AppraisalCase.Status


@pytest.fixture
def case(client):
    """A phone case assigned to its appraiser, signed in; the listing has two photos."""
    case = AppraisalCaseFactory(assigned=True, appraiser__totp=True)
    add_photos(case.listing, 2)
    case.listing.description = "屏幕右下角有一道细划痕，电池去年换过。"
    case.listing.save(update_fields=["description"])
    sign_in(client, case.appraiser.user)
    return case


def page_of(client, case) -> str:
    response = client.get(reverse("appraisal:case", args=[case.pk]), **ZH)
    assert response.status_code == 200
    return response.content.decode()


def photo(seed: int = 5) -> SimpleUploadedFile:
    return SimpleUploadedFile("evidence.jpg", make_image(seed=seed), content_type="image/jpeg")


def passing_entries(case) -> dict:
    """What an appraiser types for a clean phone: every check passed, full marks, photos where asked."""
    data = {}
    for item in case.template.items.all():
        code = item.code
        if item.kind == "pass_fail":
            data[f"{code}-passed"] = "1"
        elif item.kind == "score":
            data[f"{code}-score"] = str(item.max_score)
        elif item.kind == "measurement":
            data[f"{code}-measurement"] = "91"
        if item.photo_required or item.kind == "photo":
            data[f"{code}-photo"] = photo(seed=10 + item.position)
    return data


def test_every_check_sits_on_one_page_beside_the_listings_photos_and_description(client, case):
    page = page_of(client, case)
    items = list(case.template.items.all())
    assert len(items) > 10
    # One form holds every check of the template, each with its own boxes.
    form = page.split('id="inspection"', 1)[1].split("</form>", 1)[0]
    assert form.count('<fieldset class="check') == len(items)
    for item in items:
        assert item.label in form
        assert f'data-record-url="{reverse("appraisal:record", args=[case.pk, item.code])}"' in form
    # The listing's photos as thumbnails that open the large copy, and its description.
    for listing_photo in case.listing.listing_photos.select_related("photo"):
        assert f'<a href="{listing_photo.photo.large_jpeg}"' in page
        assert f'src="{listing_photo.photo.thumb_jpeg}"' in page
    assert "屏幕右下角有一道细划痕" in page
    assert f"已记录 0 / {len(items)} 项检查" in page


def test_saving_one_check_by_script_records_it_and_answers_json(client, case):
    response = client.post(
        reverse("appraisal:record", args=[case.pk, "power_on"]), {"passed": "1", "note": "开机约8秒"}, **JSON
    )
    assert response.status_code == 200
    body = response.json()
    result = InspectionResult.objects.get(case=case, item__code="power_on")
    assert result.passed is True and result.note == "开机约8秒"
    assert body["recorded"] == 1 and "合格" in body["summary"] and "开机约8秒" in body["summary"]
    assert body["progress"] == f"已记录 1 / {case.template.items.count()} 项检查"


def test_a_refused_check_by_script_says_why_in_chinese_and_saves_nothing(client, case):
    response = client.post(reverse("appraisal:record", args=[case.pk, "display"]), {"score": "7"}, **JSON)
    assert response.status_code == 400
    assert "缺陷代码" in response.json()["error"]
    assert not InspectionResult.objects.filter(case=case).exists()


def test_without_a_script_one_post_saves_every_check(client, case):
    response = client.post(reverse("appraisal:case", args=[case.pk]), passing_entries(case), **ZH)
    assert response.status_code == 302
    assert case.results.count() == case.template.items.count()
    assert case.results.get(item__code="body").evidence is not None
    # The boxes show what was recorded, as it was typed.
    display = page_of(client, case).split('id="check-display"', 1)[1].split("</fieldset>", 1)[0]
    assert 'name="display-score"' in display and 'value="10"' in display
    graded = services.grade_case(AppraisalCase.objects.get(pk=case.pk), actor=case.appraiser.user)
    assert graded.status == C.INSPECTED


def test_bad_input_is_explained_beside_its_check_and_nothing_typed_is_lost(client, case):
    data = {
        "power_on-passed": "1",
        "touch-passed": "1",
        "display-score": "7",  # points taken off without a defect code
        "display-note": "左下角两个坏点",
        "battery-measurement": "x" * 61,  # longer than a measurement can be
    }
    response = client.post(reverse("appraisal:case", args=[case.pk]), data, **ZH)
    assert response.status_code == 400
    page = response.content.decode()
    display = page.split('id="check-display"', 1)[1].split("</fieldset>", 1)[0]
    assert "缺陷代码" in display
    assert 'value="7"' in display and 'value="左下角两个坏点"' in display
    battery = page.split('id="check-battery"', 1)[1].split("</fieldset>", 1)[0]
    assert re.search(r'class="errorlist"[^>]*>\s*<li>[^<]*[\u4e00-\u9fff]', battery)
    assert f'value="{"x" * 61}"' in battery
    # The good checks were saved; the refused ones were not.
    assert set(case.results.values_list("item__code", flat=True)) == {"power_on", "touch"}


def test_a_photo_sent_with_a_refused_check_is_kept_for_the_next_try(client, case):
    url = reverse("appraisal:case", args=[case.pk])
    response = client.post(url, {"display-score": "7", "display-photo": photo(seed=21)}, **ZH)
    assert response.status_code == 400
    display = response.content.decode().split('id="check-display"', 1)[1].split("</fieldset>", 1)[0]
    assert "照片已保留" in display
    held = re.search(r'name="display-held"[^>]*value="([0-9a-f-]{36})"', display).group(1)
    # The appraiser adds the defect code only; the photo taken the first time becomes the evidence.
    response = client.post(
        url, {"display-score": "7", "display-defect_code": "P01", "display-held": held}, **ZH
    )
    assert response.status_code == 302
    result = case.results.get(item__code="display")
    assert result.defect.code == "P01" and str(result.evidence.key) == held


def test_posting_the_form_again_unchanged_keeps_the_grade(client, case):
    client.post(reverse("appraisal:case", args=[case.pk]), passing_entries(case), **ZH)
    services.grade_case(AppraisalCase.objects.get(pk=case.pk), actor=case.appraiser.user)
    entries = {k: v for k, v in passing_entries(case).items() if not k.endswith("-photo")}
    response = client.post(reverse("appraisal:case", args=[case.pk]), entries, **ZH)
    assert response.status_code == 302
    assert AppraisalCase.objects.get(pk=case.pk).status == C.INSPECTED


def test_only_the_assigned_appraiser_records_checks(client, case):
    record = reverse("appraisal:record", args=[case.pk, "power_on"])
    page = reverse("appraisal:case", args=[case.pk])
    colleague = AppraiserFactory(specialities=("electronics",), totp=True)
    sign_in(client, colleague.user)
    assert client.post(record, {"passed": "1"}, **JSON).status_code in (403, 404)
    assert client.post(page, {"power_on-passed": "1"}, **ZH).status_code in (403, 404)
    resident = UserFactory()
    sign_in(client, resident)
    assert client.post(record, {"passed": "1"}, **JSON).status_code == 403
    assert client.post(page, {"power_on-passed": "1"}, **ZH).status_code == 403
    client.logout()
    assert client.post(record, {"passed": "1"}).status_code == 302
    assert "/accounts/login/" in client.post(page, {"power_on-passed": "1"})["Location"]
    assert not InspectionResult.objects.filter(case=case).exists()


def test_a_second_reviewer_reads_the_results_but_gets_no_inspection_form(client, case):
    client.post(reverse("appraisal:case", args=[case.pk]), passing_entries(case), **ZH)
    reviewer = AppraiserFactory(specialities=("electronics",), totp=True)
    AppraisalCase.objects.filter(pk=case.pk).update(status=C.IN_REVIEW)
    sign_in(client, reviewer.user)
    page = page_of(client, case)
    assert 'id="inspection"' not in page
    assert "开机正常" in page and "合格" in page
    assert (
        client.post(reverse("appraisal:record", args=[case.pk, "power_on"]), {"passed": "0"}).status_code
        == 403
    )
