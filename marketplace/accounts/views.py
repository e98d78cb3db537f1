from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import services
from .forms import IdentityForm, ProfileForm
from .identity import mask_phone
from .permissions import can_sell, dashboard_links
from .policy import POLICY_VERSION


@login_required
def profile(request):
    user = request.user
    identity = user.identity_verifications.current().first()
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=user)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile was saved."))
            return redirect("accounts:profile")
    else:
        form = ProfileForm(instance=user)
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "identity": identity,
            "can_sell": can_sell(user),
            "masked_phone": mask_phone(user.phone),
            "links": dashboard_links(user),
        },
    )


def _next_path(request) -> str:
    """Where to go back to: a path on this site only, never another host (an open redirect)."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def verify_identity(request):
    """Real-name verification; afterwards back to the page that asked for it (`next`), if any."""
    back = _next_path(request)
    form = IdentityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.verify_identity(
                request.user,
                real_name=form.cleaned_data["real_name"],
                id_number=form.cleaned_data["id_number"],
            )
        except ValidationError as exc:
            field = "real_name" if exc.code == "real_name" else "id_number"
            form.add_error(field, exc)
        else:
            messages.success(request, _("Your identity is verified. You can now sell items."))
            return redirect(back or "accounts:profile")
    return render(request, "accounts/verify_identity.html", {"form": form, "next": back})


def privacy(request):
    """The privacy policy and terms of use, open to everyone (sign-up links here)."""
    return render(request, "accounts/privacy.html", {"version": POLICY_VERSION})


@login_required
@require_http_methods(["GET", "POST"])
def close_account(request):
    if request.method == "POST":
        services.close_account(request.user)
        logout(request)
        messages.info(request, _("Your account is closed. Records the law requires are kept, then deleted."))
        return redirect("/")  # the site's home page (Wagtail serves it)
    return render(request, "accounts/close_account.html")
