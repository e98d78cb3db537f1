"""Flags: raising them with frozen evidence, who sees them, and a regulator's decision on them."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from listings import actions
from listings.models import Listing
from marketplace.accounts.permissions import is_platform_staff, is_regulator
from marketplace.core.errors import DomainError

from .. import audit
from ..errors import RegulationError
from ..models import Flag, FlagEvent, PublicSecurityReport
from .evidence_files import freeze_photos

REGULATOR_HOLD = Listing.AuthorityHold.REGULATOR


def lock_listing(listing_id: int) -> None:
    """Take the listing's row lock. Call it before `audit.append` in any transaction that touches
    both: the lock order is always listing, then audit head."""
    list(Listing.objects.select_for_update().filter(pk=listing_id).values_list("pk", flat=True))


def listing_snapshot(listing: Listing) -> dict:
    """The listing as it is now, frozen into the flag: later edits cannot change the evidence."""
    photos = listing.listing_photos.select_related("photo").order_by("position")
    return {
        "listing_id": listing.pk,
        "title": listing.title,
        "description": listing.description,
        "category": listing.category.path,
        "attributes": listing.attributes,
        "condition": listing.condition,
        "trade_mode": listing.trade_mode,
        "price": str(listing.price) if listing.price is not None else None,
        "status": listing.status,
        "community": listing.community.name,
        "street": listing.community.street.code,
        "seller_id": listing.seller_id,
        "photo_hashes": [item.photo.phash for item in photos],
        # A photo still being rendered has no hash yet: its id finds it once it is ready.
        "photo_ids": [item.photo_id for item in photos],
    }


def seller_summary(listing: Listing) -> dict:
    """What the bureau sees of the seller: a keyed pseudonym and masked identity, never in clear."""
    identity = listing.seller.identity_verifications.current().first()
    return {
        "seller": audit.pseudonym(listing.seller),
        "identity": {"name": identity.real_name_masked, "id_number": identity.id_number_masked}
        if identity
        else None,
    }


def raise_flag(
    listing: Listing,
    *,
    source: str,
    flag_type: str,
    severity: str,
    reason: str,
    actor=None,
    extra: dict | None = None,
) -> Flag:
    """Open a flag with a snapshot as evidence; suspected stolen goods also get a public-security record.

    Appends `flag.raised` to the audit log in the same transaction. Locks the listing first: every
    path takes the listing's row lock before the audit head's, so two of them never wait on each other.
    """
    with transaction.atomic():
        lock_listing(listing.pk)
        snapshot = listing_snapshot(listing)
        photos = [item.photo for item in listing.listing_photos.select_related("photo").order_by("position")]
        snapshot["photo_files"] = freeze_photos(photos)
        street = listing.community.street
        flag = Flag.objects.create(
            listing=listing,
            source=source,
            flag_type=flag_type,
            severity=severity,
            reason=reason,
            evidence={"listing": snapshot} | (extra or {}),
            raised_by=actor,
            street_code=street.code,
            district_code=street.district.code,
            due_at=timezone.now() + dt.timedelta(hours=settings.FLAG_SLA_HOURS[severity]),
        )
        FlagEvent.objects.create(flag=flag, actor=actor, action="raised", note=reason)
        if flag_type == Flag.Type.STOLEN:
            PublicSecurityReport.objects.create(flag=flag, snapshot=snapshot | seller_summary(listing))
        audit.append(
            "flag.raised",
            {
                "flag": flag.pk,
                "type": flag_type,
                "source": source,
                "severity": severity,
                # Reasons may quote personal data: the log keeps only their hash.
                "reason_sha256": hashlib.sha256(reason.encode()).hexdigest(),
                "listing": listing.pk,
                "street": street.code,
                "photo_hashes": snapshot["photo_hashes"],
            }
            | seller_summary(listing),
        )
    return flag


def complete_evidence(listing: Listing, photo) -> list[Flag]:
    """A photo the listing's flags froze while it was still rendering is ready now: each such flag gets its
    copy and hash, and the log records the completion. The hash and copy are filled in only where the
    snapshot had none: evidence already frozen is never changed."""
    completed = []
    for flag in Flag.objects.select_for_update().filter(listing=listing).order_by("pk"):
        snapshot = flag.evidence.get("listing") or {}
        ids, hashes = snapshot.get("photo_ids") or [], snapshot.get("photo_hashes") or []
        copies = snapshot.get("photo_files") or [None] * len(ids)
        missing = [i for i, pk in enumerate(ids) if pk == photo.pk and i < len(hashes) and not hashes[i]]
        if not missing:
            continue
        for index in missing:
            hashes[index] = photo.phash
            if index < len(copies) and copies[index] is None:
                copies[index] = freeze_photos([photo])[0]
        snapshot |= {"photo_hashes": hashes, "photo_files": copies}
        flag.save(update_fields=["evidence"])
        FlagEvent.objects.create(flag=flag, actor=None, action="evidence_completed", note=photo.phash)
        audit.append(
            "flag.evidence_completed",
            {"flag": flag.pk, "listing": listing.pk, "photo_positions": missing, "photo_hash": photo.phash},
        )
        completed.append(flag)
    return completed


def may_flag(user, listing: Listing) -> bool:
    """A regulator may open a flag on a listing in their own office's district."""
    office = getattr(user, "supervision_office", None)
    return (
        is_regulator(user)
        and office is not None
        and listing.community.street.district_id == office.district_id
    )


