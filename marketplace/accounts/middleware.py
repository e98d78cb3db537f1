"""Staff roles use the site only in a session that passed the second factor, with a verified email.

Having an authenticator is not enough: the session itself must have passed it (allauth records each
authentication step in the session). A session that reached a staff account any other way (an old
password-only session, a login path that skipped the code) is signed out and sent to allauth's login,
which asks for the code. An account without an authenticator yet may only set one up.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from .permissions import requires_multi_factor, requires_verified_email
from .second_factor import has_authenticator, has_verified_email, session_passed_second_factor

# Pages a staff member without a second factor may still open: setting one up, and leaving.
SETUP_URL_NAMES = {
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
# Pages any session may open without being signed out first.
ALWAYS_ALLOWED_URL_NAMES = {"account_logout", "set_language", "healthz"}


class RequireMultiFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if not requires_verified_email(user) or self._is_file(request):
            return self.get_response(request)
        url_name = self._url_name(request)
        if url_name in ALWAYS_ALLOWED_URL_NAMES:
            return self.get_response(request)
        if not has_verified_email(user):
            return self._sign_out(request, _("Confirm your email address first, then sign in again."))
        if not requires_multi_factor(user):
            return self.get_response(request)
        if not has_authenticator(user):
            if url_name in SETUP_URL_NAMES:
                return self.get_response(request)
            messages.warning(
                request,
                _("Your role handles other people's goods and data: set up an authenticator app first."),
            )
            return redirect("mfa_activate_totp")
        if not session_passed_second_factor(request, user):
            return self._sign_out(request, _("Sign in again with the code from your authenticator app."))
        return self.get_response(request)

    @staticmethod
    def _is_file(request) -> bool:
        return request.path_info.startswith((settings.STATIC_URL, settings.MEDIA_URL))

    @staticmethod
    def _url_name(request) -> str | None:
        try:
            return resolve(request.path_info).url_name
        except Resolver404:
            return None

    @staticmethod
    def _sign_out(request, message: str):
        logout(request)
        messages.warning(request, message)
        next_url = request.get_full_path() if request.method == "GET" else "/"
        return redirect_to_login(next_url, settings.LOGIN_URL)
