"""Every write to orders: placing (one order per listing), paying, hand-over, receipt and capture,
cancellation, the scheduled clean-ups, disputes, ratings and swaps. Nothing else assigns a status.

Stripe calls happen outside row locks: state is written first, the call is made, the result is
recorded; a call that fails leaves a state the scheduled tasks pick up again.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from appraisal.permissions import valued_recently
from listings import services as listing_services
from listings.models import Listing
from marketplace.accounts.permissions import is_platform_staff
from media.services import store_photo
from regulation.models import Flag
from regulation.services import raise_flag

from . import gateway
from .errors import OrderError
from .models import TRANSITIONS, Dispute, Order, OrderStatusChange, Payment, Rating, SwapAgreement

logger = logging.getLogger(__name__)
S = Order.Status
P = Payment.Status


def to_fen(amount: Decimal) -> int:
    return int((Decimal(amount) * 100).quantize(Decimal("1")))


# --- Lifecycle ---------------------------------------------------------------------------------


def _transition(order: Order, new_status: str, *, actor, reason: str = "", **fields) -> Order:
    """Move an order under a row lock, record the change; extra `fields` are saved with it."""
    locked = Order.objects.select_for_update().get(pk=order.pk)
    if new_status not in TRANSITIONS[locked.status]:
        raise OrderError(
            _("This order is %(current)s and cannot become %(new)s.")
            % {"current": locked.get_status_display(), "new": Order.Status(new_status).label},
            code="transition",
        )
    old_status = locked.status
    locked.status = new_status
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save(update_fields=["status", *fields])
    OrderStatusChange.objects.create(
        order=locked, actor=actor, old_status=old_status, new_status=new_status, reason=reason
    )
    order.status = locked.status
    for name, value in fields.items():
        setattr(order, name, value)
    return locked


def _require(condition: bool, message, code: str) -> None:
    if not condition:
        raise OrderError(message, code=code)


def place_order(listing: Listing, *, buyer, kind: str) -> Order:
    """Take a listing for one buyer. The listing row is locked, so of any number of buyers
    trying at once exactly one gets it; the rest are told it has just gone."""
    _require(listing.seller_id != buyer.pk, _("You cannot buy your own listing."), "own_listing")
    expected = {"sell": {Order.Kind.ONLINE, Order.Kind.MEETUP}, "give": {Order.Kind.GIFT}}.get(
        listing.trade_mode
    )
    _require(expected is not None, _("This item is for swapping: propose a swap instead."), "swap_only")
    _require(kind in expected, _("This way of trading does not fit this listing."), "wrong_kind")
    _require(
        not valued_recently(buyer, listing),
        _("You appraised this item recently and may not buy it yet."),
        "appraiser_conflict",
    )
    if kind == Order.Kind.ONLINE:
        _require(
            gateway.enabled(), _("Online payment is not available; arrange a meet-up instead."), "no_payments"
        )
    now = timezone.now()
    with transaction.atomic():
        locked = Listing.objects.select_for_update().get(pk=listing.pk)
        _require(
            locked.status == Listing.Status.PUBLISHED,
            _("Just sold: someone else was quicker. Have a look at similar items."),
            "just_sold",
        )
        listing_services.reserve_listing(locked, actor=buyer, reason=str(_("Order placed")))
        status = S.PENDING_PAYMENT if kind == Order.Kind.ONLINE else S.AGREED
        order = Order.objects.create(
            listing=locked,
            buyer=buyer,
            seller_id=locked.seller_id,
            kind=kind,
            status=status,
            item_title=locked.title,
            item_category=locked.category.path,
            price=locked.price or Decimal("0.00"),
            created_at=now,
            retain_until=now + dt.timedelta(days=settings.TRADE_RECORD_RETENTION_DAYS),
        )
        OrderStatusChange.objects.create(order=order, actor=buyer, old_status="", new_status=status)
        if kind == Order.Kind.ONLINE:
            Payment.objects.create(order=order, amount_fen=to_fen(order.price))
    return order


def start_checkout(order: Order, *, actor, success_url: str, cancel_url: str) -> str:
    """Open Stripe Checkout for an unpaid order and return its URL."""
    _require(order.buyer_id == actor.pk, _("Only the buyer can pay for this order."), "not_buyer")
    _require(order.status == S.PENDING_PAYMENT, _("This order is not waiting for payment."), "not_payable")
    payment = order.payment
    destination = getattr(order.seller, "payout_account", None)
    session = gateway.create_checkout(
        payment_id=payment.pk,
        amount_fen=payment.amount_fen,
        title=order.item_title,
        success_url=success_url,
        cancel_url=cancel_url,
        destination_account=destination.stripe_account_id
        if destination and destination.payouts_enabled
        else None,
    )
    Payment.objects.filter(pk=payment.pk).update(
        checkout_session_id=session.id, intent_id=session.payment_intent or payment.intent_id
    )
    return session.url


def confirm_payment(payment: Payment, *, intent_id: str, amount_fen: int) -> Order:
    """The only way an order becomes paid: the authorisation Stripe reported for its payment.

    Idempotent: a payment already authorised (or further) is left as it is.
    """
    release = False
    with transaction.atomic():
        locked = Payment.objects.select_for_update().select_related("order").get(pk=payment.pk)
        order = locked.order
        if Payment.RANK[locked.status] >= Payment.RANK[P.AUTHORISED]:
            return order
        if amount_fen != locked.amount_fen:
            raise OrderError(_("The amount authorised does not match the order."), code="amount_mismatch")
        now = timezone.now()
        locked.status = P.AUTHORISED
        locked.intent_id = intent_id
        locked.authorised_at = now
        locked.capture_before = (
            now
            + dt.timedelta(days=settings.PAYMENT_AUTHORISATION_DAYS)
            - dt.timedelta(hours=settings.PAYMENT_CAPTURE_MARGIN_HOURS)
        )
        locked.save(update_fields=["status", "intent_id", "authorised_at", "capture_before", "updated_at"])
        if order.status == S.PENDING_PAYMENT:
            order = _transition(order, S.PAID, actor=None, reason=str(_("Payment authorised")), paid_at=now)
        else:
            release = True  # the order timed out or was cancelled while the buyer paid: give the money back
    if release:
        _release_authorisation(locked)
    return order


def record_capture(payment: Payment, *, captured_fen: int) -> None:
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if Payment.RANK[locked.status] < Payment.RANK[P.CAPTURED]:
            locked.status = P.CAPTURED
            locked.captured_fen = captured_fen
            locked.save(update_fields=["status", "captured_fen", "updated_at"])


def _release_authorisation(payment: Payment) -> None:
    gateway.cancel(payment.intent_id)
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if locked.status == P.AUTHORISED:
            locked.status = P.CANCELLED
            locked.save(update_fields=["status", "updated_at"])


def _capture(order: Order, *, amount_fen: int | None = None) -> None:
    payment = Payment.objects.get(order=order)
    if payment.status != P.AUTHORISED:
        return
    amount = payment.amount_fen if amount_fen is None else amount_fen
    gateway.capture(payment.intent_id, amount_fen=amount)
    record_capture(payment, captured_fen=amount)


def mark_handed_over(order: Order, *, actor, note: str = "") -> Order:
    """The seller hands the item over (or ships it); the buyer's confirmation window starts."""
    _require(order.seller_id == actor.pk, _("Only the seller can mark the hand-over."), "not_seller")
    now = timezone.now()
    with transaction.atomic():
        return _transition(
            order,
            S.HANDED_OVER,
            actor=actor,
            reason=note,
            handed_over_at=now,
            handover_note=note[:200],
            auto_receive_at=now + dt.timedelta(days=settings.ORDER_AUTO_RECEIVE_DAYS),
        )


