from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import DateColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import (
    PushDeliveryIndexView,
    RequeueDeadPushesView,
    RightsHolderIndexView,
    VerifyRightsHolderView,
)
from .models import PushDelivery, RightsHolder


class RightsHolderViewSet(SnippetViewSet):
    """Platform staff verify rights holders (the Verify action) before their notices take effect."""

    model = RightsHolder
    icon = "pick"
    menu_label = _("Rights holders")
    list_display = [
        "organisation",
        "credit_code",
        "contact_email",
        DateColumn("verified_at", label=pgettext_lazy("admin column", "Verified"), sort_key="verified_at"),
    ]
    search_fields = ["organisation", "credit_code"]
    index_view_class = RightsHolderIndexView
    # Verification is a service with a check of who does it, not a field to type into.
    panels = [
        FieldPanel("user"),
        FieldPanel("organisation"),
        FieldPanel("credit_code"),
        FieldPanel("contact_email"),
        FieldPanel("verified_at", read_only=True),
    ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(verify_url_name=self.get_url_name("verify"), **kwargs)

    def get_urlpatterns(self):
        verify = VerifyRightsHolderView.as_view(
            list_url_name=self.get_url_name("list"), breadcrumbs_items=self.breadcrumbs_items
        )
        return [*super().get_urlpatterns(), path("verify/<int:pk>/", verify, name="verify")]


class DeliveryPermissionPolicy(ModelPermissionPolicy):
    """Pushes are written by the delivery task only: nobody adds or deletes one by hand."""

    WRITTEN_BY_CODE = {"add", "delete"}

    def user_has_permission(self, user, action):
        return action not in self.WRITTEN_BY_CODE and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in self.WRITTEN_BY_CODE])


register_permission_policy(PushDelivery, DeliveryPermissionPolicy(PushDelivery), exact_class=True)


class PushDeliveryViewSet(SnippetViewSet):
    """Pushes to the bureau, including the dead letters that need attention. Read-only: the delivery
    task and the "send again" action are the only writers."""

    model = PushDelivery
    icon = "warning"
    menu_label = _("Bureau pushes")
    list_display = ["idempotency_key", "client", "status", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["status"]
    inspect_view_enabled = True
    index_view_class = PushDeliveryIndexView
    panels = [
        FieldPanel(name, read_only=True)
        for name in (
            "client",
            "entry",
            "idempotency_key",
            "status",
            "attempts",
            "next_attempt_at",
            "last_error",
        )
    ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(requeue_url_name=self.get_url_name("requeue"), **kwargs)

    def get_urlpatterns(self):
        requeue = RequeueDeadPushesView.as_view(
            list_url_name=self.get_url_name("list"), breadcrumbs_items=self.breadcrumbs_items
        )
        return [*super().get_urlpatterns(), path("requeue/", requeue, name="requeue")]


class RegulationGroup(SnippetViewSetGroup):
    items = (RightsHolderViewSet, PushDeliveryViewSet)
    menu_icon = "cog"
    menu_label = _("Regulator side")
    menu_name = "regulator-side"
    menu_order = 190


register_snippet(RegulationGroup)
