"""A buyer opening a dispute attaches the photos that show what went wrong."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from orders.models import Order
from tests.accounts.factories import sign_in
from tests.media.images import make_image
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
    assert response.context["form"].non_field_errors()
    assert Order.objects.get(pk=order.pk).status == Order.Status.HANDED_OVER
    assert not hasattr(Order.objects.get(pk=order.pk), "dispute")
