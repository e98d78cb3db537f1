"""Reads of the inbox."""

from __future__ import annotations

from .models import Notification

PAGE_SIZE = 20
# The header shows "99+" past this: counting further would cost more and say nothing more.
BADGE_LIMIT = 99


def inbox_page(
    user, *, before: int | None = None, size: int = PAGE_SIZE
) -> tuple[list[Notification], int | None]:
    """Newest first, one page by keyset (entries older than `before`); returns the page and the key of
    the next one (None on the last page)."""
    rows = Notification.objects.for_user(user)
    if before is not None:
        rows = rows.filter(pk__lt=before)
    page = list(rows.order_by("-pk")[: size + 1])
    more = len(page) > size
    page = page[:size]
    return page, (page[-1].pk if more else None)


def unread_count(user) -> int:
    """At most BADGE_LIMIT + 1, in one query on the partial index of unread entries."""
    return Notification.objects.for_user(user).unread().values("pk")[: BADGE_LIMIT + 1].count()
