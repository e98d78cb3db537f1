from .agencies import Agency, Appraiser
from .cases import TRANSITIONS, AppraisalCase, AppraisalCaseStatusChange, InspectionResult
from .reports import AppraisalReport, Comparable, ReportImmutable
from .templates import DefectCode, InspectionTemplate, TemplateItem

__all__ = [
    "TRANSITIONS",
    "AppraisalCaseStatusChange",
    "Agency",
    "AppraisalCase",
    "AppraisalReport",
    "Appraiser",
    "Comparable",
    "DefectCode",
    "InspectionResult",
    "InspectionTemplate",
    "ReportImmutable",
    "TemplateItem",
]
