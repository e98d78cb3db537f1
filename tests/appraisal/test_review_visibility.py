"""A case awaiting second review is seen only by appraisers who may review it: certified for its
category, not its first appraiser, with no conflict of interest."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from appraisal import services
from appraisal.models import AppraisalCase
from appraisal.permissions import reviews_open_to
from tests.accounts.factories import sign_in
from tests.appraisal.factories import AppraiserFactory, inspected_case
from tests.listings.factories import ListingFactory, category

pytestmark = pytest.mark.django_db


@pytest.fixture
def car_in_review(seller, certified):
    car = ListingFactory(
        seller=seller,
        published=True,
        category=category("vehicles"),
        title="大众朗逸 2019 复核",
        price="90000",
        attributes={"vin": "LSVAU2180N2183294", "plate": "津A12345"},
    )
    case = services.grade_case(inspected_case(car, certified), actor=certified.user)
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
    assert case.status == AppraisalCase.Status.IN_REVIEW
    return case


def test_only_a_certified_unconflicted_second_appraiser_sees_a_case_in_review(
    client, seller, certified, second_appraiser, car_in_review
):
    luxury_only = AppraiserFactory(specialities=("luxury",), totp=True)
    related = AppraiserFactory(specialities=("vehicles",), totp=True)
    related.user.phone = seller.phone = "13900001111"
    related.user.save(update_fields=["phone"])
    seller.save(update_fields=["phone"])

    assert reviews_open_to(second_appraiser) == [car_in_review]
    for appraiser in (certified, luxury_only, related):
        assert reviews_open_to(appraiser) == [], appraiser

    case_url = reverse("appraisal:case", args=[car_in_review.pk])
    sign_in(client, second_appraiser.user)
    assert car_in_review.item_name in client.get(reverse("appraisal:workbench")).content.decode()
    assert client.get(case_url).status_code == 200
    for appraiser in (luxury_only, related):
        sign_in(client, appraiser.user)
        assert car_in_review.item_name not in client.get(reverse("appraisal:workbench")).content.decode()
        assert client.get(case_url).status_code == 404
