from .agencies import Agency, Appraiser
from .cases import AppraisalCase, InspectionResult
from .reports import AppraisalReport, Comparable, ReportImmutable
from .templates import DefectCode, InspectionTemplate, TemplateItem

__all__ = [
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
