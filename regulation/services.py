"""Writes for the regulator side: flags and decisions, unmasking, IP notice-and-takedown, reports to
the bureau. Every regulator-relevant change appends to the audit log in its own transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts import personal_data
from marketplace.accounts.permissions import is_platform_staff, is_regulator

from . import audit
from .models import (
    BureauReport,
    Flag,
    FlagEvent,
    IPNotice,
    PublicSecurityReport,
    RightsHolder,
    SellerRestriction,
    UnmaskEvent,
)


class RegulationError(Exception):
    def __init__(self, message, code: str = "invalid"):
        super().__init__(str(message))
        self.message = message
        self.code = code


def _require(condition: bool, message, code: str) -> None:
    if not condition:
        raise RegulationError(message, code=code)


def listing_snapshot(listing) -> dict:
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
    }


def _seller_summary(listing) -> dict:
    """What the bureau sees of the seller: a keyed pseudonym and masked identity, never in clear."""
    identity = listing.seller.identity_verifications.current().first()
    return {
        "seller": audit.pseudonym(listing.seller),
        "identity": {"name": identity.real_name_masked, "id_number": identity.id_number_masked}
        if identity
        else None,
    }


def raise_flag(
    listing, *, source: str, flag_type: str, severity: str, reason: str, actor=None, extra=None
) -> Flag:
    """Open a flag with a snapshot as evidence; suspected stolen goods also get a public-security record."""
    with transaction.atomic():
        snapshot = listing_snapshot(listing)
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
            PublicSecurityReport.objects.create(flag=flag, snapshot=snapshot | _seller_summary(listing))
        audit.append(
            "flag.raised",
            {
                "flag": flag.pk,
                "type": flag_type,
                "source": source,
                "severity": severity,
                "reason_sha256": hashlib.sha256(
                    reason.encode()
                ).hexdigest(),  # reasons may quote personal data
                "listing": listing.pk,
                "street": street.code,
                "photo_hashes": snapshot["photo_hashes"],
            }
            | _seller_summary(listing),
        )
    return flag


def raise_flag_as_regulator(listing, *, actor, flag_type: str, severity: str, reason: str) -> Flag:
    _require(
        is_regulator(actor), _("Only regulators can open flags on their own initiative."), "not_regulator"
    )
    return raise_flag(
        listing,
        source=Flag.Source.REGULATOR,
        flag_type=flag_type,
        severity=severity,
        reason=reason,
        actor=actor,
    )


def flags_visible_to(user):
    """Regulators see the flags of their office's district only; platform staff see all."""
    if is_platform_staff(user):
        return Flag.objects.all()
    if is_regulator(user):
        return Flag.objects.filter(district_code=user.supervision_office.district.code)
    return Flag.objects.none()


def decide(flag: Flag, *, actor, decision: str, reason: str) -> Flag:
    """A regulator's decision, with its effect on the listing or the seller, in the audit log."""
    from listings import services as listing_services
    from listings.models import Listing

    _require(
        flags_visible_to(actor).filter(pk=flag.pk).exists(),
        _("This flag is outside your district."),
        "not_allowed",
    )
    _require(decision in Flag.Decision.values, _("Choose a decision."), "decision")
    reason = (reason or "").strip()
    _require(bool(reason), _("Give the reason for the decision."), "reason")
    with transaction.atomic():
        locked = Flag.objects.select_for_update().get(pk=flag.pk)
        _require(locked.status == Flag.Status.OPEN, _("This flag has already been decided."), "decided")
        listing = Listing.objects.select_for_update().get(pk=locked.listing_id)
        if decision == Flag.Decision.TAKEDOWN and listing.status in (
            Listing.Status.PUBLISHED,
            Listing.Status.PENDING_REVIEW,
            Listing.Status.RESERVED,
        ):
            listing_services._transition(listing, Listing.Status.REMOVED, actor=actor, reason=reason)
            Listing.objects.filter(pk=listing.pk).update(moderation_note=reason)
        elif decision == Flag.Decision.REFER_POLICE:
            if listing.status not in (Listing.Status.BLOCKED, Listing.Status.SOLD):
                listing_services._transition(listing, Listing.Status.BLOCKED, actor=actor, reason=reason)
            PublicSecurityReport.objects.get_or_create(
                flag=locked, defaults={"snapshot": listing_snapshot(listing) | _seller_summary(listing)}
            )
        elif decision == Flag.Decision.REQUEST_IDENTITY:
            # The seller must verify again before selling: the current verification ends now.
            listing.seller.identity_verifications.current().update(expires_at=timezone.now())
        elif decision == Flag.Decision.WARN:
            send_mail(
                str(_("A warning about your listing “%(title)s”") % {"title": listing.title}),
                reason,
                None,
                [listing.seller.email],
                fail_silently=True,
            )
        now = timezone.now()
        locked.status, locked.decision, locked.decision_reason = Flag.Status.CLOSED, decision, reason
        locked.decided_by, locked.decided_at = actor, now
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


