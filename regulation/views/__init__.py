"""The regulator's queue and decisions, and the IP notice pages for rights holders and sellers."""

from .evidence import frozen_photo
from .ip import complaint, counter_declare, file_notice, outcomes, rights_holder, uphold, withdraw_notice
from .queue import (
    dashboard,
    decide,
    decide_bulk,
    export,
    flag_detail,
    open_flag,
    reverse_takedown,
    unmask,
)

__all__ = [
    "complaint",
    "counter_declare",
    "dashboard",
    "decide",
    "decide_bulk",
    "export",
    "file_notice",
    "flag_detail",
    "frozen_photo",
    "open_flag",
    "outcomes",
    "reverse_takedown",
    "rights_holder",
    "unmask",
    "uphold",
    "withdraw_notice",
]
