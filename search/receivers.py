"""Search hears of listing changes through listings' signal and writes an outbox row in the same
transaction, so a change that rolls back never reaches the index and one that commits is never lost."""

from __future__ import annotations

from listings import signals

from .outbox import record_listing_change


def on_listing_changed(sender, *, listing_id: int, **kwargs) -> None:
    record_listing_change(listing_id)


def connect() -> None:
    signals.listing_changed.connect(on_listing_changed, dispatch_uid="search.outbox")
