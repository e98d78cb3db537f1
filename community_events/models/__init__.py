from .carbon import EmissionFactor
from .pages import AppraisalDeskSlot, EventIndexPage, SwapEventPage
from .registrations import Registration
from .swaps import PledgedItem, SwapRecord

__all__ = [
    "AppraisalDeskSlot",
    "EmissionFactor",
    "EventIndexPage",
    "PledgedItem",
    "Registration",
    "SwapEventPage",
    "SwapRecord",
]
