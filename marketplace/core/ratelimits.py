"""Rate limits: one decorator for views, and one translated 429 answer for every limit.

Usage on a function view (the limit counts in the shared cache, so it holds across web workers):

    from marketplace.core.ratelimits import limit

    @limit(rate="30/m")  # 30 POSTs a minute per user (per client address when anonymous)
    def send(request, pk): ...

    @limit(rate="120/m", key="ip", methods=("GET",))  # reads, per client address
    def entries(request): ...

    @limit(rate="10/h", key=lambda group, request: request.POST.get("email", ""), group="ip-notice")
    def notice(request): ...

A request over the limit gets `too_many_requests`: a 429 with "Too many attempts …" in the user's
language (JSON `{"error", "code": "rate_limited"}` for API clients), and a `Retry-After` header. allauth's
own limits (login, sign-up, password reset) answer with the same page through `handler429` in the
URLconf, and `RateLimitedMiddleware` does the same for a `django_ratelimit.Ratelimited` raised elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited
from django_ratelimit.exceptions import Ratelimited

RETRY_AFTER_SECONDS = 60
MESSAGE = _("Too many attempts. Please wait a minute and try again.")

KeyFunction = Callable[[str, HttpRequest], str]
RateFunction = Callable[[str, HttpRequest], str]


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The answer to any request over a rate limit: 429, the translated message, Retry-After."""
    response: HttpResponse
    if request.accepts("application/json") and not request.accepts("text/html"):
        response = JsonResponse({"error": str(MESSAGE), "code": "rate_limited"}, status=429)
    else:
        response = render(request, "core/refused.html", {"message": MESSAGE}, status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def limit(
    *,
    rate: str | RateFunction,
    key: str | KeyFunction = "user_or_ip",
    methods: Iterable[str] = ("POST",),
    group: str | None = None,
):
    """Refuse a view with `too_many_requests` once `rate` ("30/m", "5/10m", "100/h") is spent.

    `rate` may also be a callable `(group, request) -> str`, read on each request (e.g. from settings).
    `key` is a django-ratelimit key: "user_or_ip" (default), "user", "ip", "post:<field>",
    "header:<name>", or a callable `(group, request) -> str`. Only `methods` are counted (POST by default,
    so reading a page never uses up the budget for acting on it). Views sharing a `group` share one budget;
    without one each view has its own.
    """
    counted = [method.upper() for method in methods]

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if is_ratelimited(
                request, group=group, fn=view, key=key, rate=rate, method=counted, increment=True
            ):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class RateLimitedMiddleware:
    """Turns a `Ratelimited` raised by any view (django-ratelimit with block=True) into the 429 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, Ratelimited):
            return too_many_requests(request, exception)
        return None
