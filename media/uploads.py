"""Uploads counted while they stream in, so an oversized file is never held whole.

`SizeLimitedUploadHandler` comes first in FILE_UPLOAD_HANDLERS. It passes each chunk on to Django's
memory and temporary-file handlers and counts it; the chunk that would take a file past
`UPLOAD_MAX_BYTES` (or the whole request past `UPLOAD_MAX_REQUEST_BYTES`) is not passed on: the file is
dropped (`SkipFile`) or the upload stopped (`StopUpload`), the rest of the body is read and discarded,
and the request is marked. The handlers behind it therefore never receive more than the limit.

`RefusedUploadMiddleware` answers a marked request before any view runs: back to the form with the
translated message (or that message on its own page; 413 JSON for API clients). So every upload
form on the site (listing photos, dispute photos, appraisal evidence, the admin) refuses the same way.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload
from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

REFUSED_ATTRIBUTE = "refused_upload"


def _megabytes(size: int) -> int:
    return max(1, round(size / 2**20))


def file_too_large_message(limit: int):
    return _(
        "A file is larger than %(limit)s MB, the most we accept. Nothing was saved: choose a smaller photo."
    ) % {"limit": _megabytes(limit)}


def request_too_large_message(limit: int):
    return _(
        "These files together are larger than %(limit)s MB, the most we accept at once. Nothing was saved."
    ) % {"limit": _megabytes(limit)}


class SizeLimitedUploadHandler(FileUploadHandler):
    """Counts the bytes of each file and of the whole upload; stops at the limits, holding nothing."""

    def __init__(
        self,
        request: HttpRequest | None = None,
        *,
        max_bytes: int | None = None,
        max_total: int | None = None,
    ):
        super().__init__(request)
        self.max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
        self.max_total = max_total or settings.UPLOAD_MAX_REQUEST_BYTES
        self.total = 0

    def new_file(
        self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None
    ):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        # A part that declares its own length is judged before a byte of it is read.
        if content_length is not None and content_length > self.max_bytes:
            self._refuse(file_too_large_message(self.max_bytes))
            raise SkipFile

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.max_bytes:
            self._refuse(file_too_large_message(self.max_bytes))
            raise SkipFile
        self.total += len(raw_data)
        if self.total > self.max_total:
            self._refuse(request_too_large_message(self.max_total))
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int):
        return None  # the next handler (memory or temporary file) builds the uploaded file

    def _refuse(self, message) -> None:
        if self.request is not None and getattr(self.request, REFUSED_ATTRIBUTE, None) is None:
            setattr(self.request, REFUSED_ATTRIBUTE, message)


class RefusedUploadMiddleware:
    """Answers a request whose upload the handler refused, before the view sees a partial form."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.method != "POST" or not request.content_type.startswith("multipart/"):
            return None
        if getattr(view_func, "csrf_exempt", False):
            return None  # webhooks and APIs read the raw body themselves; parsing it here would consume it
        request.FILES  # noqa: B018 - parse now (the CSRF check usually has already); the handler marks
        message = getattr(request, REFUSED_ATTRIBUTE, None)
        if message is None:
            return None
        if request.accepts("application/json") and not request.accepts("text/html"):
            return JsonResponse({"error": str(message), "code": "upload_too_large"}, status=413)
        back = request.META.get("HTTP_REFERER", "")
        if url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            messages.error(request, message)
            return redirect(back)
        return render(request, "core/refused.html", {"message": message}, status=413)
