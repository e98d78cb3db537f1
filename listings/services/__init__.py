"""Every write to listings: drafts, photos, submission through the risk rules, moderation, the
seller's lifecycle actions, messages, favourites and reports. Nothing else assigns `Listing.status`;
every status change goes through `listings.lifecycle.move`.

Apps above listings use `listings.actions`, not these services, to change a listing's status.
"""

from .drafts import create_draft, update_listing
from .moderation import appeal_removal, approve_listing, block_listing, escalate_listing, reject_listing
from .photos import add_photo, remove_photo, reorder_photos
from .seller import expire_due_listings, reopen_as_draft, withdraw_listing
from .social import open_conversation, report_listing, send_message, toggle_favourite
from .submission import register_trade, submit_listing
from .text import plain_text

__all__ = [
    "add_photo",
    "appeal_removal",
    "approve_listing",
    "block_listing",
    "create_draft",
    "escalate_listing",
    "expire_due_listings",
    "open_conversation",
    "plain_text",
    "register_trade",
    "reject_listing",
    "remove_photo",
    "reopen_as_draft",
    "reorder_photos",
    "report_listing",
    "send_message",
    "submit_listing",
    "toggle_favourite",
    "update_listing",
    "withdraw_listing",
]
