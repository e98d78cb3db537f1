"""Every write to orders: placing (one order per listing), paying, hand-over, receipt and capture,
cancellation, the scheduled clean-ups, disputes, ratings and swaps. Nothing else assigns a status."""

from .disputes import answer_dispute, decide_dispute, open_dispute
from .lifecycle import (
    cancel_order,
    capture_and_complete,
    check_purchase,
    confirm_receipt,
    mark_handed_over,
    place_order,
)
from .payments import (
    cancel_payment,
    confirm_payment,
    payout_account_for,
    record_capture,
    start_checkout,
    to_fen,
    update_payout_account,
)
from .ratings import rate
from .scheduled import auto_receive_due, expire_unpaid_orders, settle_expiring_authorisations
from .swaps import accept_swap, complete_swap, propose_swap
from .transitions import move

__all__ = [
    "accept_swap",
    "answer_dispute",
    "auto_receive_due",
    "cancel_order",
    "cancel_payment",
    "capture_and_complete",
    "check_purchase",
    "complete_swap",
    "confirm_payment",
    "confirm_receipt",
    "decide_dispute",
    "expire_unpaid_orders",
    "mark_handed_over",
    "move",
    "open_dispute",
    "payout_account_for",
    "place_order",
    "propose_swap",
    "rate",
    "record_capture",
    "settle_expiring_authorisations",
    "start_checkout",
    "to_fen",
    "update_payout_account",
]