def decide_many(flags, *, actor, decision: str, reason: str) -> int:
    done = 0
    for flag in flags:
        decide(flag, actor=actor, decision=decision, reason=reason)
        done += 1
    return done


def unmask(flag: Flag, *, actor, reason: str) -> dict:
    """Show a regulator the seller's identity in clear; the reason is recorded and audited first."""
    _require(
        flags_visible_to(actor).filter(pk=flag.pk).exists(),
        _("This flag is outside your district."),
        "not_allowed",
    )
    reason = (reason or "").strip()
    _require(len(reason) >= 4, _("Say why you need to see the identity."), "reason")
    seller = flag.listing.seller
    identity = seller.identity_verifications.order_by("-verified_at").first()
    with transaction.atomic():
        UnmaskEvent.objects.create(flag=flag, regulator=actor, reason=reason)
        FlagEvent.objects.create(flag=flag, actor=actor, action="unmasked", note=reason)
        audit.append(
            "identity.unmasked",
            {
                "flag": flag.pk,
                "reason": reason,
                "regulator": audit.pseudonym(actor),
                "seller": audit.pseudonym(seller),
            },
        )
    if identity is None:
        return {"name": None, "id_number": None, "phone": seller.phone, "email": seller.email}
    return {
        "name": personal_data.decrypt(identity.real_name_encrypted),
        "id_number": personal_data.decrypt(identity.id_number_encrypted),
        "phone": seller.phone,
        "email": seller.email,
    }


# --- IP notice-and-takedown (E-Commerce Law Arts. 42–45) -----------------------------------------------


def register_rights_holder(user, *, organisation: str, credit_code: str, contact_email: str) -> RightsHolder:
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
    _require(is_platform_staff(actor), _("Only platform staff verify rights holders."), "not_staff")
    holder.verified_at = timezone.now()
    holder.save(update_fields=["verified_at"])
    return holder


