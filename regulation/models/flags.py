"""Flags: something on the platform a regulator or platform staff must look at."""

from django.conf import settings
from django.db import models
from django.utils.text import format_lazy
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
        OTHER = "other", _("Other concern")

    class Severity(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Decision(models.TextChoices):
        NO_VIOLATION = "no_violation", _("No violation")
        TAKEDOWN = "takedown", _("Order takedown")
        WARN = "warn", _("Warn the seller")
        REFER_POLICE = "refer_police", _("Refer to public security")
        REQUEST_IDENTITY = "request_identity", _("Request identity re-verification")

    listing = models.ForeignKey("listings.Listing", on_delete=models.PROTECT, related_name="flags")
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    flag_type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    reason = models.TextField(_("reason"))
    evidence = models.JSONField(_("evidence"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    street_code = models.CharField(max_length=9, db_index=True, default="")
    district_code = models.CharField(max_length=6, db_index=True, default="")
    due_at = models.DateTimeField(_("decision due"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_flag_type_display()} · {self.listing_id}"


class FlagEvent(models.Model):
    """The flag's history: raised, viewed unmasked, decided, referred."""

    flag = models.ForeignKey(Flag, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    action = models.CharField(max_length=40)
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.flag_id}: {self.action}"

    ACTION_LABELS = {
        "raised": _("Raised"),
        "unmasked": _("Personal data viewed unmasked"),
        "reversed": _("Takedown reversed"),
        "evidence_completed": _("Evidence completed with a photo that finished processing"),
    }

    @property
    def action_label(self) -> str:
        """The action in words: "decided:refer_police" → "Decided: Refer to public security"."""
        verb, _sep, decision = self.action.partition(":")
        if verb == "decided" and decision in Flag.Decision.values:
            return format_lazy(_("Decided: {decision}"), decision=Flag.Decision(decision).label)
        return self.ACTION_LABELS.get(self.action, self.action)


class PublicSecurityReport(models.Model):
    """A record for public security (公安) about suspected stolen goods: block, keep records, report."""

    flag = models.OneToOneField(Flag, on_delete=models.PROTECT, related_name="police_report")
    snapshot = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"police report for flag {self.flag_id}"


class SellerRestriction(models.Model):
    """A seller who may not list for sale until `until` (repeat infringers, fraud)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="restrictions")
    reason = models.CharField(max_length=300)
    until = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user_id} until {self.until:%Y-%m-%d}"


class UnmaskEvent(models.Model):
    """A regulator saw the seller's identity in clear, and why. Also written to the audit log."""

    flag = models.ForeignKey(Flag, on_delete=models.PROTECT, related_name="unmaskings")
    regulator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=300)
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"unmask {self.flag_id} by {self.regulator_id}"
