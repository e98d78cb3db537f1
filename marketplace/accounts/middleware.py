"""Send staff roles without a second factor to set one up before they can do anything else."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from .permissions import requires_multi_factor

# Pages a staff member without a second factor may still open: setting one up, and leaving.
ALLOWED_URL_NAMES = {
    "mfa_index",
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_authenticate",
    "mfa_reauthenticate",
    "account_reauthenticate",
    "account_logout",
    "account_login",
    "set_language",
    "healthz",
}


class RequireMultiFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if requires_multi_factor(user) and not self._exempt(request) and not self._has_totp(user):
            messages.warning(
                request,
                _("Your role handles other people's goods and data: set up an authenticator app first."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _exempt(request) -> bool:
        if request.path_info.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return True
        try:
            return resolve(request.path_info).url_name in ALLOWED_URL_NAMES
        except Resolver404:
            return True

    @staticmethod
    def _has_totp(user) -> bool:
        return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
