import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "orders"
    label = "orders"
    verbose_name = _("Orders and payments")

    def ready(self):
        from marketplace.core.registry import register_periodic

        register_periodic(
            "orders.tasks.expire_unpaid_orders", dt.timedelta(minutes=5), label=_("Cancel orders left unpaid")
        )
        register_periodic(
            "orders.tasks.auto_receive_orders",
            dt.timedelta(hours=1),
            label=_("Confirm receipt of orders the buyer did not confirm"),
        )
        register_periodic(
            "orders.tasks.settle_expiring_authorisations",
            dt.timedelta(hours=1),
            label=_("Settle card payments before their hold expires"),
        )
