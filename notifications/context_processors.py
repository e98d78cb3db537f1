from django.utils.functional import SimpleLazyObject

from .selectors import BADGE_LIMIT, unread_count


def unread_notifications(request):
    """The header's unread badge: counted only if a template shows it, and once per request however
    many templates render with it."""

    def badge() -> dict:
        cached = getattr(request, "_unread_notifications", None)
        if cached is None:
            user = getattr(request, "user", None)
            count = unread_count(user) if user is not None and user.is_authenticated else 0
            cached = {"count": count, "label": f"{BADGE_LIMIT}+" if count > BADGE_LIMIT else str(count)}
            request._unread_notifications = cached
        return cached

    return {"unread_notifications": SimpleLazyObject(badge)}
