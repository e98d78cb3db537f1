from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppraisalConfig(AppConfig):
    name = "appraisal"
    verbose_name = _("Appraisal")

    def ready(self):
        from listings import extensions

        from . import panels, receivers

        receivers.connect()
        if panels.listing_panel not in extensions.detail_panels:
            extensions.detail_panels.append(panels.listing_panel)
        if panels.price_hint not in extensions.price_hints:
            extensions.price_hints.append(panels.price_hint)
