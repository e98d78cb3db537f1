"""What each kind of notification says, who may turn its email off, and how codes in it are read.

A notification stores its kind and plain parameters; the words are looked up here when it is shown or
mailed, in the reader's language. Codes (an order status, a decision) are stored as codes and shown by
their translated label.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from appraisal.models import AppraisalCase
from orders.models import Order, SwapAgreement


class Kind(models.TextChoices):
    ORDER_PLACED = "order_placed", _("New orders")
    ORDER_STATUS = "order_status", _("Order updates")
    MESSAGE = "message", _("Messages")
    SWAP_OFFER = "swap_offer", _("Swap offers")
    SWAP_DECIDED = "swap_decided", _("Answers to your swap offers")
    APPRAISAL = "appraisal", _("Appraisal progress")
    FLAG_DECISION = "flag_decision", _("Regulator decisions on your listings")
    IP_NOTICE = "ip_notice", _("Intellectual-property notices")
    EVENT = "event", _("Swap event places and waiting list")
    EVENT_REMINDER = "event_reminder", _("Swap event reminders")
    SAVED_SEARCH = "saved_search", _("Saved search matches")


@dataclass(frozen=True)
class Spec:
    """The words of one message; `labels` turns stored codes into their translated labels."""

    kind: str
    title: object
    body: object = ""
    labels: dict[str, type[models.TextChoices]] = field(default_factory=dict)


# One entry per message; a kind (what a preference turns on or off) may have several.
MESSAGES: dict[str, Spec] = {
    "order_placed": Spec(
        Kind.ORDER_PLACED,
        _("New order for “%(item)s”"),
        _("Order %(reference)s: arrange the hand-over with the buyer."),
    ),
    "order_status": Spec(
        Kind.ORDER_STATUS,
        _("Order %(reference)s: %(status)s"),
        _("“%(item)s” is now “%(status)s”."),
        labels={"status": Order.Status},
    ),
    "message": Spec(
        Kind.MESSAGE,
        _("New message about “%(item)s”"),
        _("%(sender)s wrote to you. Open the conversation to reply."),
    ),
    "swap_offer": Spec(
        Kind.SWAP_OFFER,
        _("A swap offer for “%(item)s”"),
        _("Offered in exchange: %(offer)s"),
    ),
    "swap_decided": Spec(
        Kind.SWAP_DECIDED,
        _("Your swap offer for “%(item)s”: %(status)s"),
        _("You offered: %(offer)s"),
        labels={"status": SwapAgreement.Status},
    ),
    "appraisal_accepted": Spec(
        Kind.APPRAISAL,
        _("Your appraisal request for “%(item)s” was accepted"),
        _("An appraiser has taken the case and will inspect the item."),
        labels={"status": AppraisalCase.Status},
    ),
    "appraisal_issued": Spec(
        Kind.APPRAISAL,
        _("Appraisal report %(number)s issued for “%(item)s”"),
        _("Anyone can verify the report with its number."),
    ),
    "flag_warn": Spec(
        Kind.FLAG_DECISION,
        _("A warning from the market regulator about your listing “%(item)s”"),
        _("Reason: %(reason)s"),
    ),
    "flag_takedown": Spec(
        Kind.FLAG_DECISION,
        _("The market regulator took down your listing “%(item)s”"),
        _("Reason: %(reason)s"),
    ),
    "flag_identity": Spec(
        Kind.FLAG_DECISION,
        _("Verify your identity again to keep selling “%(item)s”"),
        _("Reason: %(reason)s"),
    ),
    "ip_notice": Spec(
        Kind.IP_NOTICE,
        _("Your listing “%(item)s” was taken down after an IP notice"),
        _("The rights holder claims: %(right)s. You may file a counter-declaration with evidence."),
    ),
    "ip_counter": Spec(
        Kind.IP_NOTICE,
        _("Counter-declaration on your IP notice about “%(item)s”"),
        _("The seller's statement: %(statement)s"),
    ),
    "event_confirmed": Spec(
        Kind.EVENT,
        _("Your place at “%(event)s” — ticket %(code)s"),
        pgettext_lazy("notification", "%(starts)s · %(venue)s"),
    ),
    "event_waitlisted": Spec(
        Kind.EVENT,
        _("You are on the waiting list for “%(event)s”"),
        _("We will tell you as soon as a place is free."),
    ),
    "event_offered": Spec(
        Kind.EVENT,
        _("A place is free at “%(event)s”: accept it before %(deadline)s"),
        pgettext_lazy("notification", "%(starts)s · %(venue)s"),
    ),
    "event_reminder": Spec(
        Kind.EVENT_REMINDER,
        _("Tomorrow: “%(event)s” — ticket %(code)s"),
        pgettext_lazy("notification", "%(starts)s · %(venue)s"),
    ),
    "saved_search": Spec(
        Kind.SAVED_SEARCH,
        _("New matches for “%(name)s”"),
        _("New listings match your saved search: %(titles)s"),
    ),
}

# Kinds whose email a user cannot turn off: the law requires that the person be told (E-Commerce Law
# Art. 42–43: the seller of a listing taken down on a notice, the rights holder of a counter-declaration).
MANDATORY_EMAIL = {Kind.IP_NOTICE}

# Email is on by default for every kind; messages are folded (see services.notify).
DEFAULT_EMAIL = dict.fromkeys(Kind.values, True)

# Which kinds people meet at all: the preference page lists these.
PREFERENCE_KINDS = list(Kind)
