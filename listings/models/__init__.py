from .categories import Category
from .listings import EDITABLE, TRANSITIONS, Condition, Listing, ListingStatusChange, TradeMode
from .photos import ListingPhoto
from .registration import TradeRegistration
from .risk import SEVERITY, Family, Outcome, ProhibitedItem, RiskAssessment, RiskHit, RiskRule
from .social import Conversation, Favourite, ListingReport, Message

__all__ = [
    "EDITABLE",
    "TRANSITIONS",
    "SEVERITY",
    "Category",
    "Condition",
    "Conversation",
    "Family",
    "Favourite",
    "Listing",
    "ListingPhoto",
    "ListingReport",
    "ListingStatusChange",
    "Message",
    "Outcome",
    "ProhibitedItem",
    "RiskAssessment",
    "RiskHit",
    "RiskRule",
    "TradeMode",
    "TradeRegistration",
]
