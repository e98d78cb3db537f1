from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from marketplace.accounts.permissions import is_platform_staff

from .admin_views import BackgroundWorkView


@hooks.register("register_admin_urls")
def register_background_urls():
    return [path("background/", BackgroundWorkView.as_view(), name="core_background")]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_platform_staff(request.user)


@hooks.register("register_admin_menu_item")
def register_background_menu_item():
    return StaffMenuItem(_("Background work"), reverse("core_background"), icon_name="time", order=900)
