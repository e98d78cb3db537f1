"""Signals this app sends for the apps above it (see docs/architecture.md, signal catalogue)."""

from django.dispatch import Signal

# A saved search has new matches to tell its owner about. kwargs: saved, listings. Sent inside the
# transaction that marks the matches notified.
digest_ready = Signal()
