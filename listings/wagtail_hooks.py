from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import Category, ProhibitedItem, RiskRule
from .permissions import can_moderate_listings

moderation_urls = (
    [
        path("", admin_views.ModerationQueueView.as_view(), name="queue"),
        path("<int:pk>/", admin_views.ModerationDetailView.as_view(), name="detail"),
    ],
    "listings_moderation",
)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [path("moderation/", include(moderation_urls))]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate_listings(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        _("Moderation queue"), reverse("listings_moderation:queue"), icon_name="warning", order=150
    )


class StaffDataChooserMixin:
    """Wagtail's snippet choosers list every row to anyone with admin access (street offices have it
    for their events). Risk rules and the catalogue would teach an evader what is caught: they are
    chosen only by those who may see them in the admin."""

    def dispatch(self, request, *args, **kwargs):
        policy = ModelPermissionPolicy(self.model_class)
        if not policy.user_has_any_permission(request.user, ["add", "change", "view"]):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StaffDataChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = type("ChooseView", (StaffDataChooserMixin, chooser.ChooseView), {})
    choose_results_view_class = type(
        "ChooseResultsView", (StaffDataChooserMixin, chooser.ChooseResultsView), {}
    )
    chosen_view_class = type("ChosenView", (StaffDataChooserMixin, chooser.SnippetChosenView), {})
    chosen_multiple_view_class = type(
        "ChosenMultipleView", (StaffDataChooserMixin, chooser.SnippetChosenMultipleView), {}
    )
    create_view_class = type("CreateView", (StaffDataChooserMixin, chooser.SnippetCreateView), {})


class RiskRuleViewSet(SnippetViewSet):
    model = RiskRule
    chooser_viewset_class = StaffDataChooserViewSet
    icon = "warning"
    menu_label = _("Risk rules")
    menu_order = 160
    add_to_admin_menu = True
    list_display = [
        Column("code", label=pgettext_lazy("admin column", "Code"), sort_key="code"),
        "family",
        "kind",
        "outcome",
        "scope",
        "is_active",
        Column("version", label=pgettext_lazy("admin column", "Version"), sort_key="version"),
        DateColumn("updated_at", label=pgettext_lazy("admin column", "Updated"), sort_key="updated_at"),
    ]
    list_filter = ["family", "outcome", "is_active"]
    search_fields = ["code", "description", "terms"]


class ProhibitedItemViewSet(SnippetViewSet):
    """The prohibited-goods catalogue: platform staff change what may not be traded, and why."""

    model = ProhibitedItem
    chooser_viewset_class = StaffDataChooserViewSet
    icon = "cross"
    menu_label = _("Prohibited goods")
    menu_order = 165
    add_to_admin_menu = True
    list_display = [
        "name",
        Column("code", label=pgettext_lazy("admin column", "Code"), sort_key="code"),
        "family",
        "outcome",
        "is_active",
        Column("version", label=pgettext_lazy("admin column", "Version"), sort_key="version"),
        DateColumn("updated_at", label=pgettext_lazy("admin column", "Updated"), sort_key="updated_at"),
    ]
    list_filter = ["family", "outcome", "is_active"]
    search_fields = ["code", "name", "name_en", "keywords", "legal_basis"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    menu_order = 170
    add_to_admin_menu = True
    list_display = [
        Column("path", label=pgettext_lazy("admin column", "Place in the tree"), sort_key="path"),
        "name",
        "name_en",
        "high_value_threshold",
    ]
    search_fields = ["name", "name_en", "slug"]


register_snippet(RiskRuleViewSet)
register_snippet(ProhibitedItemViewSet)
register_snippet(CategoryViewSet)
