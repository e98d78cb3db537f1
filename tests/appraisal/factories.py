"""Factories for every appraisal model the tests build. Inspection templates and the defect schedule
are reference data loaded by the migrations: cases use them as they are.

A case's state is a trait (`AppraisalCaseFactory(inspected=True)`); inspection results and reports
are made through the services, so they carry real evidence photos and real signatures.
"""

import datetime as dt
from decimal import Decimal as D

import factory
from django.utils import timezone

from appraisal import services
from appraisal.models import Agency, AppraisalCase, AppraisalReport, Appraiser, Comparable, InspectionTemplate
from marketplace.accounts.models import Role
from marketplace.accounts.services import set_role
from tests.accounts.factories import UserFactory, give_totp
from tests.listings.factories import ListingFactory, category
from tests.media.images import make_image

C = AppraisalCase.Status
# The top-level categories with a template of their own; the general template needs no speciality.
TEMPLATE_CATEGORIES = ("electronics", "vehicles", "luxury")


def template(code: str) -> InspectionTemplate:
    """The current version of a template loaded by the migrations (phone, vehicle, luxury, general…)."""
    return InspectionTemplate.objects.get(code=code, is_current=True)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("credit_code",)

    name = "示例鉴定中心"
    credit_code = "91350100M000100Y43"
    address = "天津市南开区"


class AppraiserFactory(factory.django.DjangoModelFactory):
    """A certified appraiser, active since a month ago. `specialities` takes category slugs;
    `totp=True` gives the account the second factor appraisers sign in with."""

    class Meta:
        model = Appraiser
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, role=Role.APPRAISER)
    agency = factory.SubFactory(AgencyFactory)
    certificate_number = factory.Sequence(lambda n: f"JD-APR-{n:04d}")
    active_from = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))

    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        if create:
            set_role(obj.user, Role.APPRAISER)

    @factory.post_generation
    def specialities(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.specialities.add(*(category(slug) for slug in extracted))

    @factory.post_generation
    def totp(obj, create, extracted, **kwargs):
        if create and extracted:
            give_totp(obj.user)


def record_passes(case: AppraisalCase, actor) -> None:
    """Record every check of the case's template as passed, with photos where the template asks."""
    for item in case.template.items.all():
        photo = make_image(seed=3 + item.position) if item.photo_required or item.kind == "photo" else None
        if item.kind == "pass_fail":
            services.record_result(case, actor=actor, item_code=item.code, passed=True, photo=photo)
        elif item.kind == "score":
            services.record_result(case, actor=actor, item_code=item.code, score=item.max_score, photo=photo)
        elif item.kind == "photo":
            services.record_result(case, actor=actor, item_code=item.code, photo=photo)
        else:
            services.record_result(case, actor=actor, item_code=item.code, measurement="91")


class AppraisalCaseFactory(factory.django.DjangoModelFactory):
    """A seller's request to appraise one of their phone listings, waiting for an appraiser.

    `assigned=True` gives it to an appraiser certified for it; `inspected=True` also records every
    check as passed (through the service), ready to grade.
    """

    class Meta:
        model = AppraisalCase
        skip_postgeneration_save = True

    class Params:
        assigned = factory.Trait(
            status=C.ASSIGNED,
            appraiser=factory.SubFactory(AppraiserFactory, specialities=TEMPLATE_CATEGORIES),
        )
        inspected = factory.Trait(assigned=True)

    listing = factory.SubFactory(
        ListingFactory,
        published=True,
        category=factory.LazyFunction(lambda: category("phones")),
        title="iPhone 13",
        attributes={"imei": "490154203237518", "brand": "Apple", "model": "iPhone 13"},
    )
    owner = factory.SelfAttribute("listing.seller")
    item_name = factory.SelfAttribute("listing.title")
    category = factory.SelfAttribute("listing.category")
    template = factory.LazyAttribute(lambda o: services.template_for(o.category))

    checks = factory.Maybe(
        "inspected",
        yes_declaration=factory.PostGeneration(
            lambda obj, create, extracted, **kwargs: (
                record_passes(obj, obj.appraiser.user) if create else None
            )
        ),
    )


class ComparableFactory(factory.django.DjangoModelFactory):
    """A past sale of a Xiaomi 12S phone, imported, a year old at sale."""

    class Meta:
        model = Comparable

    source = Comparable.Source.IMPORTED
    category = "electronics/phones"
    brand = "小米"
    model = "12S"
    age_days = 360
    condition = "90"
    sold_price = D("1000.00")
    sold_at = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))


class AppraisalReportFactory(factory.django.DjangoModelFactory):
    """A signed report issued through the services: the case is graded, valued (cost and liquidation
    methods, as a phone with no comparables) and issued by its appraiser."""

    class Meta:
        model = AppraisalReport

    case = factory.SubFactory(AppraisalCaseFactory, inspected=True)
    replacement_cost = D("5999")
    used_months = 12
    life_months = 48
    condition = "99"
    brand = "Apple"
    model = "iPhone 13"
    liquidation_discount = D("0.7")

    @classmethod
    def _create(cls, model_class, case, **valuation):
        actor = case.appraiser.user
        case = services.grade_case(case, actor=actor)
        case = services.value_case(case, actor=actor, **valuation)
        return services.issue_report(case, actor=actor)


def inspected_case(listing, appraiser) -> AppraisalCase:
    """A case on `listing` taken by `appraiser`, every check recorded as passed."""
    return AppraisalCaseFactory(listing=listing, appraiser=appraiser, inspected=True)


def issued_report(listing, appraiser, **valuation) -> AppraisalReport:
    """A report on `listing` signed and issued by `appraiser` through the services."""
    return AppraisalReportFactory(case=inspected_case(listing, appraiser), **valuation)
