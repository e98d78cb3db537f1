"""Disputes in the Wagtail admin: platform staff read both sides and decide."""

import stripe
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import services
from .errors import OrderError
from .forms import DecisionForm
from .models import Dispute, Order, Payment
from .permissions import can_decide_disputes


class StaffOnly:
    def dispatch(self, request, *args, **kwargs):
        if not can_decide_disputes(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DisputeQueueView(StaffOnly, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Disputes")
    header_icon = "warning"
    template_name = "orders/admin/disputes.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["disputes"] = Dispute.objects.filter(order__status=Order.Status.DISPUTED).select_related(
            "order"
        )
        return context


class DecideDisputeView(StaffOnly, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "warning"
    template_name = "orders/admin/decide.html"

    def dispatch(self, request, *args, pk, **kwargs):
        self.dispute = get_object_or_404(Dispute.objects.select_related("order"), pk=pk)
        self.holds_money = Payment.objects.filter(order_id=self.dispute.order_id).exists()
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Dispute on %(ref)s") % {"ref": self.dispute.order.reference}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            dispute=self.dispute,
            order=self.dispute.order,
            form=kwargs.get("form") or DecisionForm(platform_holds_money=self.holds_money),
            history=self.dispute.order.status_changes.all(),
            holds_money=self.holds_money,
        )
        return context

    def post(self, request, *args, **kwargs):
        form = DecisionForm(request.POST, platform_holds_money=self.holds_money)
        if form.is_valid():
            try:
                services.decide_dispute(self.dispute, actor=request.user, **form.cleaned_data)
            except OrderError as exc:
                form.add_error(None, exc.message)
            except stripe.StripeError:
                form.add_error(None, _("The payment service did not answer; nothing was changed. Try again."))
            else:
                messages.success(request, _("Decided; both sides can read your explanation."))
                return redirect("orders_disputes:queue")
        return self.render_to_response(self.get_context_data(form=form))
