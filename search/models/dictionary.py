from django.db import models
from django.utils.translation import gettext_lazy as _


class Synonym(models.Model):
    """One entry of the search dictionary that platform staff edit: a word, the words that mean the same
    (in any script), the narrower words a search for it also finds, and the category it names.

    A brand entry makes every listing that names any of its words (aliases or product lines) carry the
    brand in every script, so 苹果, Apple and pingguo all find an iPad.
    """

    term = models.CharField(_("word"), max_length=40, unique=True)
    synonyms = models.TextField(
        _("same meaning"), blank=True, help_text=_("Words that mean the same, separated by commas.")
    )
    narrower = models.TextField(
        _("narrower words"),
        blank=True,
        help_text=_(
            "More specific words a search for this word also finds (桌子 → 书桌, 餐桌), separated by commas."
        ),
    )
    category = models.ForeignKey(
        "listings.Category",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A search naming this word ranks listings of this category first."),
    )
    is_brand = models.BooleanField(_("brand"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["term"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self) -> str:
        return self.term

    def words(self, field: str) -> list[str]:
        """The comma-separated words of `synonyms` or `narrower`, cleaned."""
        raw = getattr(self, field).replace("，", ",").replace("、", ",").replace("\n", ",")
        return [word.strip() for word in raw.split(",") if word.strip()]