def confirm_receipt(order: Order, *, actor, automatic: bool = False) -> Order:
    """The buyer has the item: online payments are captured and the sale completes."""
    if not automatic:
        _require(order.buyer_id == actor.pk, _("Only the buyer can confirm receipt."), "not_buyer")
    reason = str(_("Confirmed automatically after the waiting period")) if automatic else ""
    now = timezone.now()
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.kind != Order.Kind.ONLINE:
            _require(
                locked.status in (S.AGREED, S.HANDED_OVER),
                _("This order cannot be confirmed now."),
                "transition",
            )
            return _complete(locked, actor=actor, reason=reason, received_at=now)
        locked = _transition(locked, S.RECEIVED, actor=actor, reason=reason, received_at=now)
    return capture_and_complete(locked)


def capture_and_complete(order: Order) -> Order:
    """Capture a received order's payment and complete it. Retried by the scheduler if Stripe fails."""
    _capture(order)
    with transaction.atomic():
        return _complete(
            Order.objects.select_for_update().get(pk=order.pk), actor=None, reason=str(_("Payment captured"))
        )


def _complete(order: Order, *, actor, reason: str = "", **fields) -> Order:
    now = timezone.now()
    order = _transition(
        order,
        S.COMPLETED,
        actor=actor,
        reason=reason,
        completed_at=now,
        retain_until=now + dt.timedelta(days=settings.TRADE_RECORD_RETENTION_DAYS),
        **fields,
    )
    listing = Listing.objects.select_for_update().get(pk=order.listing_id)
    if listing.status == Listing.Status.RESERVED:
        listing_services.mark_sold(listing, actor=actor, reason=f"order {order.pk}")
    _flag_repeated_pair(order)
    return order


