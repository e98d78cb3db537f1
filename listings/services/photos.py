"""A listing's gallery: photos go through the media pipeline; the first one is the cover.

An upload is inspected while the seller waits and rendered by a task (`render_listing_photo`), so the
request returns at once; until the renditions exist the gallery and the listing show a placeholder.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from media.models import Photo
from media.services import accept_photo, delete_photo, keep_renditions, mark_failed, render_upload

from .. import lifecycle, signals
from ..errors import ListingError
from ..models import EDITABLE, Listing, ListingPhoto, RiskAssessment
from .guards import require_seller
from .submission import assess_and_route

S = Listing.Status


def _lock_for_photos(listing: Listing) -> Listing:
    locked = Listing.objects.select_for_update().get(pk=listing.pk)
    ListingError.require(
        locked.status in EDITABLE,
        _("Photos cannot be changed on a %(status)s listing.") % {"status": locked.get_status_display()},
    )
    return locked


def add_photo(listing: Listing, *, actor, data: bytes) -> ListingPhoto:
    """Inspect an upload, append it to the gallery (at most 12) and queue its renditions."""
    require_seller(listing, actor)
    with transaction.atomic():
        locked = _lock_for_photos(listing)
        count = locked.listing_photos.count()
        ListingError.require(
            count < settings.LISTING_MAX_PHOTOS,
            _("A listing has at most %(max)s photos.") % {"max": settings.LISTING_MAX_PHOTOS},
            code="too_many_photos",
        )
        photo = accept_photo(actor, data)
        position = (locked.listing_photos.aggregate(top=Max("position"))["top"] or 0) + (1 if count else 0)
        item = ListingPhoto.objects.create(listing=locked, photo=photo, position=position)
        lifecycle.note_changed(locked.pk)
        # Queued in this transaction: the task exists exactly when the photo does.
        render_listing_photo.enqueue(photo.pk)
        return item


@task()
def render_listing_photo(photo_id: int) -> str:
    """Make a gallery photo's renditions, then show it; a public listing is assessed again with it."""
    rendered = render_upload(photo_id)
    if rendered is None:
        return "nothing to do"
    with transaction.atomic():
        # The listing is locked before the photo, in the same order as removing a photo.
        item = ListingPhoto.objects.filter(photo_id=photo_id).only("listing_id").first()
        listing = Listing.objects.select_for_update().filter(pk=item.listing_id).first() if item else None
        photo = keep_renditions(rendered)
        if photo is None or listing is None:
            return "deleted meanwhile"
        lifecycle.note_changed(listing.pk)
        signals.listing_photo_ready.send(sender=Listing, listing=listing, photo=photo)
        if listing.status in (S.PUBLISHED, S.PENDING_REVIEW):
            # Submitted while this photo was processing: its QR codes and hash are checked now,
            # before anyone can see it.
            assess_and_route(listing, actor=None, trigger=RiskAssessment.Trigger.EDIT)
    return "ready"


def recover_stuck_photos(*, now=None, batch: int = 200) -> dict[str, int]:
    """Photos whose rendering was lost (a worker killed mid-task, a queue restored from a backup) are
    queued again; after PHOTO_RENDER_GIVE_UP_AFTER they are failed, so the seller sees it and uploads
    again instead of a placeholder forever. A duplicate task is harmless: rendering a finished photo
    does nothing."""
    now = now or timezone.now()
    stuck = Photo.objects.filter(
        status=Photo.Status.PROCESSING,
        listing_photo__isnull=False,
        created_at__lt=now - settings.PHOTO_RENDER_RETRY_AFTER,
    ).order_by("created_at")
    given_up = list(
        stuck.filter(created_at__lt=now - settings.PHOTO_RENDER_GIVE_UP_AFTER).values_list("pk", flat=True)[
            :batch
        ]
    )
    for photo_id in given_up:
        mark_failed(photo_id, "error")
    retried = list(stuck.exclude(pk__in=given_up).values_list("pk", flat=True)[:batch])
    for photo_id in retried:
        render_listing_photo.enqueue(photo_id)
    return {"retried": len(retried), "failed": len(given_up)}


def remove_photo(listing: Listing, *, actor, photo_id: int) -> None:
    """Take a photo out of the gallery and delete its files; a public listing keeps at least one."""
    require_seller(listing, actor)
    with transaction.atomic():
        locked = _lock_for_photos(listing)
        item = locked.listing_photos.select_related("photo").filter(photo_id=photo_id).first()
        ListingError.require(item is not None, _("That photo is not part of this listing."), code="no_photo")
        ListingError.require(
            locked.status == S.DRAFT or locked.listing_photos.count() > 1,
            _("A listing needs at least one photo."),
            code="last_photo",
        )
        photo = item.photo
        item.delete()
        delete_photo(photo)
        lifecycle.note_changed(locked.pk)


def reorder_photos(listing: Listing, *, actor, photo_ids: Iterable[int]) -> None:
    """Set the gallery order; the first photo becomes the cover."""
    require_seller(listing, actor)
    photo_ids = [int(pk) for pk in photo_ids]
    with transaction.atomic():
        items = {
            item.photo_id: item for item in ListingPhoto.objects.select_for_update().filter(listing=listing)
        }
        ListingError.require(
            sorted(photo_ids) == sorted(items),
            _("The new order must list every photo of the listing once."),
            code="bad_order",
        )
        for position, photo_id in enumerate(photo_ids):
            items[photo_id].position = position
        ListingPhoto.objects.bulk_update(items.values(), ["position"])
