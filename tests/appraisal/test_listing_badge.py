"""The appraisal badge on a listing states the value as a range only when there is one."""

import re

import pytest
from django.urls import reverse

from tests.appraisal.factories import AppraisalReportFactory

pytestmark = pytest.mark.django_db


def test_a_value_from_one_method_is_shown_as_one_figure_not_a_range_of_itself(client):
    report = AppraisalReportFactory()  # the cost method alone: no comparables, no fitted model
    case = report.case
    assert case.estimate_low == case.estimate_high
    page = client.get(reverse("listings:detail", args=[case.listing_id]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = page.content.decode()
    assert f"评估 ¥{case.estimate}" in text
    assert not re.search(rf"¥{re.escape(str(case.estimate_low))}–¥{re.escape(str(case.estimate_high))}", text)
