"""The moderation queue in the Wagtail admin, for platform staff."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import services
from .errors import ListingError
from .forms import EscalateForm, RejectForm
from .models import Listing, ListingPhoto, RiskAssessment
from .permissions import can_moderate_listings


class ModeratorRequired:
    def dispatch(self, request, *args, **kwargs):
        if not can_moderate_listings(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _queue():
    latest_first = RiskAssessment.objects.prefetch_related("hits__rule").order_by("-created_at", "-pk")
    return (
        Listing.objects.filter(status=Listing.Status.PENDING_REVIEW)
        .select_related("seller", "category", "community__street")
        .annotate(open_reports=Count("reports", filter=Q(reports__status="open")))
        .prefetch_related(
            Prefetch("assessments", queryset=latest_first),
            Prefetch(
                "listing_photos", queryset=ListingPhoto.objects.select_related("photo").order_by("position")
            ),
        )
        .order_by("updated_at")
    )


class ModerationQueueView(ModeratorRequired, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Moderation queue")
    header_icon = "warning"
    template_name = "listings/admin/queue.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["listings"] = _queue()
        return context


class ModerationDetailView(ModeratorRequired, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "warning"
    template_name = "listings/admin/detail.html"

    def get_page_title(self):
        return _("Review: %(title)s") % {"title": self.listing.title}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("listings_moderation:queue"), "label": _("Moderation queue")},
            {"url": "", "label": self.listing.title},
        ]

    def dispatch(self, request, *args, pk, **kwargs):
        self.listing = get_object_or_404(_queue().model.objects.select_related("seller", "category"), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        listing = self.listing
        context.update(
            listing=listing,
            photos=listing.listing_photos.select_related("photo").order_by("position"),
            assessments=listing.assessments.prefetch_related("hits__rule"),
            reports=listing.reports.select_related("reporter"),
            history=listing.status_changes.select_related("actor"),
            flags=listing.flags.all(),
            reject_form=kwargs.get("reject_form") or RejectForm(),
            escalate_form=kwargs.get("escalate_form") or EscalateForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        listing = self.listing
        try:
            if action == "approve":
                services.approve_listing(listing, actor=request.user)
                messages.success(request, _("Approved and published."))
            elif action == "reject":
                form = RejectForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(reject_form=form))
                services.reject_listing(listing, actor=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("Removed; the seller sees your reason."))
            elif action == "escalate":
                form = EscalateForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(escalate_form=form))
                services.escalate_listing(listing, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Sent to the regulator's queue."))
            elif action == "block":
                services.block_listing(listing, actor=request.user, reason=request.POST.get("reason", ""))
                messages.success(request, _("Blocked."))
            else:
                messages.error(request, _("Unknown action."))
        except ListingError as exc:
            messages.error(request, exc.message)
            return redirect("listings_moderation:detail", pk=listing.pk)
        return redirect("listings_moderation:queue")
