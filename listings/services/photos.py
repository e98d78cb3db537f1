"""A listing's gallery: photos go through the media pipeline; the first one is the cover."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from media.services import delete_photo, store_photo

from .. import lifecycle
from ..errors import ListingError
from ..models import EDITABLE, Listing, ListingPhoto
from .guards import require_seller

S = Listing.Status


def _lock_for_photos(listing: Listing) -> Listing:
    locked = Listing.objects.select_for_update().get(pk=listing.pk)
    ListingError.require(
        locked.status in EDITABLE,
        _("Photos cannot be changed on a %(status)s listing.") % {"status": locked.get_status_display()},
    )
    return locked


def add_photo(listing: Listing, *, actor, data: bytes) -> ListingPhoto:
    """Run an upload through the photo pipeline and append it to the gallery (at most 12)."""
    require_seller(listing, actor)
    with transaction.atomic():
        locked = _lock_for_photos(listing)
        count = locked.listing_photos.count()
        ListingError.require(
            count < settings.LISTING_MAX_PHOTOS,
            _("A listing has at most %(max)s photos.") % {"max": settings.LISTING_MAX_PHOTOS},
            code="too_many_photos",
        )
        photo = store_photo(actor, data)
        position = (locked.listing_photos.aggregate(top=Max("position"))["top"] or 0) + (1 if count else 0)
        item = ListingPhoto.objects.create(listing=locked, photo=photo, position=position)
        lifecycle.note_changed(locked.pk)
        return item


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
