"""“Background work” in the Wagtail admin: each periodic task's last run and each process's heartbeat."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from marketplace.accounts.permissions import is_platform_staff

from .background import stale_processes
from .models import Heartbeat, ScheduledJob
from .registry import periodic_labels, periodic_tasks


def _every(interval, now) -> str:
    """ "5 minutes" or "5 seconds", in the reader's language (timesince stops at minutes)."""
    seconds = int(interval.total_seconds())
    if seconds < 60:
        return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    return timesince(now - interval, now, depth=1)


class BackgroundWorkView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Background work")
    header_icon = "time"
    template_name = "core/admin/background.html"

    def dispatch(self, request, *args, **kwargs):
        if not is_platform_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        jobs = {job.name: job for job in ScheduledJob.objects.all()}
        context["jobs"] = [
            {
                "name": name,
                "label": periodic_labels.get(name, ""),
                "every": _every(interval, now),
                "job": jobs.get(name),
            }
            for name, interval in sorted(periodic_tasks.items())
        ]
        context["heartbeats"] = Heartbeat.objects.all()
        context["stale"] = stale_processes()
        context["now"] = now
        return context