def file_notice(holder: RightsHolder, *, listing, right: str, evidence: str) -> IPNotice:
    """Art. 42: the listing is taken down at once and the seller told; a flag goes to the regulator."""
    from listings import services as listing_services
    from listings.models import Listing

    _require(holder.verified_at is not None, _("The rights holder must be verified first."), "unverified")
    _require(
        bool(right.strip()) and bool(evidence.strip()),
        _("Name the right and give preliminary evidence."),
        "incomplete",
    )
    with transaction.atomic():
        notice = IPNotice.objects.create(
            rights_holder=holder, listing=listing, right=right.strip(), evidence=evidence.strip()
        )
        locked = Listing.objects.select_for_update().get(pk=listing.pk)
        if locked.status in (
            Listing.Status.PUBLISHED,
            Listing.Status.PENDING_REVIEW,
            Listing.Status.RESERVED,
        ):
            listing_services._transition(
                locked,
                Listing.Status.REMOVED,
                actor=None,
                reason=str(_("Taken down after an IP notice (E-Commerce Law Art. 42)")),
            )
            Listing.objects.filter(pk=locked.pk).update(
                moderation_note=str(
                    _(
                        "A rights holder says this listing infringes: %(right)s. You may file a "
                        "counter-declaration with evidence."
                    )
                    % {"right": notice.right}
                )
            )
        raise_flag(
            listing,
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
    send_mail(
        str(_("Your listing was taken down after an IP notice")),
        notice.right,
        None,
        [listing.seller.email],
        fail_silently=True,
    )
    return notice


def counter_declare(notice: IPNotice, *, actor, statement: str) -> IPNotice:
    """Art. 43: the seller answers with evidence; it is forwarded to the rights holder."""
    _require(actor.pk == notice.listing.seller_id, _("Only the seller can counter-declare."), "not_seller")
    _require(
        notice.status == IPNotice.Status.TAKEN_DOWN, _("This notice cannot be answered now."), "transition"
    )
    statement = statement.strip()
    _require(bool(statement), _("Give your statement and evidence."), "statement")
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
        _require(updated == 1, _("This notice cannot be answered now."), "transition")
        notice.refresh_from_db()
        audit.append(
            "ip_notice.counter_declared",
            {
                "notice": notice.pk,
                "listing": notice.listing_id,
                "restore_after": notice.restore_after.isoformat(),
            },
        )
    send_mail(
        str(_("Counter-declaration on your IP notice")),
        statement,
        None,
        [notice.rights_holder.contact_email],
        fail_silently=True,
    )
    return notice


def record_complaint(notice: IPNotice, *, actor, note: str) -> IPNotice:
    """Art. 45: the rights holder notified us of a complaint or suit in time; the takedown stays."""
    _require(
        actor.pk == notice.rights_holder.user_id or is_platform_staff(actor),
        _("Only the rights holder or platform staff can record this."),
        "not_allowed",
    )
    _require(
        notice.status == IPNotice.Status.COUNTER_DECLARED,
        _("There is no counter-declaration to answer."),
        "transition",
    )
    with transaction.atomic():
        updated = IPNotice.objects.filter(pk=notice.pk, status=IPNotice.Status.COUNTER_DECLARED).update(
            status=IPNotice.Status.COMPLAINT_FILED, outcome_note=note[:300]
        )
        _require(updated == 1, _("There is no counter-declaration to answer."), "transition")
        notice.refresh_from_db()
        audit.append("ip_notice.complaint_filed", {"notice": notice.pk, "listing": notice.listing_id})
    return notice


def restore_expired_notices(*, now: dt.datetime | None = None) -> int:
    """Scheduled: no complaint within 15 days of the counter-declaration reaching the holder → restore."""
    from listings import services as listing_services
    from listings.models import Listing

    now = now or timezone.now()
    restored = 0
    for notice in IPNotice.objects.filter(status=IPNotice.Status.COUNTER_DECLARED, restore_after__lte=now):
        with transaction.atomic():
            if (
                IPNotice.objects.filter(pk=notice.pk, status=IPNotice.Status.COUNTER_DECLARED).update(
                    status=IPNotice.Status.RESTORED, closed_at=now
                )
                != 1
            ):
                continue
            listing = Listing.objects.select_for_update().get(pk=notice.listing_id)
            still_down = (
                IPNotice.objects.filter(listing=listing)
                .exclude(pk=notice.pk)
                .exclude(status__in=[IPNotice.Status.RESTORED, IPNotice.Status.WITHDRAWN])
                .exists()
                or Flag.objects.filter(
                    listing=listing, decision__in=[Flag.Decision.TAKEDOWN, Flag.Decision.REFER_POLICE]
                ).exists()
            )
            if listing.status == Listing.Status.REMOVED and not still_down:
                listing_services._transition(
                    listing,
                    Listing.Status.PUBLISHED,
                    actor=None,
                    reason=str(_("Restored: no complaint within 15 days (Art. 45)")),
                )
            audit.append("ip_notice.restored", {"notice": notice.pk, "listing": listing.pk})
            restored += 1
    return restored


def uphold_notice(notice: IPNotice, *, actor, note: str) -> IPNotice:
    """The infringement stands. Repeat infringers are restricted from selling."""
    _require(
        is_platform_staff(actor) or is_regulator(actor),
        _("Only staff or regulators can uphold a notice."),
        "not_allowed",
    )
    now = timezone.now()
    with transaction.atomic():
        notice.status, notice.closed_at, notice.outcome_note = IPNotice.Status.UPHELD, now, note[:300]
        notice.save(update_fields=["status", "closed_at", "outcome_note"])
        seller = notice.listing.seller
        audit.append(
            "ip_notice.upheld",
            {"notice": notice.pk, "listing": notice.listing_id, "seller": audit.pseudonym(seller)},
        )
        since = now - dt.timedelta(days=settings.REPEAT_INFRINGER_DAYS)
        upheld = IPNotice.objects.filter(
            listing__seller=seller, status=IPNotice.Status.UPHELD, closed_at__gte=since
        )
        if upheld.count() >= settings.REPEAT_INFRINGER_NOTICES:
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
                    "upheld_notices": upheld.count(),
                },
            )
    return notice


def published_outcomes():
    """Art. 44: notices, declarations and outcomes are made public, without personal data."""
    return IPNotice.objects.select_related("rights_holder", "listing").order_by("-filed_at")


# --- Reports to the bureau -------------------------------------------------------------------------