def raise_flag_as_regulator(listing: Listing, *, actor, flag_type: str, severity: str, reason: str) -> Flag:
    """A regulator's own flag on a listing in their district (spot checks, outside tips)."""
    RegulationError.require(
        is_regulator(actor), _("Only regulators can open flags on their own initiative."), "not_regulator"
    )
    RegulationError.require(
        may_flag(actor, listing), _("This listing is outside your district."), "not_allowed"
    )
    RegulationError.require(flag_type in Flag.Type.values, _("Choose what is wrong."), "flag_type")
    RegulationError.require(severity in Flag.Severity.values, _("Choose a severity."), "severity")
    reason = (reason or "").strip()
    RegulationError.require(bool(reason), _("Say what you found."), "reason")
    return raise_flag(
        listing,
        source=Flag.Source.REGULATOR,
        flag_type=flag_type,
        severity=severity,
        reason=reason,
        actor=actor,
    )


def flags_visible_to(user) -> QuerySet[Flag]:
    """Regulators see the flags of their office's district only; platform staff read all of them."""
    if is_regulator(user):
        return flags_decidable_by(user)
    if is_platform_staff(user):
        return Flag.objects.all()
    return Flag.objects.none()


def flags_decidable_by(user) -> QuerySet[Flag]:
    """The flags `user` may decide or unmask: a regulator's, of their office's district. Platform staff
    read flags but make no regulator decision."""
    if not is_regulator(user):
        return Flag.objects.none()
    return Flag.objects.filter(district_code=user.supervision_office.district.code)


def may_decide(user, flag: Flag) -> bool:
    return flags_decidable_by(user).filter(pk=flag.pk).exists()


def require_decider(user, flag: Flag) -> None:
    """Only a regulator of the flag's own district decides it or sees the seller unmasked."""
    RegulationError.require(
        is_regulator(user), _("Only the market regulator makes this decision."), "not_regulator"
    )
    RegulationError.require(may_decide(user, flag), _("This flag is outside your district."), "not_allowed")


def _apply(decision: str, flag: Flag, listing: Listing, *, actor, reason: str) -> None:
    """The decision's effect on the listing or the seller, through listings' public actions.

    A refusal from listings (a sold listing cannot be taken down) raises `ListingError`, which rolls
    the decision back and reaches the regulator as a message.
    """
    if decision == Flag.Decision.TAKEDOWN:
        actions.take_down(listing, actor=actor, reason=reason, note=reason, authority=REGULATOR_HOLD)
    elif decision == Flag.Decision.REFER_POLICE:
        # A sold listing stays the record of the sale; the referral still goes to public security.
        if listing.status != Listing.Status.SOLD:
            actions.block(listing, actor=actor, reason=reason, authority=REGULATOR_HOLD)
        PublicSecurityReport.objects.get_or_create(
            flag=flag, defaults={"snapshot": listing_snapshot(listing) | seller_summary(listing)}
        )
    elif decision == Flag.Decision.REQUEST_IDENTITY:
        # The seller must verify again before selling: the current verification ends now.
        listing.seller.identity_verifications.current().update(expires_at=timezone.now())
    # A warning reaches the seller through notifications (the decision's FlagEvent), after commit.


def decide(flag: Flag, *, actor, decision: str, reason: str) -> Flag:
    """A regulator's decision (of the flag's own district only), with its effect on the listing or the
    seller, in the audit log. A takedown or a referral puts the listing under the regulator's hold.

    Closes the flag only when the effect was applied; otherwise nothing changes and the refusal
    (RegulationError or ListingError) says why.
    """
    require_decider(actor, flag)
    RegulationError.require(decision in Flag.Decision.values, _("Choose a decision."), "decision")
    reason = (reason or "").strip()
    RegulationError.require(bool(reason), _("Give the reason for the decision."), "reason")
    with transaction.atomic():
        locked = Flag.objects.select_for_update().get(pk=flag.pk)
        RegulationError.require(
            locked.status == Flag.Status.OPEN, _("This flag has already been decided."), "decided"
        )
        listing = Listing.objects.select_for_update().get(pk=locked.listing_id)
        _apply(decision, locked, listing, actor=actor, reason=reason)
        locked.status, locked.decision, locked.decision_reason = Flag.Status.CLOSED, decision, reason
        locked.decided_by, locked.decided_at = actor, timezone.now()
        locked.save(update_fields=["status", "decision", "decision_reason", "decided_by", "decided_at"])
        FlagEvent.objects.create(flag=locked, actor=actor, action=f"decided:{decision}", note=reason)
        audit.append(
            "flag.decided",
            {
                "flag": locked.pk,
                "decision": decision,
                "reason": reason,
                "listing": listing.pk,
                "regulator": audit.pseudonym(actor),
            },
        )
    return locked


def decide_many(flags, *, actor, decision: str, reason: str) -> tuple[int, list[tuple[Flag, str]]]:
    """Decide each flag on its own; returns how many were decided and the refused ones with why."""
    done, refused = 0, []
    for flag in flags:
        try:
            decide(flag, actor=actor, decision=decision, reason=reason)
        except DomainError as exc:
            refused.append((flag, str(exc.message)))
        else:
            done += 1
    return done, refused
