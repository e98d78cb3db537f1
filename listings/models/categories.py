"""The category tree, after the second-hand goods classes of GB/T 30342-2013."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class CategoryQuerySet(models.QuerySet["Category"]):
    def subtree(self, category: "Category") -> "CategoryQuerySet":
        return self.filter(path__startswith=category.path)


class Category(models.Model):
    """A node of the tree. `path` ("phones/smartphones") makes subtree queries a prefix match.

    `attributes` describes the structured fields listings in this category carry, e.g.
    [{"key": "imei", "label": "IMEI", "label_en": "IMEI", "kind": "imei", "required": true}].
    Kinds: text, year, imei, mac, vin, integer.
    """

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    slug = models.SlugField(unique=True)
    path = models.CharField(max_length=200, unique=True, editable=False)
    name = models.CharField(_("name (Chinese)"), max_length=50)
    name_en = models.CharField(_("name (English)"), max_length=50)
    position = models.PositiveSmallIntegerField(default=0)
    attributes = models.JSONField(default=list, blank=True)
    # Carbon factor key (community_events) and price-anomaly grouping use the top-level class.
    high_value_threshold = models.DecimalField(
        _("high-value threshold (CNY)"), max_digits=10, decimal_places=2, default=3000
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.label

    def save(self, *args, **kwargs):
        self.path = f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        return self.name_en if (get_language() or "").startswith("en") else self.name

    @property
    def depth(self) -> int:
        return self.path.count("/")

    def all_attributes(self) -> list[dict]:
        """Attribute definitions of this category and its ancestors (a phone also has a brand)."""
        inherited = self.parent.all_attributes() if self.parent_id else []
        own_keys = {item["key"] for item in self.attributes}
        return [item for item in inherited if item["key"] not in own_keys] + list(self.attributes)
