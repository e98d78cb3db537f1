"""IP notice-and-takedown (E-Commerce Law Arts. 42–45): rights holders, notices, counter-declarations,
complaints, restoration after the 15 days, upheld notices and repeat infringers."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from listings import actions
from listings.models import Listing
from marketplace.accounts.permissions import is_platform_staff

from .. import audit, signals
from ..errors import RegulationError
from ..models import Flag, IPNotice, RightsHolder, SellerRestriction
from .flags import lock_listing, may_flag, raise_flag

S = Listing.Status
# Art. 42 takes down what is on offer; a withdrawn, expired or sold listing is not offered to anyone.
ON_OFFER = (S.PUBLISHED, S.PENDING_REVIEW, S.RESERVED)
# Notices that still keep their listing down.
OPEN_NOTICE = (IPNotice.Status.TAKEN_DOWN, IPNotice.Status.COUNTER_DECLARED, IPNotice.Status.COMPLAINT_FILED)
NOTICE_HOLD = Listing.AuthorityHold.IP_NOTICE


def register_rights_holder(user, *, organisation: str, credit_code: str, contact_email: str) -> RightsHolder:
    """A rights holder waiting for verification; raises ValidationError on a bad credit code."""
    holder = RightsHolder(
        user=user,
        organisation=organisation.strip(),
        credit_code=credit_code.strip().upper(),
        contact_email=contact_email,
    )
    holder.full_clean()
    holder.save()
    return holder


def verify_rights_holder(holder: RightsHolder, *, actor) -> RightsHolder:
    """Platform staff checked the organisation; from now on its notices take listings down.

    Appends `rights_holder.verified` to the audit log: who may take listings down is on the record.
    """
    RegulationError.require(
        is_platform_staff(actor), _("Only platform staff verify rights holders."), "not_staff"
    )
    with transaction.atomic():
        now = timezone.now()
        if RightsHolder.objects.filter(pk=holder.pk, verified_at__isnull=True).update(verified_at=now) == 1:
            audit.append(
                "rights_holder.verified",
                {
                    "rights_holder": holder.pk,
                    "organisation": holder.organisation,
                    "credit_code": holder.credit_code,
                    "verified_by": audit.pseudonym(actor),
                },
            )
        holder.refresh_from_db(fields=["verified_at"])
    return holder


def file_notice(holder: RightsHolder, *, listing: Listing, right: str, evidence: str) -> IPNotice:
    """Art. 42: the listing is taken down at once and the seller told; a flag goes to the regulator."""
    RegulationError.require(
        holder.verified_at is not None, _("The rights holder must be verified first."), "unverified"
    )
    RegulationError.require(
        bool(right.strip()) and bool(evidence.strip()),
        _("Name the right and give preliminary evidence."),
        "incomplete",
    )
    with transaction.atomic():
        # The listing's row lock comes first, before the audit head's (the one lock order).
        locked = Listing.objects.select_for_update().get(pk=listing.pk)
        notice = IPNotice.objects.create(
            rights_holder=holder, listing=locked, right=right.strip(), evidence=evidence.strip()
        )
        if locked.status in ON_OFFER:
            actions.take_down(
                locked,
                actor=None,
                authority=NOTICE_HOLD,
                reason=str(_("Taken down after an IP notice (E-Commerce Law Art. 42)")),
                note=str(
                    _(
                        "A rights holder says this listing infringes: %(right)s. You may file a "
                        "counter-declaration with evidence."
                    )
                    % {"right": notice.right}
                ),
            )
        raise_flag(
            locked,
            source=Flag.Source.IP_NOTICE,
            flag_type=Flag.Type.COUNTERFEIT,
            severity=Flag.Severity.HIGH,
            reason=notice.right,
            extra={"ip_notice": notice.pk},
        )
        audit.append(
            "ip_notice.filed",
            {
                "notice": notice.pk,
                "listing": listing.pk,
                "right": notice.right,
                "rights_holder": holder.organisation,
                "credit_code": holder.credit_code,
            },
        )
    # The seller is told by notifications (the new IPNotice), in the inbox and by email.
    return notice


def counter_declare(notice: IPNotice, *, actor, statement: str) -> IPNotice:
    """Art. 43: the seller answers with evidence; it is forwarded to the rights holder."""
    RegulationError.require(
        actor.pk == notice.listing.seller_id, _("Only the seller can counter-declare."), "not_seller"
    )
    RegulationError.require(
        notice.status == IPNotice.Status.TAKEN_DOWN, _("This notice cannot be answered now."), "transition"
    )
    statement = statement.strip()
    RegulationError.require(bool(statement), _("Give your statement and evidence."), "statement")
    now = timezone.now()
    with transaction.atomic():
        # Forwarded by email at once; the 15 days run from delivery to the rights holder. The
        # conditional update makes a double submit a no-op instead of restarting the clock.
        restore_after = now + dt.timedelta(days=settings.IP_RESTORE_DAYS)
        updated = IPNotice.objects.filter(pk=notice.pk, status=IPNotice.Status.TAKEN_DOWN).update(
            status=IPNotice.Status.COUNTER_DECLARED,
            counter_statement=statement,
            counter_declared_at=now,
            counter_delivered_at=now,
            restore_after=restore_after,
        )
        RegulationError.require(updated == 1, _("This notice cannot be answered now."), "transition")
        notice.refresh_from_db()
        audit.append(
            "ip_notice.counter_declared",
            {
                "notice": notice.pk,
                "listing": notice.listing_id,
                "restore_after": notice.restore_after.isoformat(),
            },
        )
    # Forwarded to the rights holder's contact address by notifications.
    signals.counter_declared.send(sender=IPNotice, notice=notice)
    return notice


def record_complaint(notice: IPNotice, *, actor, note: str) -> IPNotice:
    """Art. 45: the rights holder notified us of a complaint or suit in time; the takedown stays."""
    RegulationError.require(
        actor.pk == notice.rights_holder.user_id or is_platform_staff(actor),
        _("Only the rights holder or platform staff can record this."),
        "not_allowed",
    )
    note = (note or "").strip()
    RegulationError.require(
        bool(note), _("Say where the complaint or suit was filed, and its reference."), "note"
    )
    with transaction.atomic():
        updated = IPNotice.objects.filter(pk=notice.pk, status=IPNotice.Status.COUNTER_DECLARED).update(
            status=IPNotice.Status.COMPLAINT_FILED, outcome_note=note[:300]
        )
        RegulationError.require(updated == 1, _("There is no counter-declaration to answer."), "transition")
        notice.refresh_from_db()
        audit.append("ip_notice.complaint_filed", {"notice": notice.pk, "listing": notice.listing_id})
    return notice


def _release(notice: IPNotice, *, reason: str) -> bool:
    """The notice no longer keeps its listing down: lift its hold and put the listing back on offer,
    unless another open notice or the regulator's own takedown still holds it. Listing lock first."""
    listing = Listing.objects.select_for_update().get(pk=notice.listing_id)
    if IPNotice.objects.filter(listing=listing, status__in=OPEN_NOTICE).exclude(pk=notice.pk).exists():
        return False
    return actions.restore(listing, actor=None, reason=reason, authority=NOTICE_HOLD)


