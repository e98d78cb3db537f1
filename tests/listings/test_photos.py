"""Gallery photos are accepted at once and prepared in the background; the listing waits on a placeholder."""

import re
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks import default_task_backend

from listings import services
from listings.models import Listing, ListingPhoto, RiskHit
from listings.services.photos import render_listing_photo
from media import services as media_services
from media.models import Photo, PhotoUpload
from media.models.photos import PLACEHOLDER
from media.pipeline import RENDITIONS, PhotoRejected
from tests.accounts.factories import sign_in
from tests.listings.factories import ListingFactory, add_photos
from tests.media.images import make_image, photo_with_qr
from tests.media.storage import stored_files

pytestmark = pytest.mark.django_db
S = Listing.Status


def rendition_paths(photo):
    return {Photo.path_for(photo.key, size, fmt) for size, fmt in RENDITIONS}


@pytest.fixture
def queued(settings):
    """A task backend that keeps tasks instead of running them, like a worker that has not got to them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend


def run_queued(backend):
    for result in list(backend.results):
        result.task.call(*result.args, **result.kwargs)
    backend.clear()


def jpeg(name="photo.jpg", **options):
    return SimpleUploadedFile(name, make_image(**options), content_type="image/jpeg")


def test_the_upload_returns_before_the_photo_is_prepared_and_the_owner_sees_it(client, seller, queued):
    listing = ListingFactory(seller=seller)
    sign_in(client, seller)
    url = reverse("listings:photos", args=[listing.pk])
    response = client.post(url, {"photo": jpeg(gps=True)}, follow=True)
    photo = listing.listing_photos.get().photo
    assert photo.status == Photo.Status.PROCESSING
    assert len(queued.results) == 1  # the work waits for a worker
    page = response.content.decode()
    assert "处理中" in page or "Processing" in page
    assert PLACEHOLDER in page
    assert stored_files() & set(photo.all_paths()) == set()


def test_the_public_listing_shows_a_placeholder_until_the_renditions_exist(client, seller, queued):
    listing = ListingFactory(seller=seller, published=True)
    services.add_photo(listing, actor=seller, data=make_image(seed=21))
    photo = listing.listing_photos.get().photo
    detail = client.get(reverse("listings:detail", args=[listing.pk])).content.decode()
    assert PLACEHOLDER in detail and photo.medium_jpeg in detail
    assert str(photo.key) not in detail

    run_queued(queued)
    photo.refresh_from_db()
    assert photo.status == Photo.Status.READY and photo.phash
    assert not PhotoUpload.objects.filter(photo=photo).exists()  # the original (with its GPS) is gone
    assert rendition_paths(photo) <= stored_files()
    detail = client.get(reverse("listings:detail", args=[listing.pk])).content.decode()
    assert photo.medium_jpeg in detail and PLACEHOLDER not in detail


def test_a_qr_code_in_a_photo_added_to_a_public_listing_holds_it_once_prepared(seller, queued):
    listing = ListingFactory(seller=seller)
    add_photos(listing)
    listing = services.submit_listing(listing, actor=seller)
    assert listing.status == S.PUBLISHED
    services.add_photo(listing, actor=seller, data=photo_with_qr("wxp://f2f0-pay-me-directly"))
    run_queued(queued)
    listing.refresh_from_db()
    assert listing.status == S.PENDING_REVIEW
    hit = RiskHit.objects.get(assessment__listing=listing, rule__code="qr-code-in-photo")
    assert hit.evidence["qr_payloads"] == ["wxp://f2f0-pay-me-directly"]


def test_several_photos_at_once_from_an_image_picker(client, seller, queued):
    listing = ListingFactory(seller=seller)
    sign_in(client, seller)
    url = reverse("listings:photos", args=[listing.pk])
    page = client.get(url).content.decode()
    picker = re.search(r'<input[^>]*type="file"[^>]*>', page).group(0)
    assert 'accept="image/*"' in picker and "multiple" in picker
    client.post(url, {"photo": [jpeg("a.jpg", seed=1), jpeg("b.jpg", seed=2), jpeg("c.jpg", seed=3)]})
    run_queued(queued)
    photos = [item.photo for item in listing.listing_photos.order_by("position")]
    assert len(photos) == 3 and all(photo.is_ready for photo in photos)
    assert len({photo.phash for photo in photos}) == 3


def test_one_bad_file_among_several_is_named_and_the_others_are_kept(client, seller, queued):
    listing = ListingFactory(seller=seller)
    sign_in(client, seller)
    bad = SimpleUploadedFile("invoice.jpg", b"%PDF-1.7 not a photo", content_type="image/jpeg")
    response = client.post(reverse("listings:photos", args=[listing.pk]), {"photo": [jpeg("good.jpg"), bad]})
    page = response.content.decode()
    assert response.status_code == 200
    assert "invoice.jpg" in page and "无法识别该文件" in page
    assert listing.listing_photos.count() == 1


def test_a_photo_that_cannot_be_decoded_is_reported_to_its_owner(client, seller, queued):
    listing = ListingFactory(seller=seller)
    services.add_photo(listing, actor=seller, data=make_image(seed=30))
    damaged = PhotoRejected("unreadable", "damaged")
    with mock.patch("media.services.render_photo", side_effect=damaged):
        run_queued(queued)
    photo = listing.listing_photos.get().photo
    assert photo.status == Photo.Status.FAILED
    assert not PhotoUpload.objects.filter(photo=photo).exists()
    sign_in(client, seller)
    page = client.get(reverse("listings:photos", args=[listing.pk])).content.decode()
    assert 'data-photo-status="failed"' in page and "照片已损坏" in page


def test_an_unexpected_failure_is_reported_and_not_swallowed(seller, queued):
    listing = ListingFactory(seller=seller)
    services.add_photo(listing, actor=seller, data=make_image(seed=31))
    photo_id = listing.listing_photos.get().photo_id
    failing = mock.patch("media.services.render_photo", side_effect=RuntimeError("disk full"))
    with failing, pytest.raises(RuntimeError):
        render_listing_photo.call(photo_id)
    photo = Photo.objects.get(pk=photo_id)
    assert photo.status == Photo.Status.FAILED
    assert "upload it again" in str(photo.failure_message) or "重新上传" in str(photo.failure_message)


def test_a_photo_deleted_while_it_was_prepared_leaves_no_files(
    seller, queued, django_capture_on_commit_callbacks
):
    listing = ListingFactory(seller=seller)
    services.add_photo(listing, actor=seller, data=make_image(seed=32))
    photo = listing.listing_photos.get().photo
    paths = set(photo.all_paths())
    real_render = media_services.render_photo

    def render_then_seller_deletes(*args, **kwargs):
        result = real_render(*args, **kwargs)
        services.remove_photo(listing, actor=seller, photo_id=photo.pk)
        return result

    racing = mock.patch("media.services.render_photo", side_effect=render_then_seller_deletes)
    with racing, django_capture_on_commit_callbacks(execute=True):
        assert render_listing_photo.call(photo.pk) == "deleted meanwhile"
    assert not ListingPhoto.objects.filter(photo_id=photo.pk).exists()
    assert stored_files() & paths == set()


def test_a_task_run_twice_does_its_work_once(seller, queued):
    listing = ListingFactory(seller=seller)
    services.add_photo(listing, actor=seller, data=make_image(seed=33))
    photo_id = listing.listing_photos.get().photo_id
    assert render_listing_photo.call(photo_id) == "ready"
    assert render_listing_photo.call(photo_id) == "nothing to do"
    photo = Photo.objects.get(pk=photo_id)
    assert photo.is_ready and rendition_paths(photo) <= stored_files()
