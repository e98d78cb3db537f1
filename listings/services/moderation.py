"""Platform staff's decisions on held listings, and the seller's one appeal against a removal."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .. import lifecycle, signals
from ..errors import ListingError
from ..models import Listing, ListingReport, ListingStatusChange
from .guards import require_moderator, require_seller
from .submission import register_trade
from .text import plain_text

S = Listing.Status
H = Listing.AuthorityHold

# Why moderation cannot bring back a listing an authority took down, said to the seller and to staff alike.
HOLD_REFUSALS = {
    H.REGULATOR: _(
        "The market regulator took this listing down. Only the regulator can restore it: an appeal or "
        "a moderator's approval cannot."
    ),
    H.IP_NOTICE: _(
        "This listing was taken down after a rights holder's IP notice. It returns only if the notice "
        "is withdrawn, or if no complaint follows your counter-declaration within 15 days: an appeal or "
        "a moderator's approval cannot restore it."
    ),
}


def require_no_authority_hold(listing: Listing) -> None:
    """Refuse any moderation path back to the public while a regulator or an IP notice holds the listing."""
    ListingError.require(
        not listing.held_by_authority,
        HOLD_REFUSALS.get(listing.authority_hold, ""),
        code="authority_hold",
    )


def _require_fresh_eyes(listing: Listing, actor) -> None:
    """An appeal is decided by someone other than the moderator who removed the listing."""
    if not listing.appeal_used:
        return
    removal = listing.status_changes.filter(new_status=S.REMOVED).order_by("-at", "-pk").first()
    ListingError.require(
        removal is None or removal.actor_id != actor.pk,
        _("Another moderator must decide this appeal."),
        code="same_moderator",
    )


def approve_listing(listing: Listing, *, actor) -> Listing:
    """Publish a held listing and register the trade; refused while an authority holds it."""
    require_moderator(actor)
    _require_fresh_eyes(listing, actor)
    with transaction.atomic():
        require_no_authority_hold(Listing.objects.select_for_update().get(pk=listing.pk))
        locked = lifecycle.move(
            listing, S.PUBLISHED, actor=actor, reason=_("Approved by moderation"), moderation_note=""
        )
        register_trade(locked)
    return locked


def reject_listing(listing: Listing, *, actor, reason: str) -> Listing:
    """Remove a listing; the reason is shown to the seller, who may appeal once."""
    require_moderator(actor)
    reason = plain_text(reason)
    ListingError.require(reason, _("Give the seller a reason."), code="reason_required")
    _require_fresh_eyes(listing, actor)
    with transaction.atomic():
        return lifecycle.move(listing, S.REMOVED, actor=actor, reason=reason, moderation_note=reason)


def escalate_listing(listing: Listing, *, actor, concern: str, reason: str) -> Listing:
    """Hand a listing to the regulator's queue (`listing_escalated`); a public one is hidden meanwhile.

    `concern` is a `ListingReport.Reason` value: what the regulator should look for.
    """
    require_moderator(actor)
    ListingError.require(
        concern in ListingReport.Reason.values, _("Choose what the concern is."), code="concern_required"
    )
    reason = plain_text(reason)
    ListingError.require(reason, _("Say why the regulator should look at this."), code="reason_required")
    with transaction.atomic():
        locked = Listing.objects.select_for_update().get(pk=listing.pk)
        if locked.status == S.PUBLISHED:
            locked = lifecycle.move(locked, S.PENDING_REVIEW, actor=actor, reason=reason)
        ListingStatusChange.objects.create(
            listing=locked,
            actor=actor,
            old_status=locked.status,
            new_status=locked.status,
            reason=_("Escalated to the regulator: %(reason)s") % {"reason": reason},
        )
        signals.listing_escalated.send(
            sender=Listing, listing=locked, actor=actor, concern=concern, reason=reason
        )
    listing.status = locked.status
    return locked


def block_listing(listing: Listing, *, actor, reason: str) -> Listing:
    """Block a listing for good: prohibited goods never come back."""
    require_moderator(actor)
    with transaction.atomic():
        return lifecycle.move(listing, S.BLOCKED, actor=actor, reason=plain_text(reason))


def appeal_removal(listing: Listing, *, actor, statement: str) -> Listing:
    """The seller's single appeal against a moderator's removal: the listing returns to the review queue.

    A removal by the regulator or after an IP notice is not moderation's to undo: refused.
    """
    require_seller(listing, actor)
    statement = plain_text(statement)
    ListingError.require(
        statement, _("Explain why the listing should be restored."), code="statement_required"
    )
    with transaction.atomic():
        locked = Listing.objects.select_for_update().get(pk=listing.pk)
        ListingError.require(
            locked.status == S.REMOVED, _("Only a removed listing can be appealed."), code="not_removed"
        )
        require_no_authority_hold(locked)
        ListingError.require(
            not locked.appeal_used, _("This listing has already been appealed once."), code="appeal_used"
        )
        return lifecycle.move(
            locked,
            S.PENDING_REVIEW,
            actor=actor,
            reason=_("Appeal: %(s)s") % {"s": statement},
            appeal_used=True,
        )
