"""Signals this app sends for the apps above it (see docs/architecture.md, signal catalogue)."""

from django.dispatch import Signal

# A seller answered a notice (Art. 43); the rights holder must receive it. kwargs: notice. Sent after
# the answer commits.
counter_declared = Signal()
