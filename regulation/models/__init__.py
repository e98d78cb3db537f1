from .audit import (
    AuditEntry,
    AuditLogHead,
    AuditNode,
    AuditQueueEntry,
    PushDelivery,
    RegulatorClient,
    TreeHead,
)
from .flags import Flag, FlagEvent, PublicSecurityReport, SellerRestriction, UnmaskEvent
from .ip import IPNotice, RightsHolder
from .reports import BureauReport

__all__ = [
    "AuditEntry",
    "AuditLogHead",
    "AuditNode",
    "AuditQueueEntry",
    "BureauReport",
    "Flag",
    "FlagEvent",
    "IPNotice",
    "PublicSecurityReport",
    "PushDelivery",
    "RegulatorClient",
    "RightsHolder",
    "SellerRestriction",
    "TreeHead",
    "UnmaskEvent",
]
