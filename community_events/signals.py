"""Signals this app sends for the apps above it (see docs/architecture.md, signal catalogue)."""

from django.dispatch import Signal

# A registration was confirmed, waitlisted or offered a place, or is due its reminder. kwargs:
# registration, reminder. Sent after the change commits; notifications tells the person.
registration_notice = Signal()
