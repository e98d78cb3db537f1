import datetime as dt

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "marketplace.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from marketplace.core.registry import register_periodic

        register_periodic(
            "marketplace.accounts.tasks.purge_identity_records",
            dt.timedelta(days=1),
            label=_("Delete identity records past their retention"),
        )
        from .roles import ensure_role_groups

        post_migrate.connect(ensure_role_groups, sender=self, dispatch_uid="accounts.ensure_role_groups")
        from allauth.mfa.signals import authenticator_added

        from .second_factor import record_activation

        authenticator_added.connect(record_activation, dispatch_uid="accounts.record_activation")
