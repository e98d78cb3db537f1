import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegulationConfig(AppConfig):
    name = "regulation"
    verbose_name = _("Regulation")

    def ready(self):
        from listings.extensions import detail_panels
        from marketplace.core.registry import register_health_check, register_periodic

        from . import receivers, sequencer
        from .panels import listing_panel

        receivers.connect()
        if listing_panel not in detail_panels:
            detail_panels.append(listing_panel)

        # Every pass of the scheduler: the bound behind the published maximum merge delay.
        register_periodic(
            "regulation.tasks.sequence_audit_log",
            dt.timedelta(seconds=5),
            label=_("Add new entries to the audit log"),
        )
        register_health_check("audit_sequencer", sequencer.check_merge_delay)
        register_periodic(
            "regulation.tasks.publish_tree_head",
            dt.timedelta(minutes=10),
            label=_("Sign and publish the audit log's tree head"),
        )
        register_periodic(
            "regulation.tasks.deliver_pushes",
            dt.timedelta(minutes=1),
            label=_("Push audit entries to the bureau"),
        )
        register_periodic(
            "regulation.tasks.restore_expired_ip_notices",
            dt.timedelta(hours=1),
            label=_("Restore listings whose IP notice got no complaint in time"),
        )
        register_periodic(
            "regulation.tasks.half_yearly_reports",
            dt.timedelta(hours=12),
            label=_("Prepare the half-yearly reports for the bureau"),
        )
