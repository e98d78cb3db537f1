from .agencies import Agency, Appraiser
from .cases import TRANSITIONS, AppraisalCase, AppraisalCaseStatusChange, InspectionResult
from .pricing import DepreciationFit, ValuationModel
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
    "DepreciationFit",
    "InspectionResult",
    "InspectionTemplate",
    "ReportImmutable",
    "TemplateItem",
    "ValuationModel",
]
