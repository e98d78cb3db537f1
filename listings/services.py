"""Every write to listings: drafts, photos, submission through the risk rules, moderation,
the lifecycle, messages, favourites and reports. Nothing else assigns `Listing.status`.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from collections.abc import Iterable
from decimal import Decimal

import nh3
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.permissions import can_sell, is_platform_staff
from media.services import delete_photo, store_photo
from regulation.models import Flag
from regulation.services import raise_flag
from search.outbox import record_listing_change

from . import risk
from .errors import ListingError
from .models import (
    EDITABLE,
    TRANSITIONS,
    Conversation,
    Favourite,
    Listing,
    ListingPhoto,
    ListingReport,
    ListingStatusChange,
    Message,
    Outcome,
    RiskAssessment,
    RiskHit,
    TradeRegistration,
)

logger = logging.getLogger(__name__)
S = Listing.Status

EDITABLE_FIELDS = [
    "title",
    "description",
    "category",
    "attributes",
    "condition",
    "trade_mode",
    "price",
    "negotiable",
    "quantity",
    "community",
    "pickup",
    "delivery",
]


def plain_text(text: str) -> str:
    """User text is plain text: tags (and script bodies) are removed by nh3, the entities nh3 writes
    are turned back into characters, and templates escape everything on output."""
    return html.unescape(nh3.clean(text or "", tags=set())).strip()


# --- Lifecycle ---------------------------------------------------------------------------------


def _transition(listing: Listing, new_status: str, *, actor, reason: str = "") -> Listing:
    """Move a listing to `new_status` under a row lock, record the change, return the fresh row."""
    locked = Listing.objects.select_for_update().get(pk=listing.pk)
    if new_status not in TRANSITIONS[locked.status]:
        raise ListingError(
            _("This listing is %(current)s and cannot become %(new)s.")
            % {"current": locked.get_status_display(), "new": Listing.Status(new_status).label},
            code="transition",
        )
    old_status = locked.status
    locked.status = new_status
    fields = ["status", "updated_at"]
    now = timezone.now()
    if new_status == S.PUBLISHED:
        locked.published_at = locked.published_at or now
        locked.expires_at = now + dt.timedelta(days=settings.LISTING_LIFETIME_DAYS)
        fields += ["published_at", "expires_at"]
    locked.save(update_fields=fields)
    ListingStatusChange.objects.create(
        listing=locked, actor=actor, old_status=old_status, new_status=new_status, reason=reason
    )
    record_listing_change(locked.pk)
    listing.status, listing.published_at, listing.expires_at = (
        locked.status,
        locked.published_at,
        locked.expires_at,
    )
    return locked


def _require_seller(listing: Listing, actor) -> None:
    if actor is None or listing.seller_id != actor.pk:
        raise ListingError(_("Only the seller can do this."), code="not_seller")


def _require_moderator(actor) -> None:
    if not is_platform_staff(actor):
        raise ListingError(_("Only platform staff can moderate listings."), code="not_staff")


# --- Drafts and editing ------------------------------------------------------------------------


def _clean_fields(data: dict) -> dict:
    cleaned = {name: data[name] for name in EDITABLE_FIELDS if name in data}
    for name in ("title", "description"):
        if name in cleaned:
            cleaned[name] = plain_text(cleaned[name])
    if cleaned.get("price") is not None:
        cleaned["price"] = Decimal(str(cleaned["price"])).quantize(Decimal("0.01"))
    if cleaned.get("trade_mode") and cleaned["trade_mode"] != "sell":
        cleaned["price"] = None
        cleaned["negotiable"] = False
    return cleaned


def create_draft(seller, **data) -> Listing:
    """Save a new listing as a draft. Drafts are visible to their seller only."""
    fields = _clean_fields(data)
    fields.setdefault("community", seller.community)
    if fields.get("community") is None:
        raise ListingError(_("Choose your community in your profile first."), code="no_community")
    return Listing.objects.create(seller=seller, status=S.DRAFT, **fields)


def update_listing(listing: Listing, *, actor, **data) -> Listing:
    """Change a listing. A listing already public is assessed again and may go back to review."""
    _require_seller(listing, actor)
    with transaction.atomic():
        locked = Listing.objects.select_for_update().get(pk=listing.pk)
        if locked.status not in EDITABLE:
            raise ListingError(
                _("A %(status)s listing cannot be changed.") % {"status": locked.get_status_display()}
            )
        for name, value in _clean_fields(data).items():
            setattr(locked, name, value)
        if locked.status in (S.PUBLISHED, S.PENDING_REVIEW):
            _check_complete(locked)  # an edit cannot turn a gift into a sale without verification
        locked.save()
        record_listing_change(locked.pk)
        if locked.status in (S.PUBLISHED, S.PENDING_REVIEW):
            _assess_and_route(locked, actor=actor, trigger=RiskAssessment.Trigger.EDIT)
    return locked


# --- Photos ------------------------------------------------------------------------------------


def _lock_for_photos(listing: Listing) -> Listing:
    locked = Listing.objects.select_for_update().get(pk=listing.pk)
    if locked.status not in EDITABLE:
        raise ListingError(
            _("Photos cannot be changed on a %(status)s listing.") % {"status": locked.get_status_display()}
        )
    return locked


def add_photo(listing: Listing, *, actor, data: bytes) -> ListingPhoto:
    """Run an upload through the photo pipeline and append it to the gallery (at most 12)."""
    _require_seller(listing, actor)
    with transaction.atomic():
        locked = _lock_for_photos(listing)
        count = locked.listing_photos.count()
        if count >= settings.LISTING_MAX_PHOTOS:
            raise ListingError(
                _("A listing has at most %(max)s photos.") % {"max": settings.LISTING_MAX_PHOTOS},
                code="too_many_photos",
            )
        photo = store_photo(actor, data)
        position = (locked.listing_photos.aggregate(top=Max("position"))["top"] or 0) + (1 if count else 0)
        item = ListingPhoto.objects.create(listing=locked, photo=photo, position=position)
        record_listing_change(locked.pk)
        return item


def remove_photo(listing: Listing, *, actor, photo_id: int) -> None:
    _require_seller(listing, actor)
    with transaction.atomic():
        locked = _lock_for_photos(listing)
        item = locked.listing_photos.select_related("photo").filter(photo_id=photo_id).first()
        if item is None:
            raise ListingError(_("That photo is not part of this listing."), code="no_photo")
        if locked.status != S.DRAFT and locked.listing_photos.count() == 1:
            raise ListingError(_("A listing needs at least one photo."), code="last_photo")
        photo = item.photo
        item.delete()
        delete_photo(photo)
        record_listing_change(locked.pk)


def reorder_photos(listing: Listing, *, actor, photo_ids: Iterable[int]) -> None:
    """Set the gallery order; the first photo becomes the cover."""
    _require_seller(listing, actor)
    photo_ids = [int(pk) for pk in photo_ids]
    with transaction.atomic():
        items = {
            item.photo_id: item for item in ListingPhoto.objects.select_for_update().filter(listing=listing)
        }
        if sorted(photo_ids) != sorted(items):
            raise ListingError(
                _("The new order must list every photo of the listing once."), code="bad_order"
            )
        for position, photo_id in enumerate(photo_ids):
            items[photo_id].position = position
        ListingPhoto.objects.bulk_update(items.values(), ["position"])


# --- Submission and the risk rules -------------------------------------------------------------


def _check_complete(listing: Listing) -> None:
    photos = listing.listing_photos.count()
    if photos < 1:
        raise ListingError(_("Add at least one photo before publishing."), code="no_photos")
    if listing.trade_mode == "sell":
        if not can_sell(listing.seller):
            raise ListingError(
                _("Verify your identity before selling; you can still swap or give items away."),
                code="unverified",
            )
        if listing.price is None or listing.price < Decimal("0.01"):
            raise ListingError(_("Set a price for an item for sale."), code="no_price")
    missing = [
        item["label"]
        for item in listing.category.all_attributes()
        if item.get("required") and not (listing.attributes or {}).get(item["key"])
    ]
    if missing:
        raise ListingError(
            _("Fill in: %(fields)s") % {"fields": "、".join(missing)}, code="missing_attributes"
        )


def _record_assessment(
    findings: list[risk.Finding], trigger: str, *, listing: Listing | None = None, message=None
) -> RiskAssessment:
    """Store one run of the rules with every hit, its rule version, reason and evidence."""
    assessment = RiskAssessment.objects.create(
        listing=listing, message=message, trigger=trigger, outcome=risk.decide(findings)
    )
    RiskHit.objects.bulk_create(
        RiskHit(
            assessment=assessment,
            rule=f.rule,
            rule_version=f.rule.version,
            family=f.rule.family,
            outcome=f.outcome,
            reason=f.reason[:300],
            evidence=f.evidence,
        )
        for f in findings
    )
    return assessment


FLAG_TYPES = {
    "prohibited": Flag.Type.PROHIBITED,
    "stolen_phone": Flag.Type.STOLEN,
    "stolen_goods": Flag.Type.STOLEN,
}


def _assess_and_route(listing: Listing, *, actor, trigger: str) -> RiskAssessment:
    """Run the rules; block, hold for review or publish according to the most severe finding."""
    findings = risk.assess_listing(listing)
    assessment = _record_assessment(findings, trigger, listing=listing)
    if assessment.outcome == Outcome.BLOCK:
        reason = "; ".join(f.reason for f in findings if f.outcome == Outcome.BLOCK)
        _transition(listing, S.BLOCKED, actor=None, reason=reason)
        transaction.on_commit(lambda: logger.info("listing %s blocked by rules", listing.pk))
        raise_flag(
            listing,
            source=Flag.Source.RULE,
            flag_type=Flag.Type.PROHIBITED,
            severity=Flag.Severity.HIGH,
            reason=reason,
            extra={"assessment": assessment.pk},
        )
    elif assessment.outcome == Outcome.HOLD:
        if listing.status != S.PENDING_REVIEW:
            _transition(listing, S.PENDING_REVIEW, actor=None, reason=_("Held by risk rules"))
        for finding in findings:
            if finding.outcome == Outcome.HOLD and finding.rule.family in FLAG_TYPES:
                raise_flag(
                    listing,
                    source=Flag.Source.RULE,
                    flag_type=FLAG_TYPES[finding.rule.family],
                    severity=Flag.Severity.HIGH,
                    reason=finding.reason,
                    extra={"assessment": assessment.pk},
                )
    elif trigger == RiskAssessment.Trigger.SUBMIT:
        # Edits never publish by themselves: a listing held by moderation stays held until decided.
        _transition(listing, S.PUBLISHED, actor=actor)
        register_trade(listing)
    return assessment


def submit_listing(listing: Listing, *, actor) -> Listing:
    """Send a draft (or an expired listing being renewed) through the rules.

    Outcome: published, pending review, or blocked. Raises ListingError if incomplete.
    """
    _require_seller(listing, actor)
    with transaction.atomic():
        locked = Listing.objects.select_for_update().get(pk=listing.pk)
        if locked.status not in (S.DRAFT, S.EXPIRED):
            raise ListingError(_("Only drafts and expired listings can be submitted."), code="transition")
        _check_complete(locked)
        _assess_and_route(locked, actor=actor, trigger=RiskAssessment.Trigger.SUBMIT)
        locked.refresh_from_db()
    return locked


def register_trade(listing: Listing) -> TradeRegistration:
    """Snapshot seller identity and item identifiers, kept beyond the listing and the account."""
    identity = listing.seller.identity_verifications.current().first()
    attributes = listing.attributes or {}
    return TradeRegistration.objects.create(
        listing=listing,
        seller=listing.seller,
        identity=identity,
        seller_name_masked=identity.real_name_masked if identity else "",
        item_name=listing.title,
        quantity=listing.quantity,
        category_path=listing.category.path,
        condition=listing.condition,
        trade_mode=listing.trade_mode,
        price=listing.price,
        identifiers={key: attributes[key] for key in ("imei", "mac", "vin", "plate") if attributes.get(key)},
        attributes=attributes,
        community_name=str(listing.community),
        retain_until=timezone.now() + dt.timedelta(days=settings.TRADE_RECORD_RETENTION_DAYS),
    )


# --- Moderation --------------------------------------------------------------------------------


def _require_fresh_eyes(listing: Listing, actor) -> None:
    """An appeal is decided by someone other than the moderator who removed the listing."""
    if not listing.appeal_used:
        return
    removal = listing.status_changes.filter(new_status=S.REMOVED).order_by("-at", "-pk").first()
    if removal is not None and removal.actor_id == actor.pk:
        raise ListingError(_("Another moderator must decide this appeal."), code="same_moderator")


def approve_listing(listing: Listing, *, actor) -> Listing:
    _require_moderator(actor)
    _require_fresh_eyes(listing, actor)
    with transaction.atomic():
        locked = _transition(listing, S.PUBLISHED, actor=actor, reason=_("Approved by moderation"))
        locked.moderation_note = ""
        locked.save(update_fields=["moderation_note"])
        register_trade(locked)
    return locked


def reject_listing(listing: Listing, *, actor, reason: str) -> Listing:
    """Remove a listing; the reason is shown to the seller, who may appeal once."""
    _require_moderator(actor)
    reason = plain_text(reason)
    if not reason:
        raise ListingError(_("Give the seller a reason."), code="reason_required")
    _require_fresh_eyes(listing, actor)
    with transaction.atomic():
        locked = _transition(listing, S.REMOVED, actor=actor, reason=reason)
        locked.moderation_note = reason
        locked.save(update_fields=["moderation_note"])
    return locked


def escalate_listing(listing: Listing, *, actor, flag_type: str, reason: str) -> Flag:
    """Hand a held listing to the regulator's queue; it stays hidden meanwhile."""
    _require_moderator(actor)
    reason = plain_text(reason)
    if not reason:
        raise ListingError(_("Say why the regulator should look at this."), code="reason_required")
    with transaction.atomic():
        locked = Listing.objects.select_for_update().get(pk=listing.pk)
        if locked.status == S.PUBLISHED:
            locked = _transition(locked, S.PENDING_REVIEW, actor=actor, reason=reason)
        ListingStatusChange.objects.create(
            listing=locked,
            actor=actor,
            old_status=locked.status,
            new_status=locked.status,
            reason=_("Escalated to the regulator: %(reason)s") % {"reason": reason},
        )
        return raise_flag(
            locked,
            source=Flag.Source.MODERATION,
            flag_type=flag_type,
            severity=Flag.Severity.HIGH,
            reason=reason,
            actor=actor,
        )