def _flag_repeated_pair(order: Order) -> None:
    """The same two accounts trading again and again is how ratings are farmed."""
    since = timezone.now() - dt.timedelta(days=30)
    pair = Q(buyer_id=order.buyer_id, seller_id=order.seller_id) | Q(
        buyer_id=order.seller_id, seller_id=order.buyer_id
    )
    count = Order.objects.filter(pair, status=S.COMPLETED, completed_at__gte=since).count()
    if count == settings.RATING_FARM_ORDERS:
        raise_flag(
            order.listing,
            source=Flag.Source.RULE,
            flag_type=Flag.Type.FRAUD,
            severity=Flag.Severity.MEDIUM,
            reason=str(
                _("%(count)s completed trades between the same two accounts in 30 days") % {"count": count}
            ),
            extra={"orders": list(Order.objects.filter(pair).values_list("pk", flat=True))},
        )


def cancel_order(order: Order, *, actor, reason: str = "") -> Order:
    """Cancel before hand-over; a held payment is released and the listing goes back on offer."""
    if actor is not None:
        _require(
            actor.pk in (order.buyer_id, order.seller_id) or is_platform_staff(actor),
            _("Only the buyer or the seller can cancel this order."),
            "not_party",
        )
    with transaction.atomic():
        locked = _transition(order, S.CANCELLED, actor=actor, reason=reason)
        listing = Listing.objects.select_for_update().get(pk=locked.listing_id)
        if listing.status == Listing.Status.RESERVED:
            listing_services.release_listing(listing, actor=actor, reason=f"order {locked.pk} cancelled")
    payment = Payment.objects.filter(order=locked).first()
    if payment and payment.status == P.AUTHORISED:
        _release_authorisation(payment)
    return locked


# --- Scheduled work ----------------------------------------------------------------------------


def expire_unpaid_orders(*, now: dt.datetime | None = None) -> int:
    cutoff = (now or timezone.now()) - dt.timedelta(minutes=settings.ORDER_PAYMENT_TIMEOUT_MINUTES)
    done = 0
    for order in Order.objects.filter(status=S.PENDING_PAYMENT, created_at__lte=cutoff):
        try:
            cancel_order(order, actor=None, reason=str(_("Not paid in time")))
            done += 1
        except OrderError:
            continue  # paid or cancelled meanwhile
    return done


def auto_receive_due(*, now: dt.datetime | None = None) -> int:
    done = 0
    for order in Order.objects.filter(status=S.HANDED_OVER, auto_receive_at__lte=now or timezone.now()):
        try:
            confirm_receipt(order, actor=None, automatic=True)
            done += 1
        except (OrderError, gateway.PaymentsDisabled):
            continue
    return done


