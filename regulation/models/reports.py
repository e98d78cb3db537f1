from django.db import models
from django.utils.translation import gettext_lazy as _


class BureauReport(models.Model):
    """A report generated for the market regulator (identity report, illegal-conduct leads)."""

    class Kind(models.TextChoices):
        IDENTITY = "identity", _("Seller identity report")
        LEADS = "leads", _("Illegal-conduct leads")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    period = models.CharField(max_length=10)  # e.g. 2026H2
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "period"], name="one_report_per_period")]

    def __str__(self) -> str:
        return f"{self.kind} {self.period}"