def block_listing(listing: Listing, *, actor, reason: str) -> Listing:
    _require_moderator(actor)
    with transaction.atomic():
        return _transition(listing, S.BLOCKED, actor=actor, reason=plain_text(reason))


def appeal_removal(listing: Listing, *, actor, statement: str) -> Listing:
    """The seller's single appeal against a removal: the listing returns to the review queue."""
    _require_seller(listing, actor)
    statement = plain_text(statement)
    if not statement:
        raise ListingError(_("Explain why the listing should be restored."), code="statement_required")
    with transaction.atomic():
        locked = Listing.objects.select_for_update().get(pk=listing.pk)
        if locked.status != S.REMOVED:
            raise ListingError(_("Only a removed listing can be appealed."), code="not_removed")
        if locked.appeal_used:
            raise ListingError(_("This listing has already been appealed once."), code="appeal_used")
        locked = _transition(
            locked, S.PENDING_REVIEW, actor=actor, reason=_("Appeal: %(s)s") % {"s": statement}
        )
        locked.appeal_used = True
        locked.save(update_fields=["appeal_used"])
    return locked


# --- Seller actions and background transitions -------------------------------------------------


def withdraw_listing(listing: Listing, *, actor) -> Listing:
    _require_seller(listing, actor)
    with transaction.atomic():
        return _transition(listing, S.WITHDRAWN, actor=actor)


