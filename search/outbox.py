"""Recording that a listing changed, inside the transaction that changed it."""

from django.db import transaction

from .models import IndexOutbox


def record_listing_change(listing_id: int) -> None:
    """The row commits or rolls back with the change; the task to apply it is queued after commit."""
    IndexOutbox.objects.create(listing_id=listing_id)
    transaction.on_commit(_enqueue, robust=True)


def _enqueue() -> None:
    from .tasks import process_search_outbox

    process_search_outbox.enqueue()
