"""Receivers for orders' signals: suspected rating farming becomes a fraud flag."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from orders import signals
from regulation.models import Flag
from regulation.services.flags import raise_flag


def on_rating_farming_suspected(sender, *, order, count, order_ids, **kwargs) -> None:
    """The same two accounts completed trade after trade: the regulator looks at the listing."""
    raise_flag(
        order.listing,
        source=Flag.Source.RULE,
        flag_type=Flag.Type.FRAUD,
        severity=Flag.Severity.MEDIUM,
        reason=str(
            _("%(count)s completed trades between the same two accounts in 30 days") % {"count": count}
        ),
        extra={"orders": list(order_ids)},
    )


def connect() -> None:
    signals.rating_farming_suspected.connect(
        on_rating_farming_suspected, dispatch_uid="regulation.rating_farming"
    )