def reopen_as_draft(listing: Listing, *, actor) -> Listing:
    """A withdrawn listing becomes a draft again, to be edited and submitted."""
    _require_seller(listing, actor)
    with transaction.atomic():
        return _transition(listing, S.DRAFT, actor=actor)


def reserve_listing(listing: Listing, *, actor, reason: str = "") -> Listing:
    """Called by orders under the listing's row lock: exactly one order may hold a listing."""
    return _transition(listing, S.RESERVED, actor=actor, reason=reason)


def release_listing(listing: Listing, *, actor, reason: str = "") -> Listing:
    return _transition(listing, S.PUBLISHED, actor=actor, reason=reason)


def mark_sold(listing: Listing, *, actor, reason: str = "") -> Listing:
    locked = _transition(listing, S.SOLD, actor=actor, reason=reason)
    TradeRegistration.objects.filter(listing=locked).update(
        retain_until=timezone.now() + dt.timedelta(days=settings.TRADE_RECORD_RETENTION_DAYS)
    )
    return locked


def expire_due_listings(*, now: dt.datetime | None = None) -> int:
    """Expire published listings past their date. Safe to run from several workers at once:
    each row moves only if it is still published."""
    now = now or timezone.now()
    expired = 0
    for pk in Listing.objects.due_to_expire(now).values_list("pk", flat=True).iterator():
        with transaction.atomic():
            if (
                Listing.objects.filter(pk=pk, status=S.PUBLISHED).update(status=S.EXPIRED, updated_at=now)
                == 1
            ):
                ListingStatusChange.objects.create(
                    listing_id=pk,
                    actor=None,
                    old_status=S.PUBLISHED,
                    new_status=S.EXPIRED,
                    reason=_("Listing period ended"),
                    at=now,
                )
                record_listing_change(pk)
                expired += 1
    return expired


