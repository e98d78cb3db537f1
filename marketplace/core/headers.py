"""Response headers that limit what a page may do: the Content-Security-Policy and Permissions-Policy."""

from __future__ import annotations

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy from settings; a response that may be framed by this site's own pages
    (Wagtail's live preview says so with X-Frame-Options: SAMEORIGIN) gets frame-ancestors 'self'
    instead of 'none', so the preview panel keeps working while no other site can frame anything."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


def permissions_policy(features: dict[str, list[str]]) -> str:
    """`{"camera": ["self"], "microphone": []}` → `camera=(self), microphone=()`."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in features.items())


class PermissionsPolicyMiddleware:
    """Adds `settings.PERMISSIONS_POLICY` to every response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
