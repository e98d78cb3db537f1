"""Writes to accounts: roles, real-name verification, leaving the platform, retention purges."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import personal_data
from .identity import mask_id_number, mask_name, parse_resident_id
from .models import IdentityVerification, PolicyConsent, Role, User
from .policy import POLICY_VERSION

logger = logging.getLogger(__name__)


def set_role(user: User, role: str, *, street=None, supervision_office=None) -> User:
    """Give a user one role and its binding; membership of the role's permission group follows.

    Street staff need a street and regulators an office (also enforced by database constraints).
    """
    if role == Role.STREET_STAFF and street is None:
        raise ValidationError(_("Street-office staff must be bound to a street."), code="street_required")
    if role == Role.REGULATOR and supervision_office is None:
        raise ValidationError(
            _("Regulators must be bound to a market-supervision office."), code="office_required"
        )
    with transaction.atomic():
        user.role = role
        user.street = street if role == Role.STREET_STAFF else None
        user.supervision_office = supervision_office if role == Role.REGULATOR else None
        user.save(update_fields=["role", "street", "supervision_office"])
        role_groups = Group.objects.filter(name__in=Role.values)
        user.groups.remove(*role_groups)
        group, _created = Group.objects.get_or_create(name=role)
        user.groups.add(group)
    return user


def verify_identity(
    user: User, *, real_name: str, id_number: str, method: str = IdentityVerification.Method.SELF_DECLARED
) -> IdentityVerification:
    """Record a seller's real name and resident ID number, superseding any earlier record.

    The number must pass GB 11643 checks and may not be bound to another open account. Only
    ciphertext, a keyed hash and masked forms are stored.
    """
    real_name = (real_name or "").strip()
    if not 2 <= len(real_name) <= 30:
        raise ValidationError(_("Enter your name as it appears on your ID card."), code="real_name")
    resident_id = parse_resident_id(id_number)
    number_hash = personal_data.keyed_hash(resident_id.number)
    now = timezone.now()
    with transaction.atomic():
        # Lock the user's row so two simultaneous submissions cannot both become "current".
        User.objects.select_for_update().get(pk=user.pk)
        taken = (
            IdentityVerification.objects.current()
            .filter(id_number_hash=number_hash, user__is_active=True)
            .exclude(user=user)
            .exists()
        )
        if taken:
            raise ValidationError(
                _(
                    "This ID number is already verified on another account. "
                    "Contact platform staff if this is wrong."
                ),
                code="id_taken",
            )
        IdentityVerification.objects.current().filter(user=user).update(superseded_at=now)
        return IdentityVerification.objects.create(
            user=user,
            real_name_encrypted=personal_data.encrypt(real_name),
            id_number_encrypted=personal_data.encrypt(resident_id.number),
            id_number_hash=number_hash,
            id_number_masked=mask_id_number(resident_id.number),
            real_name_masked=mask_name(real_name),
            method=method,
            verified_at=now,
            expires_at=now + dt.timedelta(days=settings.IDENTITY_REVERIFY_DAYS),
        )


def record_consent(user: User, *, version: str = POLICY_VERSION) -> PolicyConsent:
    """Record that `user` consented to the privacy policy and terms of use of `version`, now."""
    return PolicyConsent.objects.create(user=user, version=version, consented_at=timezone.now())


def close_account(user: User) -> User:
    """Let a user leave: sign-in data is anonymised, identity records are kept for the retention period.

    The row itself stays so that orders, listings and identity records keep their owner (Art. 31).
    """
    now = timezone.now()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.left_at:
            return user
        user.email = f"left-{user.pk}@invalid.invalid"
        user.display_name = ""
        user.first_name = user.last_name = ""
        user.phone = ""
        user.is_active = False
        user.left_at = now
        user.set_unusable_password()
        user.save()
        user.emailaddress_set.all().delete()
        IdentityVerification.objects.filter(user=user).update(
            retain_until=now + dt.timedelta(days=settings.IDENTITY_RETENTION_DAYS)
        )
    logger.info("account %s closed; identity kept until retention ends", user.pk)
    return user


def purge_expired_identity_records(*, now: dt.datetime | None = None) -> int:
    """Delete identity records whose retention period has ended. Returns how many were deleted."""
    deleted, _detail = IdentityVerification.objects.past_retention(now or timezone.now()).delete()
    return deleted