# --- Messages, favourites, reports -------------------------------------------------------------


def open_conversation(listing: Listing, *, buyer) -> Conversation:
    if listing.seller_id == buyer.pk:
        raise ListingError(_("You cannot message yourself about your own listing."), code="own_listing")
    if listing.status not in (S.PUBLISHED, S.RESERVED):
        raise ListingError(_("This listing is no longer on offer."), code="not_on_offer")
    conversation, _created = Conversation.objects.get_or_create(listing=listing, buyer=buyer)
    return conversation


def send_message(conversation: Conversation, *, sender, body: str) -> Message:
    """Deliver a message; off-platform contact or payment requests warn the reader."""
    if sender.pk not in conversation.participants():
        raise ListingError(_("You are not part of this conversation."), code="not_participant")
    body = plain_text(body)
    if not body:
        raise ListingError(_("Write a message first."), code="empty")
    findings = risk.assess_message(body)
    warning = ""
    if findings:
        warning = str(
            _(
                "Careful: this message may ask you to talk or pay outside the platform (%(reasons)s). "
                "Payment protection only covers orders paid here."
            )
            % {"reasons": "; ".join(f.rule.description for f in findings)}
        )[:300]
    with transaction.atomic():
        message = Message.objects.create(conversation=conversation, sender=sender, body=body, warning=warning)
        if findings:
            _record_assessment(findings, RiskAssessment.Trigger.MESSAGE, message=message)
    return message


