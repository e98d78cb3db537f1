from .disputes import Dispute
from .orders import OPEN_STATUSES, TRANSITIONS, Order, OrderStatusChange
from .payments import Payment, PayoutAccount, StripeEvent
from .ratings import Rating
from .swaps import SwapAgreement

__all__ = [
    "OPEN_STATUSES",
    "TRANSITIONS",
    "Dispute",
    "Order",
    "OrderStatusChange",
    "Payment",
    "PayoutAccount",
    "Rating",
    "StripeEvent",
    "SwapAgreement",
]