def half_year(period: str) -> tuple[dt.date, dt.date]:
    year, half = int(period[:4]), period[4:]
    _require(half in ("H1", "H2"), _("A period looks like 2026H1 or 2026H2."), "period")
    return (
        (dt.date(year, 1, 1), dt.date(year, 6, 30))
        if half == "H1"
        else (dt.date(year, 7, 1), dt.date(year, 12, 31))
    )


def identity_report(period: str) -> BureauReport:
    """E-Commerce Law Art. 28: sellers' identity, masked and pseudonymised, with their sales in the period;
    those above IDENTITY_REPORT_FLAG_AMOUNT over the past year are flagged."""
    from marketplace.accounts.models import User
    from orders.models import Order

    start, end = half_year(period)
    sales = (
        Order.objects.filter(
            status__in=["completed", "resolved"], completed_at__date__gte=start, completed_at__date__lte=end
        )
        .values("seller")
        .annotate(total=Sum("price"))
    )
    year_start = end - dt.timedelta(days=365)
    yearly = dict(
        Order.objects.filter(
            status__in=["completed", "resolved"],
            completed_at__date__gt=year_start,
            completed_at__date__lte=end,
        )
        .values_list("seller")
        .annotate(total=Sum("price"))
    )
    sellers = []
    users = User.objects.in_bulk([row["seller"] for row in sales])
    for row in sales:
        user = users[row["seller"]]
        identity = user.identity_verifications.order_by("-verified_at").first()
        year_total = yearly.get(user.pk, Decimal(0))
        sellers.append(
            {
                "seller": audit.pseudonym(user),
                "name": identity.real_name_masked if identity else None,
                "id_number": identity.id_number_masked if identity else None,
                "community": str(user.community) if user.community else None,
                "sales_in_period": str(Decimal(row["total"]).quantize(Decimal("0.01"))),
                "sales_past_year": str(Decimal(year_total).quantize(Decimal("0.01"))),
                "over_threshold": year_total > settings.IDENTITY_REPORT_FLAG_AMOUNT,
            }
        )
    payload = {
        "schema": "nankai.identity-report/1",
        "period": period,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "threshold": str(settings.IDENTITY_REPORT_FLAG_AMOUNT),
        "sellers": sorted(sellers, key=lambda s: s["seller"]),
    }
    with transaction.atomic():
        report, _created = BureauReport.objects.update_or_create(
            kind=BureauReport.Kind.IDENTITY, period=period, defaults={"payload": payload}
        )
        audit.append(
            "report.identity",
            {
                "period": period,
                "sellers": len(sellers),
                "over_threshold": sum(s["over_threshold"] for s in sellers),
            },
        )
    return report


def leads_report(period: str) -> BureauReport:
    """网络交易合规数据报送: illegal-conduct leads (seller, goods, violation, records kept, measures)."""
    start, end = half_year(period)
    flags = (
        Flag.objects.filter(status=Flag.Status.CLOSED, decided_at__date__gte=start, decided_at__date__lte=end)
        .exclude(decision=Flag.Decision.NO_VIOLATION)
        .select_related("listing__seller")
    )
    leads = [
        {
            "lead": f"flag-{flag.pk}",
            "seller": audit.pseudonym(flag.listing.seller),
            "goods": {
                "title": flag.evidence.get("listing", {}).get("title"),
                "category": flag.evidence.get("listing", {}).get("category"),
                "photo_hashes": flag.evidence.get("listing", {}).get("photo_hashes"),
            },
            "violation": flag.flag_type,
            "records_kept": {"snapshot": True, "flag_events": flag.events.count()},
            "measures": flag.decision,
            "decided_at": flag.decided_at.isoformat(),
        }
        for flag in flags
    ]
    payload = {"schema": "nankai.leads-report/1", "period": period, "leads": leads}
    with transaction.atomic():
        report, _created = BureauReport.objects.update_or_create(
            kind=BureauReport.Kind.LEADS, period=period, defaults={"payload": payload}
        )
        audit.append("report.leads", {"period": period, "leads": len(leads)})
    return report


def due_half_yearly_reports(*, today: dt.date | None = None) -> list[str]:
    today = today or timezone.localdate()
    if today.month not in (1, 7) or today.day > 7:
        return []
    period = f"{today.year - 1}H2" if today.month == 1 else f"{today.year}H1"
    made = []
    for kind, build in (
        (BureauReport.Kind.IDENTITY, identity_report),
        (BureauReport.Kind.LEADS, leads_report),
    ):
        if not BureauReport.objects.filter(kind=kind, period=period).exists():
            build(period)
            made.append(f"{kind} {period}")
    return made
