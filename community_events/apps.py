from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityEventsConfig(AppConfig):
    name = "community_events"
    verbose_name = _("Community events")
