"""Inspection templates: versioned data modelled on the standards. A version in use never changes."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class InspectionTemplate(models.Model):
    """One version of a template. Revising copies it to version + 1; reports name the version used."""

    code = models.SlugField(_("code"))
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=100)
    standard = models.CharField(_("standard"), max_length=100, help_text=_("e.g. GB/T 30323-2013"))
    category = models.ForeignKey(
        "listings.Category",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Top-level category it applies to; empty for the general template."),
    )
    grading_rule = models.JSONField(_("grading rule"))
    is_current = models.BooleanField(_("current version"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="unique_template_version"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(is_current=True), name="one_current_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class TemplateItem(models.Model):
    class Kind(models.TextChoices):
        PASS_FAIL = "pass_fail", _("Pass / fail")
        SCORE = "score", _("Score")
        MEASUREMENT = "measurement", _("Measurement")
        PHOTO = "photo", _("Photo required")

    template = models.ForeignKey(InspectionTemplate, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    section = models.CharField(_("section"), max_length=60)
    code = models.SlugField(_("code"))
    label = models.CharField(_("check (Chinese)"), max_length=120)
    label_en = models.CharField(_("check (English)"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=0)
    max_score = models.DecimalField(_("maximum score"), max_digits=6, decimal_places=2, default=10)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    accident = models.BooleanField(_("accident-structure item"), default=False)
    critical = models.BooleanField(_("critical"), default=False)
    authenticity = models.BooleanField(_("authenticity checkpoint"), default=False)
    photo_required = models.BooleanField(_("evidence photo required"), default=False)

    class Meta:
        ordering = ["template", "position"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="unique_item_per_template")]

    def __str__(self) -> str:
        return f"{self.template.code}:{self.code}"

    @property
    def display_label(self) -> str:
        """The check in the reader's language."""
        return self.label_en if (get_language() or "").startswith("en") and self.label_en else self.label


class DefectCode(models.Model):
    """The defect price schedule, published before any inspection: every downgrade cites one."""

    category = models.ForeignKey(
        "listings.Category", on_delete=models.PROTECT, related_name="defect_codes", verbose_name=_("category")
    )
    code = models.CharField(_("code"), max_length=20)
    description = models.CharField(_("description"), max_length=200)
    deduction_percent = models.DecimalField(_("price deduction (%)"), max_digits=5, decimal_places=2)
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("defect code")
        verbose_name_plural = _("defect codes")
        ordering = ["category", "code"]
        constraints = [models.UniqueConstraint(fields=["category", "code"], name="unique_defect_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.description}"
