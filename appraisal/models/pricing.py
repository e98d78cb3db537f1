"""Trained valuation models and the depreciation they learnt, versioned.

The fitted model is stored in the database (joblib bytes), not under MEDIA: it is backed up and
restored with the sales it was trained on, and every worker reads the same version. Its HMAC-SHA256
under a key derived from SECRET_KEY (kept in `sha256`) is verified before the bytes are unpickled.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ValuationModel(models.Model):
    """One training run. The newest is the one in use; older versions stay for the reports naming them."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    trained_at = models.DateTimeField(_("trained at"))
    sample_size = models.PositiveIntegerField(_("sales used"))
    last_comparable = models.PositiveBigIntegerField(default=0, help_text=_("Newest sale it saw (id)."))
    sales_until = models.CharField(max_length=10, blank=True)
    metrics = models.JSONField(_("measured error per category and method"), default=dict)
    blob = models.BinaryField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("valuation model")

    def __str__(self) -> str:
        return f"v{self.version} ({self.sample_size})"


class DepreciationFit(models.Model):
    """成新率 for the cost method, fitted per category from its sales: C = k × (1 − Y/G)."""

    model = models.ForeignKey(ValuationModel, on_delete=models.CASCADE, related_name="depreciation")
    category = models.CharField(max_length=200, blank=True)
    life_months = models.DecimalField(_("useful life G (months)"), max_digits=7, decimal_places=1)
    initial_ratio = models.DecimalField(
        _("k: share of the new price kept at once"), max_digits=6, decimal_places=4
    )
    curve = models.JSONField(_("median price/new price by age"), default=list)
    sample_size = models.PositiveIntegerField(_("sales fitted"))
    fitted_at = models.DateTimeField(_("fitted at"))

    class Meta:
        ordering = ["model", "category"]
        constraints = [
            models.UniqueConstraint(fields=["model", "category"], name="one_fit_per_model_category")
        ]

    def __str__(self) -> str:
        return f"v{self.model.version} {self.category or '*'}: G={self.life_months}"
