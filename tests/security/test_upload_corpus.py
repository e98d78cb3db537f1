"""Hostile uploads against every photo upload on the site: each is refused with a translated message,
early, and nothing of it is stored (issue 17, hostile input).

The corpus (tests/media/corpus.py) is sent to the listing gallery, a buyer's dispute and an appraiser's
inspection record; a 200 MB body is streamed to each without ever being held in memory.
"""

import html
import tracemalloc
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, ClientHandler
from django.urls import reverse
from django.utils import translation

from appraisal.models import InspectionResult
from listings.models import ListingPhoto
from media.inspection import PhotoRejected, inspect_photo
from media.models import Photo, PhotoUpload
from media.uploads import file_too_large_message
from orders.models import Dispute, Order
from tests.accounts.factories import sign_in
from tests.appraisal.factories import AppraisalCaseFactory
from tests.listings.factories import ListingFactory
from tests.media.corpus import CORPUS
from tests.media.storage import stored_files
from tests.orders.factories import OrderFactory

pytestmark = pytest.mark.django_db
BIG_BODY = 200 * 2**20


def expected_message(data: bytes, path: str) -> str:
    with translation.override("zh-hans"):
        if not data:  # the forms refuse an empty file before the pipeline sees it
            if path == "appraisal":
                return translation.gettext("Check the values entered.")
            return translation.gettext("The submitted file is empty.")
        try:
            inspect_photo(data, max_bytes=15 * 2**20, max_pixels=50_000_000)
        except PhotoRejected as exc:
            return str(exc.message)
    raise AssertionError("the corpus file was accepted")


class ListingGallery:
    def __init__(self, client, seller):
        self.listing = ListingFactory(seller=seller)
        sign_in(client, seller)
        self.url = reverse("listings:photos", args=[self.listing.pk])
        self.field, self.fields = "photo", {}
        self.page = self.url

    def nothing_happened(self):
        return not ListingPhoto.objects.filter(listing=self.listing).exists()


class BuyerDispute:
    def __init__(self, client, seller):
        self.order = OrderFactory(handed_over=True)
        sign_in(client, self.order.buyer)
        self.url = reverse("orders:dispute", args=[self.order.pk])
        self.field, self.fields = "photos", {"reason": "not_as_described", "description": "屏幕有裂痕"}
        self.page = self.url

    def nothing_happened(self):
        self.order.refresh_from_db()
        return self.order.status == Order.Status.HANDED_OVER and not Dispute.objects.exists()


class AppraisalEvidence:
    def __init__(self, client, seller):
        self.case = AppraisalCaseFactory(assigned=True, appraiser__totp=True)
        sign_in(client, self.case.appraiser.user)
        item = self.case.template.items.first().code
        self.url = reverse("appraisal:record", args=[self.case.pk, item])
        self.field, self.fields = "photo", {"passed": "1"}
        self.page = reverse("appraisal:case", args=[self.case.pk])

    def nothing_happened(self):
        return not InspectionResult.objects.filter(case=self.case).exists()


PATHS = {"listing": ListingGallery, "dispute": BuyerDispute, "appraisal": AppraisalEvidence}


def nothing_stored(before: set[str]) -> bool:
    return stored_files() == before and not Photo.objects.exists() and not PhotoUpload.objects.exists()


@pytest.mark.parametrize("path", sorted(PATHS))
@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_hostile_file_is_refused_with_a_translated_message(client, seller, path, name):
    target = PATHS[path](client, seller)
    file_name, content_type, make = CORPUS[name]
    data = make()
    before = stored_files()
    upload = SimpleUploadedFile(file_name, data, content_type=content_type)
    response = client.post(
        target.url,
        {**target.fields, target.field: upload},
        HTTP_REFERER=f"http://testserver{target.page}",
        follow=True,
    )
    assert response.status_code == 200  # back on the form, never a server error
    assert html.escape(expected_message(data, path)) in response.content.decode()
    assert target.nothing_happened()
    assert nothing_stored(before)


class StreamedBody:
    """A multipart body made while it is read: a form field, then one file part of `size` bytes."""

    def __init__(self, fields: dict, field: str, size: int):
        head = b"".join(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
            for key, value in fields.items()
        )
        head += (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; filename="huge.jpg"\r\n'
            "Content-Type: image/jpeg\r\n\r\n"
        ).encode() + b"\xff\xd8\xff\xe0"
        self.parts = [head, size - 4, f"\r\n--{BOUNDARY}--\r\n".encode()]
        self.length = len(head) + size - 4 + len(self.parts[2])
        self.read_so_far = 0

    def read(self, size=-1):
        size = 64 * 1024 if size is None or size < 0 else size
        chunk = b""
        while self.parts and len(chunk) < size:
            part = self.parts[0]
            want = size - len(chunk)
            if isinstance(part, int):
                take = min(part, want)
                chunk += b"\x5a" * take
                self.parts[0] = part - take
                if not self.parts[0]:
                    self.parts.pop(0)
            else:
                chunk += part[:want]
                self.parts[0] = part[want:]
                if not self.parts[0]:
                    self.parts.pop(0)
        self.read_so_far += len(chunk)
        return chunk

    def readline(self, size=-1):
        return self.read(size)


@pytest.mark.parametrize("path", sorted(PATHS))
def test_a_200_mb_body_is_refused_by_the_streaming_limit_without_being_held(client, seller, path):
    target = PATHS[path](client, seller)
    before = stored_files()
    client.get(target.page)  # as a browser would: the form page sets the CSRF cookie, enforced here
    token = {"csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    body = StreamedBody(token | target.fields, target.field, BIG_BODY)
    environ = client._base_environ(
        REQUEST_METHOD="POST",
        PATH_INFO=target.url,
        CONTENT_TYPE=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(body.length),
        HTTP_REFERER=f"http://testserver{target.page}",
        **{"wsgi.input": body},
    )
    tracemalloc.start()
    try:
        response = ClientHandler(enforce_csrf_checks=True)(environ)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Read through to the end (the connection stays usable) yet never held: a few chunks at most.
    assert body.read_so_far == body.length
    assert peak < 8 * 2**20
    assert response.status_code in (302, 413)
    client.cookies.update(response.cookies)  # the notice travels in the message cookie
    page = client.get(urlsplit(response["Location"]).path) if response.status_code == 302 else response
    with translation.override("zh-hans"):
        assert html.escape(str(file_too_large_message(15 * 2**20))) in page.content.decode()
    assert target.nothing_happened()
    assert nothing_stored(before)
