"""Showing a regulator a seller's identity in clear: only with a reason, recorded and audited first."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from marketplace.accounts import personal_data

from .. import audit
from ..errors import RegulationError
from ..models import Flag, FlagEvent, UnmaskEvent
from .flags import require_decider


def unmask(flag: Flag, *, actor, reason: str) -> dict:
    """The seller's name, ID number and contacts behind a flag, for a regulator of the flag's district.

    Writes an UnmaskEvent and an audit entry. The caller shows the result once and keeps it nowhere
    (not in the session, not in a cache).
    """
    require_decider(actor, flag)
    reason = (reason or "").strip()
    RegulationError.require(len(reason) >= 4, _("Say why you need to see the identity."), "reason")
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
