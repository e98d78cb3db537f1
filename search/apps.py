import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from marketplace.core.registry import register_health_check, register_periodic

        from . import receivers
        from .health import check_search

        receivers.connect()

        register_health_check("search", check_search)

        register_periodic(
            "search.tasks.process_search_outbox", dt.timedelta(minutes=1), label=_("Update the search index")
        )
        register_periodic(
            "search.tasks.send_saved_search_digests",
            dt.timedelta(minutes=30),
            label=_("Tell people about new matches for their saved searches"),
        )
