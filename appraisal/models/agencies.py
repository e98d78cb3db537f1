"""Appraisal agencies and the certified appraisers who work for them (GB/T 21667-2024 §5)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from appraisal.validators import validate_credit_code


class Agency(models.Model):
    name = models.CharField(_("name"), max_length=100)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    address = models.CharField(_("address"), max_length=200)
    accreditation = models.CharField(_("accreditation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("appraisal agency")
        verbose_name_plural = _("appraisal agencies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AppraiserQuerySet(models.QuerySet["Appraiser"]):
    def active(self, at=None) -> "AppraiserQuerySet":
        at = at or timezone.localdate()
        return self.filter(active_from__lte=at).filter(Q(active_until__isnull=True) | Q(active_until__gte=at))


class Appraiser(models.Model):
    """A user's appraiser certificate with an agency. Inactive outside its period."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appraiser", verbose_name=_("user")
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="appraisers"
    )
    certificate_number = models.CharField(_("certificate number"), max_length=40, unique=True)
    active_from = models.DateField(_("active from"), default=timezone.localdate)
    active_until = models.DateField(_("active until"), null=True, blank=True)
    specialities = models.ManyToManyField(
        "listings.Category",
        verbose_name=_("specialities"),
        blank=True,
        related_name="appraisers",
        help_text=_("Top-level categories this appraiser is certified for."),
    )

    objects = AppraiserQuerySet.as_manager()

    class Meta:
        verbose_name = _("appraiser")
        verbose_name_plural = _("appraisers")

    def __str__(self) -> str:
        return f"{self.user.public_name} ({self.certificate_number})"

    def covers(self, category) -> bool:
        top = category.path.split("/")[0]
        return any(spec.path == top for spec in self.specialities.all())

    def covers_case(self, case) -> bool:
        """The general template (no category) may be used by any appraiser of the agency."""
        return case.template.category_id is None or self.covers(case.category)

    def is_active(self, at=None) -> bool:
        at = at or timezone.localdate()
        return self.active_from <= at and (self.active_until is None or self.active_until >= at)
