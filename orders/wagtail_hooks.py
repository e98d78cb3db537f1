from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .permissions import can_decide_disputes

dispute_urls = (
    [
        path("", admin_views.DisputeQueueView.as_view(), name="queue"),
        path("<int:pk>/", admin_views.DecideDisputeView.as_view(), name="decide"),
    ],
    "orders_disputes",
)


@hooks.register("register_admin_urls")
def register_dispute_urls():
    return [path("disputes/", include(dispute_urls))]


class DisputesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_decide_disputes(request.user)


@hooks.register("register_admin_menu_item")
def register_disputes_menu_item():
    return DisputesMenuItem(_("Disputes"), reverse("orders_disputes:queue"), icon_name="warning", order=155)