def settle_expiring_authorisations(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Before a card authorisation lapses: capture if the buyer has the item (a dispute can still
    refund), release it if the item was never handed over."""
    result = {"captured": 0, "released": 0}
    due = Payment.objects.filter(
        status=P.AUTHORISED, capture_before__lte=now or timezone.now()
    ).select_related("order")
    for payment in due:
        order = payment.order
        if order.status == S.PAID:
            cancel_order(order, actor=None, reason=str(_("Not handed over before the payment hold ran out")))
            result["released"] += 1
        elif order.status in (S.HANDED_OVER, S.RECEIVED, S.DISPUTED):
            _capture(order)
            result["captured"] += 1
    for order in Order.objects.filter(status=S.RECEIVED, kind=Order.Kind.ONLINE):
        capture_and_complete(order)  # receipts whose capture failed earlier
    return result


# --- Disputes ----------------------------------------------------------------------------------


def open_dispute(order: Order, *, actor, reason: str, description: str, photos: list[bytes] = ()) -> Dispute:
    _require(order.buyer_id == actor.pk, _("Only the buyer can open a dispute."), "not_buyer")
    started = order.completed_at or order.handed_over_at or order.paid_at or order.created_at
    _require(
        timezone.now() <= started + dt.timedelta(days=settings.DISPUTE_WINDOW_DAYS),
        _("The time to open a dispute on this order has passed."),
        "window_closed",
    )
    description = listing_services.plain_text(description)
    _require(bool(description), _("Describe what went wrong."), "description_required")
    with transaction.atomic():
        _transition(order, S.DISPUTED, actor=actor, reason=reason)
        dispute = Dispute.objects.create(order=order, reason=reason, description=description)
        dispute.evidence.add(*[store_photo(actor, data) for data in photos])
    return dispute


def answer_dispute(dispute: Dispute, *, actor, response: str) -> Dispute:
    _require(dispute.order.seller_id == actor.pk, _("Only the seller can answer this dispute."), "not_seller")
    _require(not dispute.responded_at, _("You have already answered."), "answered")
    dispute.seller_response = listing_services.plain_text(response)
    dispute.responded_at = timezone.now()
    dispute.save(update_fields=["seller_response", "responded_at"])
    return dispute


def decide_dispute(
    dispute: Dispute, *, actor, resolution: str, explanation: str, refund: Decimal | None = None
) -> Order:
    """Platform staff decide; the money follows the decision and both sides see the explanation."""
    _require(is_platform_staff(actor), _("Only platform staff decide disputes."), "not_staff")
    explanation = listing_services.plain_text(explanation)
    _require(bool(explanation), _("Explain the decision to both sides."), "explanation_required")
    order = dispute.order
    refund_fen = to_fen(order.price) if resolution == Order.Resolution.REFUND else to_fen(refund or 0)
    if resolution == Order.Resolution.RELEASE:
        refund_fen = 0
    _require(
        0 <= refund_fen <= to_fen(order.price), _("The refund cannot exceed the price."), "refund_too_large"
    )
    if resolution == Order.Resolution.PARTIAL_REFUND:
        _require(
            0 < refund_fen < to_fen(order.price),
            _("A partial refund is more than 0 and less than the price."),
            "refund_range",
        )

    # One decision per dispute: the order row is locked while the money moves, so a second member of
    # staff deciding at the same moment waits, then finds it decided. Stripe calls carry fixed
    # idempotency keys, so a retry after a failure never moves money twice.
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        _require(order.status == S.DISPUTED, _("This dispute has already been decided."), "decided")
        payment = Payment.objects.select_for_update().filter(order=order).first()
        if payment is not None:
            _move_money(payment, refund_fen=refund_fen)
        now = timezone.now()
        Dispute.objects.filter(pk=dispute.pk).update(
            decided_by=actor, decided_at=now, refund_fen=refund_fen, explanation=explanation
        )
        order = _transition(order, S.RESOLVED, actor=actor, reason=explanation, resolution=resolution)
        listing = Listing.objects.select_for_update().get(pk=order.listing_id)
        if resolution == Order.Resolution.REFUND and listing.status == Listing.Status.RESERVED:
            listing_services.release_listing(listing, actor=actor, reason=f"order {order.pk} refunded")
        elif listing.status == Listing.Status.RESERVED:
            listing_services.mark_sold(listing, actor=actor, reason=f"order {order.pk} resolved")
    return order


def _move_money(payment: Payment, *, refund_fen: int) -> None:
    if payment.status == P.AUTHORISED:
        if refund_fen == payment.amount_fen:
            _release_authorisation(payment)
        else:
            # Capturing less than was authorised releases the rest to the buyer.
            amount = payment.amount_fen - refund_fen
            gateway.capture(payment.intent_id, amount_fen=amount)
            record_capture(payment, captured_fen=amount)
            if refund_fen:
                _set_refunded(payment, refund_fen)
    elif payment.status in (P.CAPTURED, P.PARTIALLY_REFUNDED) and refund_fen:
        gateway.refund(payment.intent_id, amount_fen=refund_fen, key=f"dispute-{payment.pk}")
        _set_refunded(payment, refund_fen)


def _set_refunded(payment: Payment, refund_fen: int) -> None:
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        locked.refunded_fen = refund_fen
        locked.status = P.REFUNDED if refund_fen >= locked.amount_fen else P.PARTIALLY_REFUNDED
        locked.save(update_fields=["refunded_fen", "status", "updated_at"])


# --- Ratings -----------------------------------------------------------------------------------


def rate(order: Order, *, rater, score: int, comment: str = "") -> Rating:
    order = Order.objects.get(pk=order.pk)  # the caller's copy may predate the completion
    _require(
        rater.pk in (order.buyer_id, order.seller_id),
        _("Only the buyer and the seller rate an order."),
        "not_party",
    )
    _require(order.status in (S.COMPLETED, S.RESOLVED), _("Rate once the trade is complete."), "not_complete")
    _require(1 <= int(score) <= 5, _("Give 1 to 5 stars."), "score")
    _require(
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
                comment=listing_services.plain_text(comment)[:300],
            )
    except IntegrityError:  # a double submit raced the check above
        raise OrderError(_("You have already rated this order."), code="duplicate") from None


# --- Swaps -------------------------------------------------------------------------------------


def propose_swap(
    listing: Listing, *, proposer, offer: str, offered_listing: Listing | None = None
) -> SwapAgreement:
    _require(listing.trade_mode == "swap", _("This listing is not offered for swapping."), "not_swap")
    _require(listing.seller_id != proposer.pk, _("You cannot swap with yourself."), "own_listing")
    _require(
        listing.status == Listing.Status.PUBLISHED, _("This listing is no longer on offer."), "not_on_offer"
    )
    if offered_listing is not None:
        _require(
            offered_listing.seller_id == proposer.pk, _("You can only offer your own items."), "not_yours"
        )
    offer = listing_services.plain_text(offer) or (offered_listing.title if offered_listing else "")
    _require(bool(offer), _("Say what you offer in exchange."), "offer_required")
    return SwapAgreement.objects.create(
        listing=listing, proposer=proposer, offer=offer[:200], offered_listing=offered_listing
    )


def accept_swap(agreement: SwapAgreement, *, actor) -> SwapAgreement:
    _require(agreement.listing.seller_id == actor.pk, _("Only the owner can accept a swap."), "not_owner")
    with transaction.atomic():
        listing = Listing.objects.select_for_update().get(pk=agreement.listing_id)
        _require(
            listing.status == Listing.Status.PUBLISHED,
            _("Just swapped: another offer was accepted."),
            "just_sold",
        )
        _require(
            agreement.status == SwapAgreement.Status.PROPOSED, _("This offer is no longer open."), "closed"
        )
        listing_services.reserve_listing(listing, actor=actor, reason=f"swap {agreement.pk}")
        agreement.status = SwapAgreement.Status.ACCEPTED
        agreement.decided_at = timezone.now()
        agreement.save(update_fields=["status", "decided_at"])
        SwapAgreement.objects.filter(listing=listing, status=SwapAgreement.Status.PROPOSED).update(
            status=SwapAgreement.Status.DECLINED, decided_at=agreement.decided_at
        )
    return agreement


def complete_swap(agreement: SwapAgreement, *, actor) -> SwapAgreement:
    _require(
        actor.pk in (agreement.proposer_id, agreement.listing.seller_id),
        _("Only the two neighbours can do this."),
        "not_party",
    )
    with transaction.atomic():
        locked = SwapAgreement.objects.select_for_update().get(pk=agreement.pk)
        _require(
            locked.status == SwapAgreement.Status.ACCEPTED, _("This swap is not agreed yet."), "not_accepted"
        )
        listing = Listing.objects.select_for_update().get(pk=locked.listing_id)
        listing_services.mark_sold(listing, actor=actor, reason=f"swap {locked.pk}")
        locked.status = SwapAgreement.Status.COMPLETED
        locked.save(update_fields=["status"])
    return locked
