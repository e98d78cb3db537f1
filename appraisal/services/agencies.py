"""Agencies and the appraisers certified with them."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from marketplace.accounts.models import Role
from marketplace.accounts.services import set_role

from ..models import Agency, Appraiser


def register_appraiser(
    user,
    *,
    agency: Agency,
    certificate_number: str,
    active_from: dt.date,
    active_until: dt.date | None = None,
    specialities=(),
) -> Appraiser:
    """Bind a user to an agency under a certificate and give them the appraiser role."""
    with transaction.atomic():
        appraiser = Appraiser.objects.create(
            user=user,
            agency=agency,
            certificate_number=certificate_number.strip(),
            active_from=active_from,
            active_until=active_until,
        )
        appraiser.specialities.set(specialities)
        set_role(user, Role.APPRAISER)
    return appraiser
