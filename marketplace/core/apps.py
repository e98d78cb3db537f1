from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "marketplace.core"
    label = "core"
    verbose_name = _("Site")

    def ready(self):
        from django_tasks.signals import task_finished

        from .background import record_outcome

        task_finished.connect(record_outcome, dispatch_uid="core.record_periodic_outcome")