def restore_expired_notices(*, now: dt.datetime | None = None) -> int:
    """Scheduled: no complaint within 15 days of the counter-declaration reaching the holder → restore.

    A notice with a complaint on record (`complaint_filed`) is never restored here.
    """
    now = now or timezone.now()
    restored = 0
    for notice in IPNotice.objects.filter(status=IPNotice.Status.COUNTER_DECLARED, restore_after__lte=now):
        with transaction.atomic():
            lock_listing(notice.listing_id)
            if (
                IPNotice.objects.filter(pk=notice.pk, status=IPNotice.Status.COUNTER_DECLARED).update(
                    status=IPNotice.Status.RESTORED, closed_at=now
                )
                != 1
            ):
                continue
            _release(notice, reason=str(_("Restored: no complaint within 15 days (Art. 45)")))
            audit.append("ip_notice.restored", {"notice": notice.pk, "listing": notice.listing_id})
            restored += 1
    return restored


def withdraw_notice(notice: IPNotice, *, actor, note: str = "") -> IPNotice:
    """The rights holder withdraws an open notice: its hold ends and the listing returns to offer
    unless something else holds it. Platform staff may record a withdrawal sent to them."""
    RegulationError.require(
        actor.pk == notice.rights_holder.user_id or is_platform_staff(actor),
        _("Only the rights holder or platform staff can withdraw a notice."),
        "not_allowed",
    )
    with transaction.atomic():
        lock_listing(notice.listing_id)
        updated = IPNotice.objects.filter(pk=notice.pk, status__in=OPEN_NOTICE).update(
            status=IPNotice.Status.WITHDRAWN,
            closed_at=timezone.now(),
            outcome_note=(note or "").strip()[:300],
        )
        RegulationError.require(updated == 1, _("This notice is already closed."), "transition")
        notice.refresh_from_db()
        _release(notice, reason=str(_("Restored: the rights holder withdrew the notice")))
        audit.append("ip_notice.withdrawn", {"notice": notice.pk, "listing": notice.listing_id})
    return notice


def may_uphold(user, notice: IPNotice) -> bool:
    """Platform staff anywhere; a regulator for listings in their own district."""
    return is_platform_staff(user) or may_flag(user, notice.listing)


def uphold_notice(notice: IPNotice, *, actor, note: str) -> IPNotice:
    """The infringement stands; the listing stays down. Repeat infringers are restricted from selling."""
    RegulationError.require(
        may_uphold(actor, notice),
        _("Only staff or regulators of the listing's district can uphold a notice."),
        "not_allowed",
    )
    now = timezone.now()
    with transaction.atomic():
        updated = IPNotice.objects.filter(pk=notice.pk, status__in=OPEN_NOTICE).update(
            status=IPNotice.Status.UPHELD, closed_at=now, outcome_note=(note or "").strip()[:300]
        )
        RegulationError.require(updated == 1, _("This notice is already closed."), "transition")
        notice.refresh_from_db()
        seller = notice.listing.seller
        audit.append(
            "ip_notice.upheld",
            {"notice": notice.pk, "listing": notice.listing_id, "seller": audit.pseudonym(seller)},
        )
        since = now - dt.timedelta(days=settings.REPEAT_INFRINGER_DAYS)
        upheld = IPNotice.objects.filter(
            listing__seller=seller, status=IPNotice.Status.UPHELD, closed_at__gte=since
        ).count()
        if upheld >= settings.REPEAT_INFRINGER_NOTICES:
            SellerRestriction.objects.create(
                user=seller,
                reason="repeat IP infringer",
                until=now + dt.timedelta(days=settings.REPEAT_INFRINGER_DAYS),
            )
            audit.append(
                "seller.restricted",
                {
                    "seller": audit.pseudonym(seller),
                    "reason": "repeat IP infringer",
                    "upheld_notices": upheld,
                },
            )
    return notice


def published_outcomes() -> QuerySet[IPNotice]:
    """Art. 44: notices, declarations and outcomes are made public, without personal data."""
    return IPNotice.objects.select_related("rights_holder", "listing").order_by("-filed_at")
