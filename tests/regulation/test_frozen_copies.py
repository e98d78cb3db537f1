"""A seller who deletes a photo after being flagged does not delete the evidence: the flag keeps its
own copy, readable by the regulator and by nobody else."""

import pytest
from django.urls import reverse

from listings.services.photos import remove_photo
from regulation.models import Flag
from regulation.services.flags import raise_flag
from tests.accounts.factories import UserFactory, sign_in
from tests.listings.factories import ListingFactory, add_photos
from tests.media.images import make_image

pytestmark = pytest.mark.django_db


def test_a_photo_deleted_after_the_flag_is_still_shown_to_the_regulator(client, regulator):
    listing = ListingFactory(published=True)
    photos = [item.photo for item in add_photos(listing, 2)]
    flag = raise_flag(
        listing,
        source=Flag.Source.REGULATOR,
        flag_type=Flag.Type.FRAUD,
        severity=Flag.Severity.HIGH,
        reason="疑似诈骗",
    )
    remove_photo(listing, actor=listing.seller, photo_id=photos[1].pk)

    sign_in(client, regulator)
    response = client.get(reverse("regulation:frozen_photo", args=[flag.pk, 1]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
    page = client.get(
        reverse("regulation:flag", args=[flag.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    assert "此照片已不再保存" not in page

    # The copies are not public: the seller, and anyone else, are refused.
    sign_in(client, listing.seller)
    assert client.get(reverse("regulation:frozen_photo", args=[flag.pk, 1])).status_code in (403, 404)
    sign_in(client, UserFactory())
    assert client.get(reverse("regulation:frozen_photo", args=[flag.pk, 1])).status_code in (403, 404)


@pytest.fixture
def tasks_held(settings):
    """Tasks wait until `run_tasks()`: the photo is still rendering when the flag is raised."""
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()

    def run_tasks():
        for result in list(default_task_backend.results):
            result.task.call(*result.args, **result.kwargs)

    return run_tasks


def flag_with_a_photo_rendering(listing, seed: int) -> Flag:
    from listings import services

    services.add_photo(listing, actor=listing.seller, data=make_image(seed=seed))
    return raise_flag(
        listing,
        source=Flag.Source.RULE,
        flag_type=Flag.Type.PROHIBITED,
        severity=Flag.Severity.HIGH,
        reason="规则",
    )


def test_a_photo_still_rendering_when_flagged_is_shown_once_it_is_ready(client, regulator, tasks_held):
    """Risk rules may flag a listing the moment it is submitted, before its photos are rendered."""
    flag = flag_with_a_photo_rendering(ListingFactory(published=True), seed=5)
    tasks_held()

    sign_in(client, regulator)
    response = client.get(reverse("regulation:frozen_photo", args=[flag.pk, 0]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"


def test_a_photo_rendered_after_the_flag_is_frozen_then_and_outlives_its_deletion(
    client, regulator, tasks_held
):
    """Flagged before its photo was rendered, the seller deletes the photo once it shows: the flag got its
    copy and hash when the photo became ready, and the log says so."""
    import json

    from regulation.models import AuditEntry

    listing = ListingFactory(published=True)
    add_photos(listing, 1)
    flag = flag_with_a_photo_rendering(listing, seed=7)
    first = flag.evidence["listing"]["photo_hashes"][0]
    assert first and flag.evidence["listing"]["photo_hashes"][1] == ""  # not rendered yet: no hash
    tasks_held()
    photo = listing.listing_photos.order_by("position").last().photo
    remove_photo(listing, actor=listing.seller, photo_id=photo.pk)

    flag.refresh_from_db()
    assert flag.evidence["listing"]["photo_hashes"] == [first, photo.phash]
    sign_in(client, regulator)
    response = client.get(reverse("regulation:frozen_photo", args=[flag.pk, 1]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    page = client.get(reverse("regulation:flag", args=[flag.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "此照片已不再保存" not in page.content.decode()
    completed = [
        json.loads(entry.canonical)["data"]
        for entry in AuditEntry.objects.all()
        if json.loads(entry.canonical)["type"] == "flag.evidence_completed"
    ]
    assert completed == [
        {"flag": flag.pk, "listing": listing.pk, "photo_positions": [1], "photo_hash": photo.phash}
    ]