def toggle_favourite(listing: Listing, *, user) -> bool:
    """Favourite or unfavourite; returns whether the listing is now a favourite."""
    deleted, _detail = Favourite.objects.filter(user=user, listing=listing).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Favourite.objects.create(user=user, listing=listing)
    except IntegrityError:  # a double click raced us; it is a favourite either way
        pass
    return True


REPORT_FLAG_TYPES = {
    ListingReport.Reason.COUNTERFEIT: Flag.Type.COUNTERFEIT,
    ListingReport.Reason.PROHIBITED: Flag.Type.PROHIBITED,
    ListingReport.Reason.STOLEN: Flag.Type.STOLEN,
    ListingReport.Reason.FRAUD: Flag.Type.FRAUD,
}


def report_listing(listing: Listing, *, reporter, reason: str, details: str = "") -> ListingReport:
    """Anyone but the seller may report once. Serious reasons open a flag; enough reports hold the listing."""
    if listing.seller_id == reporter.pk:
        raise ListingError(_("You cannot report your own listing."), code="own_listing")
    with transaction.atomic():
        try:
            with transaction.atomic():
                report = ListingReport.objects.create(
                    listing=listing, reporter=reporter, reason=reason, details=plain_text(details)
                )
        except IntegrityError:
            raise ListingError(
                _("You have already reported this listing; we are looking at it."), code="duplicate"
            ) from None
        if reason in REPORT_FLAG_TYPES:
            raise_flag(
                listing,
                source=Flag.Source.REPORT,
                flag_type=REPORT_FLAG_TYPES[reason],
                severity=Flag.Severity.MEDIUM,
                reason=report.details or report.get_reason_display(),
                actor=reporter,
                extra={"report": report.pk},
            )
        open_reports = listing.reports.filter(status=ListingReport.Status.OPEN).count()
        locked = Listing.objects.select_for_update().get(pk=listing.pk)
        if locked.status == S.PUBLISHED and open_reports >= settings.LISTING_REPORTS_TO_HOLD:
            _transition(locked, S.PENDING_REVIEW, actor=None, reason=_("Held after several reports"))
    return report
