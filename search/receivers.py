"""Search hears of listing changes through listings' signal and writes an outbox row in the same
transaction, so a change that rolls back never reaches the index and one that commits is never lost."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from listings import signals

from .models import Synonym
from .outbox import record_listing_change


def on_listing_changed(sender, *, listing_id: int, **kwargs) -> None:
    record_listing_change(listing_id)


def on_dictionary_changed(sender, **kwargs) -> None:
    """A staff edit of the dictionary reaches the cluster's search-time analysis after commit."""
    from .dictionary import forget
    from .tasks import reload_search_dictionary

    forget()
    transaction.on_commit(reload_search_dictionary.enqueue, robust=True)


def connect() -> None:
    signals.listing_changed.connect(on_listing_changed, dispatch_uid="search.outbox")
    post_save.connect(on_dictionary_changed, sender=Synonym, dispatch_uid="search.dictionary.saved")
    post_delete.connect(on_dictionary_changed, sender=Synonym, dispatch_uid="search.dictionary.deleted")
