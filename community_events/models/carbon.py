"""Emission factors for reuse (碳普惠): data with a cited source and a version, never constants in code."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EmissionFactor(models.Model):
    """Per top-level category: production emissions of a new item, its typical weight, and the
    replacement rate (how often a reused item replaces buying new), with a sensitivity range."""

    category = models.ForeignKey(
        "listings.Category", on_delete=models.PROTECT, related_name="emission_factors"
    )
    version = models.PositiveIntegerField(default=1)
    kg_co2e_new = models.DecimalField(
        _("production emissions of a new item (kg CO2e)"), max_digits=8, decimal_places=2
    )
    kg_weight = models.DecimalField(_("typical weight (kg)"), max_digits=8, decimal_places=2)
    replacement_rate = models.DecimalField(_("replacement rate"), max_digits=4, decimal_places=2)
    replacement_low = models.DecimalField(_("replacement rate, low"), max_digits=4, decimal_places=2)
    replacement_high = models.DecimalField(_("replacement rate, high"), max_digits=4, decimal_places=2)
    delivery_kg_co2e = models.DecimalField(
        _("delivery and packaging (kg CO2e)"), max_digits=6, decimal_places=2, default=0
    )
    source = models.CharField(_("source"), max_length=300)
    valid_from = models.DateField(_("valid from"))

    class Meta:
        ordering = ["category", "-version"]
        constraints = [models.UniqueConstraint(fields=["category", "version"], name="unique_factor_version")]

    def __str__(self) -> str:
        return f"{self.category} v{self.version}"
