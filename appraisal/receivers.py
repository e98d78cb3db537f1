"""Appraisal's answers to listings' signals, connected from `AppraisalConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from listings import signals as listing_signals

from . import services
from .errors import AppraisalError
from .permissions import valued_recently


def refuse_appraiser_purchase(sender, *, listing, buyer, **kwargs) -> None:
    """An appraiser may not buy (or swap for) what they valued within APPRAISAL_PURCHASE_BAN_DAYS."""
    AppraisalError.require(
        not valued_recently(buyer, listing),
        _("You appraised this item recently and may not buy it yet."),
        "appraiser_conflict",
    )


def keep_sale_as_comparable(sender, *, listing, price, sold_at, **kwargs) -> None:
    """A sale on the platform becomes a comparable for the market method."""
    services.record_sale(listing, price=price, sold_at=sold_at)


def connect() -> None:
    listing_signals.purchase_requested.connect(refuse_appraiser_purchase, dispatch_uid="appraisal.purchase")
    listing_signals.listing_sold.connect(keep_sale_as_comparable, dispatch_uid="appraisal.comparables")
