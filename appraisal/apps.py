from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppraisalConfig(AppConfig):
    name = "appraisal"
    verbose_name = _("Appraisal")

    def ready(self):
        import datetime as dt

        from listings import extensions
        from marketplace.core.registry import register_periodic

        from . import panels, receivers

        receivers.connect()
        if panels.listing_panel not in extensions.detail_panels:
            extensions.detail_panels.append(panels.listing_panel)
        if panels.price_hint not in extensions.price_hints:
            extensions.price_hints.append(panels.price_hint)
        register_periodic(
            "appraisal.tasks.retrain_valuation",
            dt.timedelta(hours=6),
            label=_("Retrain the valuation models"),
        )
