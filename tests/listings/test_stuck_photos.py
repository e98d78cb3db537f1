"""A photo whose rendering task was lost (the worker killed mid-way) does not stay a placeholder forever."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks import default_task_backend

from listings import services
from listings.services.photos import recover_stuck_photos
from marketplace.core.registry import periodic_tasks
from media.models import Photo
from tests.listings.factories import ListingFactory
from tests.media.images import make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def lost_tasks(settings):
    """Tasks are queued and never run, as when a worker dies with them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend


def processing_photo(seller, *, age: dt.timedelta) -> Photo:
    listing = ListingFactory(seller=seller)
    services.add_photo(listing, actor=seller, data=make_image(seed=71))
    photo = listing.listing_photos.get().photo
    Photo.objects.filter(pk=photo.pk).update(created_at=timezone.now() - age)
    return photo


def test_a_photo_whose_task_was_lost_is_rendered_by_the_sweep(lost_tasks):
    seller = ListingFactory().seller
    stuck = processing_photo(seller, age=dt.timedelta(hours=1))
    fresh = processing_photo(seller, age=dt.timedelta(minutes=1))
    lost_tasks.clear()  # the upload's own task is gone

    assert recover_stuck_photos() == {"retried": 1, "failed": 0}
    for result in list(lost_tasks.results):
        result.task.call(*result.args, **result.kwargs)
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.is_ready
    # A photo uploaded a minute ago may simply be waiting its turn: left alone.
    assert fresh.status == Photo.Status.PROCESSING


def test_after_hours_the_seller_is_told_to_upload_again(lost_tasks):
    seller = ListingFactory().seller
    photo = processing_photo(seller, age=dt.timedelta(days=1))
    assert recover_stuck_photos() == {"retried": 0, "failed": 1}
    photo.refresh_from_db()
    assert photo.status == Photo.Status.FAILED
    assert photo.failure == "error" and str(photo.failure_message)
    assert "listings.tasks.recover_stuck_photos" in periodic_tasks
