"""Who may appraise what: specialities, active certificates and conflicts of interest."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from marketplace.accounts.permissions import is_appraiser, is_platform_staff


def related_accounts(user_a, user_b) -> bool:
    """The same person or a related account: same user, same verified ID number, or same phone."""
    if user_a.pk == user_b.pk:
        return True
    if user_a.phone and user_a.phone == user_b.phone:
        return True
    hashes_a = set(user_a.identity_verifications.values_list("id_number_hash", flat=True))
    return bool(hashes_a) and user_b.identity_verifications.filter(id_number_hash__in=hashes_a).exists()


def conflict_of_interest(appraiser, case) -> bool:
    owner = case.owner
    seller = case.listing.seller if case.listing_id else owner
    return related_accounts(appraiser.user, owner) or related_accounts(appraiser.user, seller)


def may_appraise(appraiser, case) -> bool:
    return appraiser.is_active() and appraiser.covers_case(case) and not conflict_of_interest(appraiser, case)


def valued_recently(user, listing) -> bool:
    """An appraiser may not buy or swap for what they appraised or reviewed: while the case is open,
    and for APPRAISAL_PURCHASE_BAN_DAYS after its last step (valuation, review, issue). Whatever their
    certificate's state today: an expired or suspended certificate does not lift the ban."""
    from .models import AppraisalCase

    if listing is None or not getattr(user, "is_authenticated", False):
        return False
    C = AppraisalCase.Status
    cases = (
        AppraisalCase.objects.filter(listing=listing)
        .filter(Q(appraiser__user=user) | Q(reviewer__user=user))
        .exclude(status=C.REQUESTED)
    )
    if cases.exclude(status__in=[C.ISSUED, C.DECLINED, C.CANCELLED]).exists():
        return True
    since = timezone.now() - dt.timedelta(days=settings.APPRAISAL_PURCHASE_BAN_DAYS)
    return cases.filter(Q(status_changes__at__gte=since) | Q(updated_at__gte=since)).exists()


def reviews_open_to(appraiser):
    """Cases awaiting a second review this appraiser may take: certified for the category, not the
    first appraiser, no conflict of interest. Nobody else learns they exist."""
    from .models import AppraisalCase

    return open_to(appraiser, AppraisalCase.objects.filter(status=AppraisalCase.Status.IN_REVIEW))


def open_to(appraiser, cases) -> list:
    """Of `cases`, those `appraiser` may work on: speciality, active certificate, no conflict, and never
    a case they appraised themselves."""
    if not appraiser.is_active():
        return []
    tops = [c.path for c in appraiser.specialities.all()]
    candidates = (
        cases.filter(
            Q(category__path__in=tops)
            | Q(category__parent__path__in=tops)
            | Q(template__category__isnull=True)
        )
        .exclude(appraiser=appraiser)
        .select_related("category", "template", "owner", "listing__seller")
    )
    return [case for case in candidates if may_appraise(appraiser, case)]


def can_amend_report(user, report) -> bool:
    """The report's own appraiser amends the latest version of a report still in force."""
    return (
        is_appraiser(user)
        and report.case.appraiser_id is not None
        and report.case.appraiser.user_id == user.pk
        and report.revoked_at is None
        and not hasattr(report, "superseded_by")
    )


def can_revoke_report(user, report) -> bool:
    """The report's appraiser or platform staff revoke a report still in force."""
    if report.revoked_at is not None or not (user and user.is_authenticated):
        return False
    return is_platform_staff(user) or (
        report.case.appraiser_id is not None and report.case.appraiser.user_id == user.pk
    )
