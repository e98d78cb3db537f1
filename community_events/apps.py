import datetime as dt

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommunityEventsConfig(AppConfig):
    name = "community_events"
    verbose_name = _("Community events")

    def ready(self):
        from marketplace.core.registry import register_periodic

        register_periodic(
            "community_events.tasks.expire_waitlist_offers",
            dt.timedelta(minutes=10),
            label=_("Offer waitlist places whose offers ran out to the next person"),
        )
        register_periodic(
            "community_events.tasks.send_event_reminders",
            dt.timedelta(hours=1),
            label=_("Remind people of events they registered for"),
        )
        from .roles import grant_street_staff_event_pages

        post_migrate.connect(
            grant_street_staff_event_pages, sender=self, dispatch_uid="community_events.street_staff_pages"
        )
