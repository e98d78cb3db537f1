"""Who may read which street's swap-event figures: platform staff every street, a regulator the streets
of their office's district, street-office staff their own street."""

from __future__ import annotations

from django.db.models import QuerySet

from marketplace.accounts.permissions import is_platform_staff, is_regulator, is_street_staff
from marketplace.geography.models import Street


def district_of(user) -> int | None:
    """The district whose overview the user reads: a regulator's office's, a street office's own."""
    if is_regulator(user):
        return user.supervision_office.district_id
    if is_street_staff(user):
        return user.street.district_id
    return None


def can_view_district_dashboard(user) -> bool:
    return is_platform_staff(user) or is_regulator(user) or is_street_staff(user)


def dashboard_streets(user) -> QuerySet[Street]:
    """The streets in the user's district overview (every street for platform staff)."""
    if is_platform_staff(user):
        return Street.objects.all()
    district = district_of(user)
    return Street.objects.filter(district_id=district) if district else Street.objects.none()


def reportable_streets(user) -> QuerySet[Street]:
    """The streets whose reports the user may open."""
    if is_platform_staff(user):
        return Street.objects.all()
    if is_regulator(user):
        return Street.objects.filter(district_id=user.supervision_office.district_id)
    if is_street_staff(user):
        return Street.objects.filter(pk=user.street_id)
    return Street.objects.none()


def can_view_street_report(user, street: Street) -> bool:
    return reportable_streets(user).filter(pk=street.pk).exists()
