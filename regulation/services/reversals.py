"""A regulator reverses its own takedown: the only way a regulator's hold on a listing ends."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from listings import actions
from listings.models import Listing

from .. import audit
from ..errors import RegulationError
from ..models import Flag, FlagEvent, IPNotice
from .flags import require_decider
from .ip_notices import OPEN_NOTICE

H = Listing.AuthorityHold
REVERSED = "reversed"


def may_reverse(flag: Flag) -> bool:
    """A takedown decision that has not been reversed yet (a police referral blocks for good)."""
    return (
        flag.status == Flag.Status.CLOSED
        and flag.decision == Flag.Decision.TAKEDOWN
        and not flag.events.filter(action=REVERSED).exists()
    )


def reverse_takedown(flag: Flag, *, actor, reason: str) -> Flag:
    """A regulator of the flag's district withdraws the takedown (on review, on the seller's objection).

    The regulator's hold ends. The listing is back on offer unless another takedown of the regulator
    still stands (the hold stays) or an open IP notice still holds it (the notice's hold comes back).
    Appends `flag.reversed` to the audit log; the flag keeps its decision, the history says it was reversed.
    """
    require_decider(actor, flag)
    reason = (reason or "").strip()
    RegulationError.require(bool(reason), _("Give the reason for reversing the takedown."), "reason")
    with transaction.atomic():
        locked = Flag.objects.select_for_update().get(pk=flag.pk)
        RegulationError.require(
            may_reverse(locked), _("Only a takedown that still stands can be reversed."), "not_reversible"
        )
        listing = Listing.objects.select_for_update().get(pk=locked.listing_id)
        FlagEvent.objects.create(flag=locked, actor=actor, action=REVERSED, note=reason)
        other_takedowns = (
            Flag.objects.filter(listing=listing, decision=Flag.Decision.TAKEDOWN)
            .exclude(pk=locked.pk)
            .exclude(events__action=REVERSED)
            .exists()
        )
        if not other_takedowns:
            if IPNotice.objects.filter(listing=listing, status__in=OPEN_NOTICE).exists():
                actions.lift_authority_hold(listing, authority=H.REGULATOR, actor=actor, reason=reason)
                notice_reason = str(_("Still held after an IP notice"))
                actions.take_down(listing, actor=actor, reason=notice_reason, authority=H.IP_NOTICE)
            else:
                actions.restore(listing, actor=actor, reason=reason, authority=H.REGULATOR)
        audit.append(
            "flag.reversed",
            {
                "flag": locked.pk,
                "reason": reason,
                "listing": listing.pk,
                "regulator": audit.pseudonym(actor),
            },
        )
    return locked
