"""Swap events as Wagtail pages under an events index; staff edit only their own street's events."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PagePermissionTester

from marketplace.accounts.permissions import is_platform_staff, is_street_staff


class EventIndexPermissionTester(PagePermissionTester):
    """The district-wide events index belongs to the platform: street offices hold page permissions on
    it only so they can add their street's events under it. Changing the index itself (its slug is in
    every event's URL), publishing, moving, copying or deleting it is for platform staff."""

    def _platform(self) -> bool:
        return is_platform_staff(self.user)

    def can_edit(self):
        return self._platform() and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        # Deleting the index would delete every event under it, with their registrations.
        return self._platform() and not self.page.get_children().exists() and super().can_delete(ignore_bulk)

    def can_publish(self):
        return self._platform() and super().can_publish()

    def can_unpublish(self):
        return self._platform() and super().can_unpublish()

    def can_copy(self):
        return self._platform() and super().can_copy()

    def can_move(self):
        return self._platform() and super().can_move()

    def can_lock(self):
        return self._platform() and super().can_lock()

    def can_unlock(self):
        return self._platform() and super().can_unlock()

    def can_reorder_children(self):
        return self._platform() and super().can_reorder_children()

    def can_set_view_restrictions(self):
        return self._platform() and super().can_set_view_restrictions()

    def can_submit_for_moderation(self):
        return self._platform() and super().can_submit_for_moderation()

    def can_unschedule(self):
        return self._platform() and super().can_unschedule()


class EventIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["community_events.SwapEventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("events index")

    def permissions_for_user(self, user):
        return EventIndexPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = SwapEventPage.objects.child_of(self).live().public().select_related("street")
        now = timezone.now()
        context["upcoming"] = events.filter(ends_at__gte=now).order_by("starts_at")
        context["past"] = events.filter(ends_at__lt=now).order_by("-starts_at")[:12]
        return context


class StreetEventForm(WagtailAdminPageForm):
    """Street-office staff may only create and keep events for their own street."""

    def clean_street(self):
        street = self.cleaned_data["street"]
        user = self.for_user
        if user is not None and not is_platform_staff(user) and not is_street_staff(user, street):
            raise forms.ValidationError(_("You can only run events for your own street."))
        return street

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        return cleaned


class StreetPagePermissionTester(PagePermissionTester):
    def _own_street(self) -> bool:
        return is_platform_staff(self.user) or is_street_staff(self.user, self.page.specific.street_id)

    def can_edit(self):
        return self._own_street() and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        # Registrations and pledged items are kept with their event: one that has any is unpublished
        # (cancelled), never deleted.
        return self._own_street() and not self._has_participants() and super().can_delete(ignore_bulk)

    def _has_participants(self) -> bool:
        event = self.page.specific
        return event.registrations.exists() or event.pledges.exists()

    def can_publish(self):
        return self._own_street() and super().can_publish()

    def can_unpublish(self):
        return self._own_street() and super().can_unpublish()

    def can_copy(self):
        return self._own_street() and super().can_copy()

    def can_move(self):
        return self._own_street() and super().can_move()


class SwapEventPage(Page):
    """A neighbourhood swap event (SB/T 11178-2016 idle-goods swap fair) run by one street office."""

    street = models.ForeignKey(
        "geography.Street", verbose_name=_("street"), on_delete=models.PROTECT, related_name="events"
    )
    venue = models.CharField(_("venue"), max_length=120, help_text=_("e.g. the community centre"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    registration_closes_at = models.DateTimeField(_("registration closes at"), null=True, blank=True)
    stall_capacity = models.PositiveIntegerField(_("stalls"), default=20)
    visitor_capacity = models.PositiveIntegerField(_("visitors (people)"), default=100)
    accepted_categories = ParentalManyToManyField(
        "listings.Category", verbose_name=_("accepted categories"), blank=True
    )
    swap_tokens = models.BooleanField(_("swap tokens in use"), default=True)
    giveaways = models.BooleanField(_("give-aways welcome"), default=True)
    sales_allowed = models.BooleanField(_("sales allowed"), default=False)
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "ol", "ul", "link"])

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldPanel("venue"),
                FieldPanel("starts_at"),
                FieldPanel("ends_at"),
                FieldPanel("registration_closes_at"),
            ],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [FieldPanel("stall_capacity"), FieldPanel("visitor_capacity")], heading=_("Capacity")
        ),
        MultiFieldPanel(
            [
                FieldPanel("accepted_categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("swap_tokens"),
                FieldPanel("giveaways"),
                FieldPanel("sales_allowed"),
            ],
            heading=_("Rules"),
        ),
        FieldPanel("description"),
    ]
    base_form_class = StreetEventForm
    parent_page_types = ["community_events.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("swap event")

    def permissions_for_user(self, user):
        return StreetPagePermissionTester(user, self)

    @property
    def registration_open(self) -> bool:
        closes = self.registration_closes_at or self.starts_at
        return timezone.now() < closes

    def desk_hours(self) -> tuple[dt.datetime, dt.datetime]:
        """When the door and the desk may record people and items: the event day, not weeks before."""
        return (
            self.starts_at - dt.timedelta(hours=settings.EVENT_DESK_OPENS_HOURS_BEFORE),
            self.ends_at + dt.timedelta(hours=settings.EVENT_DESK_CLOSES_HOURS_AFTER),
        )

    def desk_open(self, at: dt.datetime | None = None) -> bool:
        opens, closes = self.desk_hours()
        return opens <= (at or timezone.now()) <= closes

    def get_context(self, request, *args, **kwargs):
        from .registrations import Registration

        context = super().get_context(request, *args, **kwargs)
        user = request.user
        context["registration"] = (
            Registration.objects.active().filter(event=self, user=user).first()
            if user.is_authenticated
            else None
        )
        context["counts"] = Registration.objects.counts(self)
        context["slots"] = self.desk_slots.select_related("appraiser__user").order_by("starts_at")
        context["can_manage"] = is_platform_staff(user) or is_street_staff(user, self.street_id)
        return context


class AppraisalDeskSlot(models.Model):
    """An on-site appraisal desk time slot, staffed by an appraiser from appraisal/."""

    event = models.ForeignKey(SwapEventPage, on_delete=models.CASCADE, related_name="desk_slots")
    appraiser = models.ForeignKey("appraisal.Appraiser", on_delete=models.PROTECT, related_name="desk_slots")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.event_id} {self.starts_at:%H:%M}"
