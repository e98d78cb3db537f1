"""Listings' pages: public ones, the seller's, and those between residents."""

from .public import browse, detail, seller_profile
from .selling import appeal, create, edit, mine, photo_action, photos, reopen, submit, withdraw
from .social import conversation, favourite, favourites, inbox, report

__all__ = [
    "appeal",
    "browse",
    "conversation",
    "create",
    "detail",
    "edit",
    "favourite",
    "favourites",
    "inbox",
    "mine",
    "photo_action",
    "photos",
    "reopen",
    "report",
    "seller_profile",
    "submit",
    "withdraw",
]
