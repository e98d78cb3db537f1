"""District → street (街道) → community (社区). Listings show a community, never an address."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class District(models.Model):
    code = models.CharField(_("administrative code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=50)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Street(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="streets")
    code = models.CharField(_("administrative code"), max_length=9, unique=True)
    name = models.CharField(_("name"), max_length=50)

    class Meta:
        verbose_name = _("street")
        verbose_name_plural = _("streets")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class CommunityQuerySet(models.QuerySet["Community"]):
    def with_street(self) -> "CommunityQuerySet":
        return self.select_related("street").order_by("street__code", "name")


class Community(models.Model):
    """A residential community (社区). Coordinates are an approximate centre, used for distance only."""

    street = models.ForeignKey(Street, on_delete=models.PROTECT, related_name="communities")
    name = models.CharField(_("name"), max_length=50)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    objects = CommunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["street__code", "name"]
        constraints = [models.UniqueConstraint(fields=["street", "name"], name="unique_community_per_street")]

    def __str__(self) -> str:
        return f"{self.street.name} · {self.name}"


class SupervisionOffice(models.Model):
    """A market-supervision office (市场监督管理局); regulators see its district only."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    district = models.ForeignKey(
        District,
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
