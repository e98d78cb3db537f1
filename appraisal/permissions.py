"""Who may appraise what: specialities, active certificates and conflicts of interest."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
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
    """An appraiser may not buy what they valued within APPRAISAL_PURCHASE_BAN_DAYS."""
    from .models import AppraisalCase

    if not is_appraiser(user):
        return False
    since = timezone.now() - dt.timedelta(days=settings.APPRAISAL_PURCHASE_BAN_DAYS)
    return (
        AppraisalCase.objects.filter(listing=listing, appraiser__user=user, updated_at__gte=since)
        .exclude(status__in=["requested", "cancelled"])
        .exists()
        or AppraisalCase.objects.filter(listing=listing, reviewer__user=user, updated_at__gte=since).exists()
    )


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
