from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import PreferencesForm
from .models import Notification
from .rendering import render as render_words


def _own(request, pk: int) -> Notification:
    """Someone else's notification does not exist, as far as this user can tell."""
    return get_object_or_404(Notification, pk=pk, recipient=request.user)


@login_required
def inbox(request):
    before = request.GET.get("before", "")
    key = int(before) if before.isascii() and before.isdigit() and len(before) <= 18 else None
    page, next_key = selectors.inbox_page(request.user, before=key)
    entries = [(n, *render_words(n)) for n in page]
    return render(
        request,
        "notifications/inbox.html",
        {"entries": entries, "next_key": next_key, "first_page": key is None},
    )


@login_required
@require_POST
def mark_read(request, pk: int):
    notification = _own(request, pk)
    services.mark_read(notification, user=request.user)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    services.mark_all_read(request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:inbox")


@login_required
def preferences(request):
    current = services.preferences_for(request.user)
    form = PreferencesForm(request.POST or None, preferences=current)
    if request.method == "POST" and form.is_valid():
        services.save_preferences(
            request.user, email=form.email_choices(), language=form.cleaned_data["language"]
        )
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "minutes": services.message_email_minutes()},
    )
