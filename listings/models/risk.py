"""Risk rules as data, and the assessments and hits they produce."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import RevisionMixin


class VersionedData:
    """Rules edited as Wagtail snippets: a change to any of VERSIONED_FIELDS bumps `version`, so every
    finding records the version it was made under. Bumped in save() because the snippet editor saves
    directly, not through a service."""

    VERSIONED_FIELDS: tuple[str, ...] = ()

    def save(self, *args, **kwargs):
        if self.pk:
            before = type(self).objects.filter(pk=self.pk).values(*self.VERSIONED_FIELDS).first()
            if before and any(before[name] != getattr(self, name) for name in self.VERSIONED_FIELDS):
                self.version += 1
        super().save(*args, **kwargs)

    @property
    def revisions(self):
        return self._revisions


class Outcome(models.TextChoices):
    """Ordered by severity; an assessment takes the most severe outcome among its hits."""

    ALLOW = "allow", _("Allow")
    WARN = "warn", _("Warn the reader")
    HOLD = "hold", _("Hold for review")
    BLOCK = "block", _("Block")


SEVERITY = {Outcome.ALLOW: 0, Outcome.WARN: 1, Outcome.HOLD: 2, Outcome.BLOCK: 3}


class Family(models.TextChoices):
    COUNTERFEIT = "counterfeit", _("Counterfeit slang")
    BRAND_HEDGING = "brand_hedging", _("Brand hedging")
    OFF_PLATFORM_CONTACT = "off_platform_contact", _("Off-platform contact")
    OFF_PLATFORM_PAYMENT = "off_platform_payment", _("Off-platform payment")
    PHISHING = "phishing", _("Phishing")
    PRICE_ANOMALY = "price_anomaly", _("Price far below the usual")
    TOO_GOOD_STOCK = "too_good_stock", _("Too-good stock")
    NEW_ACCOUNT_HIGH_VALUE = "new_account_high_value", _("New account, high value")
    STOLEN_PHONE = "stolen_phone", _("Possibly stolen phone")
    STOLEN_GOODS = "stolen_goods", _("Possibly stolen goods")
    REFURB = "refurb", _("Refurbishment misrepresented")
    IMAGE_REUSE = "image_reuse", _("Photo reused from another seller")
    VELOCITY = "velocity", _("Too many listings too fast")
    REVIEW_FARMING = "review_farming", _("Review farming")
    PROHIBITED = "prohibited", _("Prohibited item")


class RiskRule(VersionedData, RevisionMixin, models.Model):
    """One rule. `kind` says how it matches:

    - keywords: any line of `terms` found in the normalised text (see listings.risk.normalise);
    - pattern: any line of `terms` as a regular expression on the normalised text;
    - check: a built-in check named by `check_name`, tuned by `parameters`.

    `version` goes up whenever what the rule matches or decides changes; hits record it.
    """

    class Kind(models.TextChoices):
        KEYWORDS = "keywords", _("Keywords")
        PATTERN = "pattern", _("Regular expressions")
        CHECK = "check", _("Built-in check")

    class Scope(models.TextChoices):
        LISTINGS = "listings", _("Listings")
        MESSAGES = "messages", _("Messages")
        BOTH = "both", _("Listings and messages")

    code = models.SlugField(unique=True)
    family = models.CharField(_("family"), max_length=30, choices=Family.choices)
    description = models.CharField(_("description"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    terms = models.TextField(_("terms"), blank=True, help_text=_("One keyword or expression per line."))
    check_name = models.CharField(_("built-in check"), max_length=40, blank=True)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    scope = models.CharField(_("applies to"), max_length=10, choices=Scope.choices, default=Scope.LISTINGS)
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="risk_rule")

    VERSIONED_FIELDS = ("kind", "terms", "check_name", "parameters", "outcome", "scope", "is_active")

    class Meta:
        verbose_name = _("risk rule")
        verbose_name_plural = _("risk rules")
        ordering = ["family", "code"]

    def __str__(self) -> str:
        return f"{self.code} (v{self.version})"

    def term_list(self) -> list[str]:
        return [line.strip() for line in self.terms.splitlines() if line.strip()]


class RiskAssessment(models.Model):
    """One run of the rules on a listing (on submit and every edit) or a message."""

    class Trigger(models.TextChoices):
        SUBMIT = "submit", _("Submitted")
        EDIT = "edit", _("Edited")
        MESSAGE = "message", _("Message")

    listing = models.ForeignKey(
        "listings.Listing", null=True, blank=True, on_delete=models.CASCADE, related_name="assessments"
    )
    message = models.OneToOneField(
        "listings.Message", null=True, blank=True, on_delete=models.CASCADE, related_name="assessment"
    )
    trigger = models.CharField(max_length=10, choices=Trigger.choices)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.trigger}: {self.outcome}"


class RiskHit(models.Model):
    """A rule that matched, with the reason in words and the evidence that made it match."""

    assessment = models.ForeignKey(RiskAssessment, on_delete=models.CASCADE, related_name="hits")
    rule = models.ForeignKey(RiskRule, on_delete=models.PROTECT, related_name="hits")
    rule_version = models.PositiveIntegerField()
    family = models.CharField(max_length=30, choices=Family.choices)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason = models.CharField(max_length=300)
    evidence = models.JSONField(default=dict)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.rule.code}: {self.reason}"


class ProhibitedItem(VersionedData, RevisionMixin, models.Model):
    """One entry of the catalogue of goods that may not be traded here, with the law behind it.

    Read by the `catalogue` checks of the risk engine (listings.risk.catalogue). Each line of
    `keywords` matches when every part joined by “&” is present, a part being alternatives joined
    by “|” (“定位&查岗|跟踪”). Words in `exceptions` are blanked out before matching (“身份证套” is not
    “身份证”); an entry does not apply at all when the title names one of `not_when` (an accessory, a
    container). Famous-goods entries hold only when the price or the quantity is out of the ordinary.
    """

    class Outcome(models.TextChoices):
        HOLD = "hold", _("Hold for review")
        BLOCK = "block", _("Block")

    FAMILIES = [
        (Family.PROHIBITED, Family.PROHIBITED.label),
        (Family.COUNTERFEIT, Family.COUNTERFEIT.label),
        (Family.PRICE_ANOMALY, _("Famous goods at an unusual price or quantity")),
    ]

    code = models.SlugField(unique=True)
    name = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=80)
    family = models.CharField(_("family"), max_length=30, choices=FAMILIES, default=Family.PROHIBITED)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.BLOCK)
    legal_basis = models.TextField(_("legal basis"), help_text=_("The laws and platform rules it rests on."))
    keywords = models.TextField(
        _("keywords"), help_text=_("One per line; “a|b” means either, “a&b” means both.")
    )
    exceptions = models.TextField(
        _("not meant by the keywords"),
        blank=True,
        help_text=_("One per line: words containing a keyword that mean something ordinary (身份证套)."),
    )
    not_when = models.TextField(
        _("not when the title names"),
        blank=True,
        help_text=_("One per line: accessories and containers the entry does not apply to (空酒瓶, 手机壳)."),
    )
    title_only = models.BooleanField(
        _("title only"), default=False, help_text=_("Match the title only, not the description.")
    )
    categories = models.ManyToManyField(
        "listings.Category",
        verbose_name=_("categories"),
        blank=True,
        related_name="+",
        help_text=_("The categories (with their subcategories) it applies to; none means every category."),
    )
    price_below = models.DecimalField(
        _("only when the price is below (CNY)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    quantity_at_least = models.PositiveIntegerField(
        _("or when the quantity is at least"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("What is still allowed, and why."))
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="prohibited_item")

    VERSIONED_FIELDS = (
        "family",
        "outcome",
        "keywords",
        "exceptions",
        "not_when",
        "title_only",
        "price_below",
        "quantity_at_least",
        "is_active",
    )

    class Meta:
        verbose_name = _("prohibited item")
        verbose_name_plural = _("prohibited goods catalogue")
        ordering = ["family", "code"]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in (text or "").splitlines() if line.strip()]
