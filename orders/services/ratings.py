"""Ratings: one per side of a completed trade."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from listings.services.text import plain_text

from ..errors import OrderError
from ..models import Order, Rating

S = Order.Status


def rate(order: Order, *, rater, score: int, comment: str = "") -> Rating:
    """The buyer or the seller rates the other, once, after the trade is complete."""
    order = Order.objects.get(pk=order.pk)  # the caller's copy may predate the completion
    OrderError.require(
        rater.pk in (order.buyer_id, order.seller_id),
        _("Only the buyer and the seller rate an order."),
        "not_party",
    )
    OrderError.require(
        order.status in (S.COMPLETED, S.RESOLVED), _("Rate once the trade is complete."), "not_complete"
    )
    OrderError.require(1 <= int(score) <= 5, _("Give 1 to 5 stars."), "score")
    OrderError.require(
        not Rating.objects.filter(order=order, rater=rater).exists(),
        _("You have already rated this order."),
        "duplicate",
    )
    ratee_id = order.seller_id if rater.pk == order.buyer_id else order.buyer_id
    try:
        with transaction.atomic():
            return Rating.objects.create(
                order=order,
                rater=rater,
                ratee_id=ratee_id,
                score=int(score),
                comment=plain_text(comment)[:300],
            )
    except IntegrityError:  # a double submit raced the check above
        raise OrderError(_("You have already rated this order."), code="duplicate") from None
