"""The printed report and its page read as Chinese prose: category names, Beijing time, no codes."""

import re

import pytest
import weasyprint
from django.urls import reverse
from django.utils import timezone

from appraisal import reports, services
from appraisal.models import AppraisalCase
from tests.accounts.factories import sign_in
from tests.appraisal.factories import AppraisalCaseFactory, AppraisalReportFactory
from tests.media.images import make_image

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
ISO_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
SNAKE_CASE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


def printed_text(report) -> str:
    """The text WeasyPrint lays out on the report's pages, as the PDF prints it."""
    html = reports.report_html(
        report.payload, signature=report.signature, key_id=report.key_id, fingerprint="0" * 64
    )
    words = []
    for page in weasyprint.HTML(string=html).render().pages:
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            if hasattr(box, "text"):
                words.append(box.text)
            stack.extend(reversed(getattr(box, "children", [])))
    return " ".join(words)


def page_text(response) -> str:
    html = re.sub(r"<(style|script|svg)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def critical_failure_case():
    """A phone whose activation lock is on: a critical check failed, so the grade is capped."""
    case = AppraisalCaseFactory(inspected=True, appraiser__totp=True)
    services.record_result(
        case,
        actor=case.appraiser.user,
        item_code="activation_lock",
        passed=False,
        defect_code="P01",
        photo=make_image(seed=4),
    )
    return AppraisalCase.objects.get(pk=case.pk)


def critical_failure_report():
    return AppraisalReportFactory(case=critical_failure_case())


def test_the_printed_report_names_the_category_and_prints_beijing_time():
    report = critical_failure_report()
    text = printed_text(report)
    issued = timezone.localtime(report.issued_at)
    assert "手机" in text and "electronics" not in text and "phones" not in text
    assert f"{issued:%Y}年{issued.month}月{issued.day}日 {issued:%H:%M}" in text and "北京时间" in text
    assert not ISO_TIMESTAMP.search(text) and not ISO_DATE.search(text)
    assert not SNAKE_CASE.search(text), SNAKE_CASE.findall(text)
    assert "关键项不合格：无激活锁/账号锁" in text
    # The stored PDF is the one rendered from this text (same payload, same template).
    assert report.pdf_sha256 and report.payload["issued_at"].endswith("+00:00")


def test_the_verification_page_reads_the_same_way(client):
    report = critical_failure_report()
    text = page_text(client.get(reverse("appraisal:verify", args=[report.number]), **ZH))
    assert "手机" in text and "electronics/phones" not in text
    assert not ISO_TIMESTAMP.search(text)
    assert not SNAKE_CASE.search(text), SNAKE_CASE.findall(text)


def test_the_case_page_explains_the_grade_in_words(client):
    case = critical_failure_case()
    case = services.grade_case(case, actor=case.appraiser.user)
    assert case.grading_reasons == ["critical item failed: activation_lock"]
    sign_in(client, case.appraiser.user)
    text = page_text(client.get(reverse("appraisal:case", args=[case.pk]), **ZH))
    assert "关键项不合格：无激活锁/账号锁" in text
    assert "critical item failed" not in text and not SNAKE_CASE.search(text), SNAKE_CASE.findall(text)
