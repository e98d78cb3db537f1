"""Appraisal cases: from request to issued report, with every inspection result and the valuation."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppraisalCase(models.Model):
    """Only `appraisal.services` changes `status`."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ASSIGNED = "assigned", _("Assigned")
        INSPECTED = "inspected", _("Inspected and graded")
        VALUED = "valued", _("Valued")
        IN_REVIEW = "in_review", _("In second review")
        ISSUED = "issued", _("Report issued")
        DECLINED = "declined", _("Declined by the owner")
        CANCELLED = "cancelled", _("Cancelled")

    listing = models.ForeignKey(
        "listings.Listing", null=True, blank=True, on_delete=models.PROTECT, related_name="appraisal_cases"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appraisal_requests"
    )
    item_name = models.CharField(_("item"), max_length=100)
    category = models.ForeignKey("listings.Category", on_delete=models.PROTECT)
    template = models.ForeignKey("appraisal.InspectionTemplate", on_delete=models.PROTECT)
    appraiser = models.ForeignKey(
        "appraisal.Appraiser", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    reviewer = models.ForeignKey(
        "appraisal.Appraiser", null=True, blank=True, on_delete=models.PROTECT, related_name="reviews"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED)
    grade = models.CharField(_("grade"), max_length=20, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    counterfeit = models.BooleanField(default=False)
    grading_reasons = models.JSONField(default=list, blank=True)
    # Valuation: each method's figure, the reconciled estimate and range, in words too.
    valuation = models.JSONField(default=dict, blank=True)
    estimate = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    estimate_low = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    estimate_high = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    review_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("appraisal case")
        verbose_name_plural = _("appraisal cases")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.item_name}"

    @property
    def reason_texts(self) -> list[str]:
        """Why the grade is what it is, in the reader's words and with the checks' names."""
        from ..grading import describe_reasons

        labels = {item.code: item.display_label for item in self.template.items.all()}
        return describe_reasons(self.grading_reasons or [], labels)


S = AppraisalCase.Status
# Every allowed status change; each service also names the statuses its own step starts from.
TRANSITIONS: dict[str, set[str]] = {
    S.REQUESTED: {S.ASSIGNED, S.CANCELLED},
    S.ASSIGNED: {S.ASSIGNED, S.INSPECTED, S.CANCELLED},
    S.INSPECTED: {S.ASSIGNED, S.INSPECTED, S.VALUED, S.IN_REVIEW, S.DECLINED},
    S.VALUED: {S.VALUED, S.IN_REVIEW, S.ISSUED, S.DECLINED},
    S.IN_REVIEW: {S.ASSIGNED, S.VALUED, S.IN_REVIEW, S.DECLINED},
    S.ISSUED: set(),
    S.DECLINED: set(),
    S.CANCELLED: set(),
}


class AppraisalCaseStatusChange(models.Model):
    """Who moved a case, from what to what, and when: the case's own record of its steps."""

    case = models.ForeignKey(AppraisalCase, on_delete=models.CASCADE, related_name="status_changes")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    old_status = models.CharField(max_length=12, choices=AppraisalCase.Status.choices, blank=True)
    new_status = models.CharField(max_length=12, choices=AppraisalCase.Status.choices)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.old_status} → {self.new_status}"


class InspectionResult(models.Model):
    case = models.ForeignKey(AppraisalCase, on_delete=models.CASCADE, related_name="results")
    item = models.ForeignKey("appraisal.TemplateItem", on_delete=models.PROTECT)
    passed = models.BooleanField(null=True)
    score = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    measurement = models.CharField(max_length=60, blank=True)
    note = models.CharField(max_length=300, blank=True)
    defect = models.ForeignKey("appraisal.DefectCode", null=True, blank=True, on_delete=models.PROTECT)
    evidence = models.ForeignKey(
        "media.Photo", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "item"], name="one_result_per_item")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.item.code}"
