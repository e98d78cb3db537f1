from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data for every role. It seeds every app, so it sits above all of them."""

    name = "demo"
    verbose_name = _("Demo data")
