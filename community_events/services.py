"""Writes for swap events (registration, waitlist, check-in, swaps) live here as they are built."""
