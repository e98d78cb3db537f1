import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListingsConfig(AppConfig):
    name = "listings"
    verbose_name = _("Listings")

    def ready(self):
        from marketplace.core.registry import register_periodic

        register_periodic(
            "listings.tasks.expire_listings",
            dt.timedelta(minutes=15),
            label=_("Expire listings past their period"),
        )
        register_periodic(
            "listings.tasks.recover_stuck_photos",
            dt.timedelta(minutes=10),
            label=_("Render photos whose processing was interrupted"),
        )
