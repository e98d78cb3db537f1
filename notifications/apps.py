import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NotificationsConfig(AppConfig):
    name = "notifications"
    label = "notifications"
    verbose_name = pgettext_lazy("inbox", "Notifications")

    def ready(self):
        from marketplace.core.registry import register_periodic

        from . import receivers  # noqa: F401 - connects the receivers

        # The guarantee behind the after-commit task: emails whose task was lost or failed go out here.
        register_periodic(
            "notifications.tasks.send_pending_emails",
            dt.timedelta(minutes=5),
            label=_("Send notification emails that failed before"),
        )
