"""Swap-event pages: residents (registration, tickets), street staff (check-in, desk), reports."""

from .reports import dashboard, event_report, street_report
from .residents import answer_offer, calendar, ical, my_tickets, pledge, register, ticket
from .staff import check_in_page, check_in_sync, desk, live_counts, staff_dashboard

__all__ = [
    "answer_offer",
    "calendar",
    "check_in_page",
    "check_in_sync",
    "dashboard",
    "desk",
    "event_report",
    "ical",
    "live_counts",
    "my_tickets",
    "pledge",
    "register",
    "staff_dashboard",
    "street_report",
    "ticket",
]
