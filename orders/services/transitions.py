"""The order state machine: every status change goes through `move`, which writes the history."""

from __future__ import annotations

from marketplace.core.transitions import StateMachine

from ..errors import OrderError
from ..models import TRANSITIONS, Order, OrderStatusChange

MACHINE = StateMachine(
    model=Order, table=TRANSITIONS, error=OrderError, history=OrderStatusChange, history_fk="order"
)


def move(order: Order, new_status: str, *, actor, reason: str = "", **fields) -> Order:
    """Move an order under its row lock (call inside `atomic()`); `fields` are saved with it."""
    return MACHINE.move(order, new_status, actor=actor, reason=reason, **fields)
