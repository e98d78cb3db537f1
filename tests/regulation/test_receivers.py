"""What listings tells the regulator through its signals becomes a flag with evidence and an audit
entry, inside the sender's transaction."""

import pytest
from django.db import transaction

from listings import signals
from listings.models import Listing, ListingReport, RiskAssessment
from regulation.models import AuditEntry, Flag, PublicSecurityReport
from tests.accounts.factories import UserFactory
from tests.listings.factories import ListingFactory, add_photos

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(seller):
    listing = ListingFactory(seller=seller, published=True)
    add_photos(listing)
    return listing


def assessment_of(listing, outcome):
    return RiskAssessment.objects.create(listing=listing, trigger="submit", outcome=outcome)


def test_a_listing_blocked_by_the_rules_is_flagged_as_prohibited(listing):
    assessment = assessment_of(listing, "block")
    with transaction.atomic():
        signals.listing_blocked.send(
            sender=Listing, listing=listing, assessment=assessment, reason="管制刀具"
        )
    flag = Flag.objects.get(listing=listing)
    assert (flag.source, flag.flag_type, flag.severity) == ("rule", "prohibited", "high")
    assert flag.evidence["assessment"] == assessment.pk
    assert flag.evidence["listing"]["photo_hashes"]
    assert AuditEntry.objects.filter(event_type="flag.raised").count() == 1


def test_held_findings_flag_only_the_families_the_regulator_watches(listing):
    assessment = assessment_of(listing, "hold")
    findings = [("stolen_goods", "捡到的"), ("prohibited", "疑似管制"), ("price", "价格异常")]
    with transaction.atomic():
        signals.listing_held.send(sender=Listing, listing=listing, assessment=assessment, findings=findings)
    flags = Flag.objects.filter(listing=listing).order_by("pk")
    assert [(f.flag_type, f.reason) for f in flags] == [("stolen", "捡到的"), ("prohibited", "疑似管制")]
    assert PublicSecurityReport.objects.filter(flag__listing=listing).count() == 1


@pytest.mark.parametrize(
    ("reason", "flag_type"),
    [("counterfeit", "counterfeit"), ("prohibited", "prohibited"), ("stolen", "stolen"), ("fraud", "fraud")],
)
def test_serious_reports_open_a_flag_by_the_reporter(listing, reason, flag_type):
    reporter = UserFactory()
    report = ListingReport.objects.create(
        listing=listing, reporter=reporter, reason=reason, details="要求先转账"
    )
    with transaction.atomic():
        signals.listing_reported.send(sender=ListingReport, report=report)
    flag = Flag.objects.get(listing=listing)
    assert (flag.source, flag.flag_type, flag.severity) == ("report", flag_type, "medium")
    assert flag.raised_by == reporter and flag.evidence["report"] == report.pk
    assert flag.reason == "要求先转账"


def test_minor_reports_stay_with_moderation(listing):
    report = ListingReport.objects.create(listing=listing, reporter=UserFactory(), reason="misleading")
    with transaction.atomic():
        signals.listing_reported.send(sender=ListingReport, report=report)
    assert not Flag.objects.exists()


@pytest.mark.parametrize(
    ("concern", "flag_type"),
    [("fraud", "fraud"), ("stolen", "stolen"), ("misleading", "misleading"), ("other", "other")],
)
def test_an_escalation_always_reaches_the_regulator(listing, platform_admin, concern, flag_type):
    with transaction.atomic():
        signals.listing_escalated.send(
            sender=Listing, listing=listing, actor=platform_admin, concern=concern, reason="请监管核查"
        )
    flag = Flag.objects.get(listing=listing)
    assert (flag.source, flag.flag_type, flag.severity) == ("moderation", flag_type, "high")
    assert flag.raised_by == platform_admin


def test_a_flag_rolls_back_with_the_change_that_raised_it(listing):
    assessment = assessment_of(listing, "block")
    with pytest.raises(RuntimeError), transaction.atomic():
        signals.listing_blocked.send(sender=Listing, listing=listing, assessment=assessment, reason="x")
        raise RuntimeError("the block failed")
    assert not Flag.objects.exists()
    assert not AuditEntry.objects.filter(event_type="flag.raised").exists()
