from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import Category, RiskRule
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


class RiskRuleViewSet(SnippetViewSet):
    model = RiskRule
    icon = "warning"
    menu_label = _("Risk rules")
    menu_order = 160
    add_to_admin_menu = True
    list_display = ["code", "family", "kind", "outcome", "scope", "is_active", "version", "updated_at"]
    list_filter = ["family", "outcome", "is_active"]
    search_fields = ["code", "description", "terms"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    menu_order = 170
    add_to_admin_menu = True
    list_display = ["path", "name", "name_en", "high_value_threshold"]
    search_fields = ["name", "name_en", "slug"]


register_snippet(RiskRuleViewSet)
register_snippet(CategoryViewSet)
