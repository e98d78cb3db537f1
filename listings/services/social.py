"""Between residents: messages about a listing, favourites, and reports."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from .. import lifecycle, risk, signals
from ..errors import ListingError
from ..models import Conversation, Favourite, Listing, ListingReport, Message, RiskAssessment
from .submission import record_assessment
from .text import plain_text

S = Listing.Status


def open_conversation(listing: Listing, *, buyer) -> Conversation:
    """The buyer's thread with the seller about a listing on offer (one per buyer and listing)."""
    ListingError.require(
        listing.seller_id != buyer.pk,
        _("You cannot message yourself about your own listing."),
        code="own_listing",
    )
    ListingError.require(
        listing.status in (S.PUBLISHED, S.RESERVED),
        _("This listing is no longer on offer."),
        code="not_on_offer",
    )
    conversation, _created = Conversation.objects.get_or_create(listing=listing, buyer=buyer)
    return conversation


def send_message(conversation: Conversation, *, sender, body: str) -> Message:
    """Deliver a message; off-platform contact or payment requests warn the reader."""
    ListingError.require(
        sender.pk in conversation.participants(),
        _("You are not part of this conversation."),
        code="not_participant",
    )
    body = plain_text(body)
    ListingError.require(body, _("Write a message first."), code="empty")
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
            record_assessment(findings, RiskAssessment.Trigger.MESSAGE, message=message)
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


def report_listing(listing: Listing, *, reporter, reason: str, details: str = "") -> ListingReport:
    """Anyone but the seller may report once; the regulator hears of it (`listing_reported`), and
    enough open reports hold a published listing for review."""
    ListingError.require(
        listing.seller_id != reporter.pk, _("You cannot report your own listing."), code="own_listing"
    )
    with transaction.atomic():
        # The listing's row lock first: the regulator's receiver appends to the audit log, and every
        # path takes the listing before the audit head (deciding a flag does), or the two deadlock.
        locked = Listing.objects.select_for_update().get(pk=listing.pk)
        try:
            with transaction.atomic():
                report = ListingReport.objects.create(
                    listing=locked, reporter=reporter, reason=reason, details=plain_text(details)
                )
        except IntegrityError:
            raise ListingError(
                _("You have already reported this listing; we are looking at it."), code="duplicate"
            ) from None
        signals.listing_reported.send(sender=Listing, report=report)
        open_reports = locked.reports.filter(status=ListingReport.Status.OPEN).count()
        if locked.status == S.PUBLISHED and open_reports >= settings.LISTING_REPORTS_TO_HOLD:
            lifecycle.move(locked, S.PENDING_REVIEW, actor=None, reason=_("Held after several reports"))
    return report
