"""Staff actions in the Wagtail admin that go through services: verifying a rights holder, sending
dead pushes again. A GET shows what will happen; the POST does it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views.snippets import IndexView

from marketplace.accounts.permissions import is_platform_staff
from marketplace.core.errors import DomainError

from . import push, services
from .models import PushDelivery, RightsHolder


class StaffActionView(WagtailAdminTemplateMixin, View):
    """Confirm, then act; a refusal comes back as a message. Platform staff only."""

    template_name = "regulation/admin/confirm.html"
    list_url_name = ""
    button_label = gettext_lazy("Confirm")

    def dispatch(self, request, *args, **kwargs):
        if not is_platform_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(
            self.get_context_data(
                question=self.question(), button_label=self.button_label, back_url=reverse(self.list_url_name)
            )
        )

    def post(self, request, *args, **kwargs):
        try:
            done = self.act()
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, done)
        return redirect(self.list_url_name)

    def question(self) -> str:
        raise NotImplementedError

    def act(self) -> str:
        raise NotImplementedError


class VerifyRightsHolderView(StaffActionView):
    page_title = gettext_lazy("Verify rights holder")
    header_icon = "tick"
    button_label = gettext_lazy("Verify")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.holder = get_object_or_404(RightsHolder, pk=kwargs["pk"])

    def question(self) -> str:
        return _(
            "Verify %(organisation)s (credit code %(code)s)? From then on its notices take "
            "listings down at once."
        ) % {"organisation": self.holder.organisation, "code": self.holder.credit_code}

    def act(self) -> str:
        services.verify_rights_holder(self.holder, actor=self.request.user)
        return _("%(organisation)s is verified.") % {"organisation": self.holder.organisation}


class RequeueDeadPushesView(StaffActionView):
    page_title = gettext_lazy("Send dead pushes again")
    header_icon = "redirect"
    button_label = gettext_lazy("Send again")

    def question(self) -> str:
        dead = PushDelivery.objects.filter(status=PushDelivery.Status.DEAD).count()
        return _(
            "Send the %(n)s dead pushes again, from the first attempt? Do it once the bureau's "
            "endpoint answers."
        ) % {"n": dead}

    def act(self) -> str:
        return _("%(n)s pushes queued again.") % {"n": push.requeue_dead()}


class RightsHolderIndexView(IndexView):
    """Rights holders with a Verify action on those still waiting."""

    verify_url_name = ""

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.verified_at is None and is_platform_staff(self.request.user):
            buttons.append(
                MenuItem(
                    _("Verify"),
                    url=reverse(self.verify_url_name, args=[instance.pk]),
                    icon_name="tick",
                    priority=5,
                )
            )
        return buttons


class PushDeliveryIndexView(IndexView):
    """Pushes, with a header button to send the dead letters again."""

    requeue_url_name = ""

    @property
    def header_buttons(self):
        if not is_platform_staff(self.request.user):
            return []
        return [
            HeaderButton(
                _("Send dead pushes again"), url=reverse(self.requeue_url_name), icon_name="redirect"
            )
        ]
