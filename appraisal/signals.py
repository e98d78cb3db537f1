"""What appraisal tells the apps above it, inside the transaction of the change."""

from django.dispatch import Signal

# An appraisal found an item counterfeit. kwargs: case, listing (or None), actor, grade, reasons.
counterfeit_verdict = Signal()

# A signed report was issued, amended (a new version) or revoked. kwargs: report, actor, reason.
report_issued = Signal()
report_amended = Signal()
report_revoked = Signal()
