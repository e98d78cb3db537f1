"""Flags: something on the platform a regulator or platform staff must look at."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Flag(models.Model):
    """A flag with a frozen snapshot of the listing as it was when flagged (photos by hash)."""

    class Source(models.TextChoices):
        RULE = "rule", _("Risk rule")
        REPORT = "report", _("User report")
        MODERATION = "moderation", _("Escalated by moderation")
        IP_NOTICE = "ip_notice", _("Rights-holder notice")
        APPRAISAL = "appraisal", _("Appraisal verdict")
        REGULATOR = "regulator", _("Regulator initiative")

    class Type(models.TextChoices):
        COUNTERFEIT = "counterfeit", _("Counterfeit or IP infringement")
        FRAUD = "fraud", _("Fraud")
        PROHIBITED = "prohibited", _("Prohibited item")
        STOLEN = "stolen", _("Suspected stolen goods")
        MISLEADING = "misleading", _("Misleading description")

    class Severity(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    listing = models.ForeignKey("listings.Listing", on_delete=models.PROTECT, related_name="flags")
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    flag_type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    reason = models.TextField(_("reason"))
    evidence = models.JSONField(_("evidence"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_flag_type_display()} · {self.listing_id}"
