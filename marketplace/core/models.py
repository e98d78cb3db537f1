"""The public site's Wagtail pages: the home page and content pages for guides and policies."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["core.ContentPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = ContentPage.objects.child_of(self).live().public().specific().order_by("path")
        return context


class ContentPage(Page):
    """A guide or policy page, e.g. how swaps work or what may not be sold."""

    class Kind(models.TextChoices):
        GUIDE = "guide", _("Guide")
        POLICY = "policy", _("Policy")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.GUIDE)
    summary = models.CharField(_("summary"), max_length=200, blank=True)
    body = RichTextField(_("body"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "hr"])

    content_panels = Page.content_panels + [FieldPanel("kind"), FieldPanel("summary"), FieldPanel("body")]
    parent_page_types = ["core.HomePage", "core.ContentPage"]
    subpage_types = ["core.ContentPage"]

    class Meta:
        verbose_name = _("content page")


class ScheduledJob(models.Model):
    """A periodic task: when it was last enqueued, and how its last run ended (see core.scheduler)."""

    name = models.CharField(_("task"), max_length=200, unique=True)
    last_enqueued_at = models.DateTimeField(_("last enqueued"), null=True, blank=True)
    last_succeeded_at = models.DateTimeField(_("last succeeded"), null=True, blank=True)
    last_failed_at = models.DateTimeField(_("last failed"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    # Failures in a row; the retry waits PERIODIC_RETRY_SECONDS × 2^(failures-1), at most the interval.
    failures = models.PositiveIntegerField(_("failures in a row"), default=0)

    class Meta:
        verbose_name = _("periodic task")
        verbose_name_plural = _("periodic tasks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Heartbeat(models.Model):
    """The last sign of life of a background process (the scheduler, each task worker)."""

    name = models.CharField(_("process"), max_length=100, unique=True)
    beat_at = models.DateTimeField(_("last heartbeat"))
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SigningKey(models.Model):
    """One Ed25519 key that signs appraisal reports or audit-log tree heads (see `core.keys`).

    The public part is published for as long as anything it signed is kept; the private part is stored
    wrapped and wiped when the key is retired (rotated out) or revoked. A signature counts only if it was
    made inside [not_before, not_after] and the key is not revoked.
    """

    class Purpose(models.TextChoices):
        APPRAISAL = "appraisal", _("Appraisal reports")
        AUDIT = "audit", _("Audit log tree heads")

    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices)
    key_id = models.CharField(_("key id"), max_length=16, unique=True)
    public_key = models.TextField(_("public key (PEM)"))
    fingerprint = models.CharField(_("SHA-256 fingerprint"), max_length=64, unique=True)
    wrapped_private_key = models.TextField(blank=True)
    # Empty for the first key of a purpose: it signed everything made before keys were registered.
    not_before = models.DateTimeField(_("valid from"), null=True, blank=True)
    not_after = models.DateTimeField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.CharField(_("reason for revocation"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        ordering = ["purpose", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["purpose"],
                condition=models.Q(not_after__isnull=True, revoked_at__isnull=True),
                name="one_signing_key_in_use_per_purpose",
            )
        ]

    def __str__(self) -> str:
        return f"{self.purpose} {self.key_id}"
