from django.db import models
from django.utils.translation import gettext_lazy as _


class SupervisionOffice(models.Model):
    """A market-supervision office (市场监督管理局); regulators see its district only."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    district = models.ForeignKey(
        "geography.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="supervision_offices",
    )

    class Meta:
        verbose_name = _("market-supervision office")
        verbose_name_plural = _("market-supervision offices")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
