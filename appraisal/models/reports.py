"""Signed appraisal reports: immutable once issued, amended only by a new version, revocable."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportImmutable(RuntimeError):
    pass


class AppraisalReport(models.Model):
    """The signed payload is canonical JSON of everything the report says; the signature is
    Ed25519 over it. Archives are kept at least 15 years (资产评估法 Art. 29)."""

    number = models.CharField(_("report number"), max_length=40, unique=True)
    case = models.ForeignKey("appraisal.AppraisalCase", on_delete=models.PROTECT, related_name="reports")
    version = models.PositiveIntegerField(default=1)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    payload = models.JSONField()
    canonical = models.TextField()
    signature = models.CharField(max_length=200)
    key_id = models.CharField(max_length=64)
    pdf_name = models.CharField(max_length=200, default="")
    pdf_sha256 = models.CharField(max_length=64)
    pdf_signature = models.CharField(max_length=200)
    issued_at = models.DateTimeField()
    retain_until = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return self.number

    def save(self, *args, **kwargs):
        # Once issued, only the revocation fields may ever be written (see services.revoke_report).
        if self.pk and set(kwargs.get("update_fields") or []) - {"revoked_at", "revocation_reason"}:
            raise ReportImmutable("an issued report cannot be changed; issue an amendment instead")
        if self.pk and not kwargs.get("update_fields"):
            raise ReportImmutable("an issued report cannot be changed; issue an amendment instead")
        super().save(*args, **kwargs)


class Comparable(models.Model):
    """A past sale used by the market method (imported with `import_comparables` or from the platform)."""

    class Source(models.TextChoices):
        IMPORTED = "imported", _("Imported")
        PLATFORM = "platform", _("Sold on the platform")

    source = models.CharField(max_length=10, choices=Source.choices, default=Source.IMPORTED)
    category = models.CharField(max_length=200, db_index=True)
    brand = models.CharField(max_length=60, blank=True)
    model = models.CharField(max_length=100, blank=True)
    attributes = models.JSONField(default=dict, blank=True)
    new_price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    age_days = models.PositiveIntegerField()
    condition = models.CharField(max_length=10)
    sold_price = models.DecimalField(max_digits=12, decimal_places=2)
    sold_at = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["category", "brand", "model"])]

    def __str__(self) -> str:
        return f"{self.brand} {self.model} ¥{self.sold_price}"
