"""Who may do what. Templates and views ask these helpers; they never compare roles themselves."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Role


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def has_role(user, role: str) -> bool:
    return _signed_in(user) and user.role == role


def is_street_staff(user, street=None) -> bool:
    """Street-office staff, optionally of one street only (staff never act for another street)."""
    if not has_role(user, Role.STREET_STAFF):
        return False
    return street is None or user.street_id == getattr(street, "pk", street)


def is_appraiser(user) -> bool:
    """An appraiser whose certificate is active today."""
    if not has_role(user, Role.APPRAISER):
        return False
    appraiser = getattr(user, "appraiser", None)
    return appraiser is not None and appraiser.is_active()


def is_regulator(user) -> bool:
    return has_role(user, Role.REGULATOR) and user.supervision_office_id is not None


def is_platform_staff(user) -> bool:
    return has_role(user, Role.PLATFORM_STAFF) or (_signed_in(user) and user.is_superuser)


def requires_multi_factor(user) -> bool:
    """Roles that act on other people's goods or data must sign in with a second factor."""
    return _signed_in(user) and (user.role in settings.MFA_REQUIRED_ROLES or user.is_superuser)


def requires_verified_email(user) -> bool:
    """Every role beyond resident: a staff page is never reached from an unconfirmed address."""
    return _signed_in(user) and (user.role != Role.RESIDENT or user.is_staff or user.is_superuser)


def can_sell(user, at=None) -> bool:
    """Only a resident with a current real-name verification may publish goods for sale (Art. 27)."""
    if not _signed_in(user):
        return False
    at = at or timezone.now()
    if user.restrictions.filter(until__gt=at).exists():  # repeat infringers and fraud cases
        return False
    return user.identity_verifications.valid_at(at).exists()


def can_access_cms(user) -> bool:
    return is_platform_staff(user)


@dataclass(frozen=True)
class DashboardLink:
    label: str | Promise
    url: str


def dashboard_links(user) -> list[DashboardLink]:
    """The dashboards a user may open, for the site header: each role sees its own and no other."""
    if not _signed_in(user):
        return []
    links = [DashboardLink(_("My account"), reverse("accounts:profile"))]
    if is_street_staff(user):
        links.append(DashboardLink(_("Street office"), reverse("community_events:staff_dashboard")))
    if is_appraiser(user):
        links.append(DashboardLink(_("Appraisal workbench"), reverse("appraisal:workbench")))
    if is_regulator(user):
        links.append(DashboardLink(_("Regulator review"), reverse("regulation:dashboard")))
    if can_access_cms(user):
        links.append(DashboardLink(_("Moderation queue"), reverse("listings_moderation:queue")))
        links.append(DashboardLink(_("Platform administration"), reverse("wagtailadmin_home")))
    return links
