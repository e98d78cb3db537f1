"""The public site's Wagtail pages: the home page and content pages for guides and policies."""

from django.db import models
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
