"""IP notice-and-takedown (E-Commerce Law Arts. 42–45)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from appraisal.validators import validate_credit_code


class RightsHolder(models.Model):
    """An organisation that may file notices; platform staff verify it before its notices take effect."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="rights_holders"
    )
    organisation = models.CharField(_("organisation"), max_length=120)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, validators=[validate_credit_code]
    )
    contact_email = models.EmailField(_("contact email"))
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("rights holder")
        verbose_name_plural = _("rights holders")

    def __str__(self) -> str:
        return self.organisation


class IPNotice(models.Model):
    class Status(models.TextChoices):
        TAKEN_DOWN = "taken_down", _("Listing taken down; seller told")
        COUNTER_DECLARED = "counter_declared", _("Seller counter-declared; rights holder told")
        COMPLAINT_FILED = "complaint_filed", _("Rights holder filed a complaint or suit")
        RESTORED = "restored", _("Restored: no complaint within 15 days")
        UPHELD = "upheld", _("Upheld")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    rights_holder = models.ForeignKey(RightsHolder, on_delete=models.PROTECT, related_name="notices")
    listing = models.ForeignKey("listings.Listing", on_delete=models.PROTECT, related_name="ip_notices")
    right = models.CharField(
        _("right infringed"), max_length=200, help_text=_("e.g. trademark registration no.")
    )
    evidence = models.TextField(_("preliminary evidence"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.TAKEN_DOWN)
    filed_at = models.DateTimeField(auto_now_add=True)
    counter_statement = models.TextField(_("counter-declaration"), blank=True)
    counter_declared_at = models.DateTimeField(null=True, blank=True)
    # Art. 45: 15 days from when the counter-declaration reaches the rights holder.
    counter_delivered_at = models.DateTimeField(null=True, blank=True)
    restore_after = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-filed_at"]

    def __str__(self) -> str:
        return f"notice {self.pk} on {self.listing_id}"
