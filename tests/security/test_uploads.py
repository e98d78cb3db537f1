"""Uploads are counted while they stream; a file over the limit is never held whole (issue 12, item 8)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, SkipFile, TemporaryFileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.test.client import BOUNDARY, MULTIPART_CONTENT, RequestFactory, encode_multipart
from django.urls import reverse

from media.uploads import REFUSED_ATTRIBUTE, SizeLimitedUploadHandler
from tests.accounts.factories import sign_in
from tests.appraisal.factories import AppraisalCaseFactory
from tests.listings.factories import ListingFactory
from tests.orders.factories import OrderFactory

LIMIT = 2**20  # 1 MiB for these tests
REFUSED_ZH = "文件超过 1 MB 的上限"


class Recording(MemoryFileUploadHandler):
    """The memory handler behind ours, noting every byte it is given."""

    received = 0

    def handle_raw_input(self, *args, **kwargs):
        self.activated = True  # keep everything in memory, however large: it must never get it

    def receive_data_chunk(self, raw_data, start):
        type(self).received = max(type(self).received, start + len(raw_data))
        return super().receive_data_chunk(raw_data, start)


def test_the_handler_stops_at_the_chunk_that_crosses_the_limit():
    handler = SizeLimitedUploadHandler(RequestFactory().post("/"), max_bytes=1000, max_total=10_000)
    handler.new_file("photo", "big.jpg", "image/jpeg", None)
    passed_on = 0
    with pytest.raises(SkipFile):
        for start in range(0, 10_000, 300):  # a fake stream of 300-byte chunks
            passed_on += len(handler.receive_data_chunk(b"x" * 300, start))
    assert passed_on == 900  # three chunks; the fourth would have made 1,200
    assert str(getattr(handler.request, REFUSED_ATTRIBUTE))


def test_a_part_that_declares_a_larger_length_is_refused_before_it_is_read():
    handler = SizeLimitedUploadHandler(RequestFactory().post("/"), max_bytes=1000, max_total=10_000)
    with pytest.raises(SkipFile):
        handler.new_file("photo", "big.jpg", "image/jpeg", 5000)


def test_the_handlers_behind_never_receive_more_than_the_limit(settings):
    settings.UPLOAD_MAX_BYTES = LIMIT
    Recording.received = 0
    body = encode_multipart(
        BOUNDARY,
        {"note": "证据", "photo": SimpleUploadedFile("huge.jpg", b"\xff" * (8 * LIMIT), "image/jpeg")},
    )
    request = RequestFactory().post("/")
    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(len(body))}
    handlers = [SizeLimitedUploadHandler(request), Recording(request)]
    post, files = MultiPartParser(meta, io.BytesIO(body), handlers).parse()
    assert "photo" not in files
    assert post["note"] == "证据"  # the rest of the form still arrives
    assert 0 < Recording.received <= LIMIT
    assert getattr(request, REFUSED_ATTRIBUTE)


def test_a_request_whose_files_add_up_past_the_total_is_stopped(settings):
    settings.UPLOAD_MAX_BYTES, settings.UPLOAD_MAX_REQUEST_BYTES = LIMIT, 2 * LIMIT
    photos = [SimpleUploadedFile(f"{n}.jpg", b"\xff" * (LIMIT - 1000), "image/jpeg") for n in range(4)]
    body = encode_multipart(BOUNDARY, {"photos": photos})
    request = RequestFactory().post("/")
    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(len(body))}
    handlers = [SizeLimitedUploadHandler(request), TemporaryFileUploadHandler(request)]
    _post, files = MultiPartParser(meta, io.BytesIO(body), handlers).parse()
    assert len(files.getlist("photos")) < 3
    assert "2 MB" in str(getattr(request, REFUSED_ATTRIBUTE))


def too_big(name="huge.jpg"):
    return SimpleUploadedFile(name, b"\xff\xd8\xff" + b"\0" * (3 * LIMIT), content_type="image/jpeg")


@pytest.fixture
def small_limit(settings):
    settings.UPLOAD_MAX_BYTES = LIMIT


@pytest.mark.django_db
def test_an_oversized_listing_photo_is_refused_with_a_message(client, seller, small_limit):
    listing = ListingFactory(seller=seller)
    url = reverse("listings:photos", args=[listing.pk])
    sign_in(client, seller)
    response = client.post(url, {"photo": too_big()}, HTTP_REFERER=f"http://testserver{url}", follow=True)
    assert REFUSED_ZH in response.content.decode()
    assert listing.listing_photos.count() == 0


@pytest.mark.django_db
def test_oversized_dispute_photos_are_refused_with_a_message(client, small_limit):
    order = OrderFactory(handed_over=True)
    sign_in(client, order.buyer)
    response = client.post(
        reverse("orders:dispute", args=[order.pk]),
        {"reason": "not_as_described", "description": "屏幕有裂痕", "photos": [too_big()]},
    )
    assert response.status_code == 413
    assert REFUSED_ZH in response.content.decode()
    order.refresh_from_db()
    assert order.status == order.Status.HANDED_OVER


@pytest.mark.django_db
def test_oversized_appraisal_evidence_is_refused_with_a_message(client, small_limit):
    case = AppraisalCaseFactory(assigned=True, appraiser__totp=True)
    sign_in(client, case.appraiser.user)
    case_url = reverse("appraisal:case", args=[case.pk])
    item = case.template.items.first().code
    response = client.post(
        reverse("appraisal:record", args=[case.pk, item]),
        {"passed": "1", "photo": too_big()},
        HTTP_REFERER=f"http://testserver{case_url}",
    )
    assert response.status_code == 302 and response.url.endswith(case_url)
    page = client.get(case_url).content.decode()
    assert REFUSED_ZH in page
    assert not case.results.exists()


@pytest.mark.django_db
def test_api_clients_get_413_json(client, seller, small_limit):
    listing = ListingFactory(seller=seller)
    sign_in(client, seller)
    response = client.post(
        reverse("listings:photos", args=[listing.pk]), {"photo": too_big()}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 413
    assert response.json()["code"] == "upload_too_large"
