"""A buyer opening a dispute attaches the photos that show what went wrong."""

import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from media.models import Photo
from media.pipeline import PhotoRejected, inspect_photo, process_photo
from orders.models import Order
from tests.accounts.factories import sign_in
from tests.media.images import make_image
from tests.media.storage import stored_files
from tests.orders.factories import OrderFactory

pytestmark = pytest.mark.django_db


def photo(seed: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"evidence-{seed}.jpg", make_image(seed=seed), content_type="image/jpeg")


def open_dispute(client, order, photos):
    sign_in(client, order.buyer)
    data = {"reason": "not_as_described", "description": "屏幕有裂痕，卖家没说", "photos": photos}
    return client.post(reverse("orders:dispute", args=[order.pk]), data)


def test_the_dispute_keeps_every_photo_the_buyer_attached(client):
    order = OrderFactory(handed_over=True)
    response = open_dispute(client, order, [photo(1), photo(2), photo(3)])
    assert response.status_code == 302, response.content.decode()[:2000]
    order.refresh_from_db()
    assert order.status == Order.Status.DISPUTED
    assert order.dispute.evidence.count() == 3
    page = client.get(reverse("orders:detail", args=[order.pk])).content.decode()
    assert page.count("Evidence photo") + page.count("证据照片") == 3


def test_a_single_photo_is_accepted_too(client):
    order = OrderFactory(handed_over=True)
    assert open_dispute(client, order, photo(4)).status_code == 302
    assert Order.objects.get(pk=order.pk).dispute.evidence.count() == 1


def test_a_dispute_without_photos_is_still_accepted(client):
    order = OrderFactory(handed_over=True)
    assert open_dispute(client, order, []).status_code == 302
    assert Order.objects.get(pk=order.pk).dispute.evidence.count() == 0


def test_too_many_photos_are_refused_with_a_message_and_nothing_is_opened(client):
    order = OrderFactory(handed_over=True)
    response = open_dispute(client, order, [photo(n) for n in range(7)])
    assert response.status_code == 200
    assert response.context["form"].errors["photos"]
    assert Order.objects.get(pk=order.pk).status == Order.Status.HANDED_OVER


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_opened(client):
    order = OrderFactory(handed_over=True)
    fake = SimpleUploadedFile("evidence.jpg", b"PK\x03\x04 not a photo", content_type="image/jpeg")
    response = open_dispute(client, order, [photo(5), fake])
    assert response.status_code == 200
    assert response.context["form"].errors["photos"]  # the refusal is shown beside the photos
    assert Order.objects.get(pk=order.pk).status == Order.Status.HANDED_OVER
    assert not hasattr(Order.objects.get(pk=order.pk), "dispute")


def test_one_refused_photo_among_several_leaves_no_file_and_keeps_what_was_typed(client):
    order = OrderFactory(handed_over=True)
    before = stored_files()
    fake = SimpleUploadedFile("receipt.jpg", b"PK\x03\x04 not a photo", content_type="image/jpeg")
    response = open_dispute(client, order, [photo(6), photo(7), fake])
    assert response.status_code == 200
    assert stored_files() == before
    assert not Photo.objects.exists()
    page = response.content.decode()
    error = " ".join(response.context["form"].errors["photos"])
    assert "第 3 张照片（共 3 张）未被接受" in error and "无法识别" in error
    assert "第 3 张照片" in page
    assert "屏幕有裂痕，卖家没说" in page
    assert re.search(r'value="not_as_described"[^>]*checked', page)
    assert Order.objects.get(pk=order.pk).status == Order.Status.HANDED_OVER


def test_a_photo_that_fails_only_when_rendered_takes_the_others_files_with_it(
    client, django_capture_on_commit_callbacks
):
    order = OrderFactory(handed_over=True)
    before = stored_files()
    # A WebP is only checked when it is decoded: headers intact and the picture zeroed, this one
    # passes inspection and fails when rendered, after the first photo was stored.
    whole = make_image(seed=8, fmt="WEBP")
    broken = whole[:40] + bytes(len(whole) - 40)
    limits = {"max_bytes": settings.PHOTO_MAX_BYTES, "max_pixels": settings.PHOTO_MAX_PIXELS}
    inspect_photo(broken, **limits)
    with pytest.raises(PhotoRejected):
        process_photo(broken, **limits)
    with django_capture_on_commit_callbacks(execute=True):
        response = open_dispute(
            client,
            order,
            [photo(8), SimpleUploadedFile("half.webp", broken, content_type="image/webp")],
        )
    assert response.status_code == 200
    assert "第 2 张照片" in " ".join(response.context["form"].errors["photos"])
    assert stored_files() == before
    assert not Photo.objects.exists()


def test_the_dispute_form_offers_several_photos_from_the_camera_or_gallery(client):
    order = OrderFactory(handed_over=True)
    sign_in(client, order.buyer)
    page = client.get(reverse("orders:dispute", args=[order.pk])).content.decode()
    picker = re.search(r'<input[^>]*name="photos"[^>]*>', page).group(0)
    assert 'accept="image/*"' in picker and "multiple" in picker
    assert 'enctype="multipart/form-data"' in page
