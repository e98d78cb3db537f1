"""The photos frozen into a flag's evidence, served to those who review the flag and nobody else.

The snapshot keeps each photo's perceptual hash in gallery order. The files are the seller's photo
renditions in storage: the one with that hash, uploaded by that seller (preferring the flagged listing's
own), is the frozen photo. They are streamed through this permission check, never linked by their
public address, and are not cached by browsers or proxies.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import FileResponse, Http404
from django.views.decorators.cache import never_cache

from marketplace.accounts.decorators import role_required
from media.models import Photo

from ..models import Flag
from ..services.evidence_files import frozen_path
from .access import flag_for, may_review

SIZES = {"thumb", "medium", "large"}


@dataclass(frozen=True)
class FrozenPhoto:
    index: int
    phash: str
    photo: Photo | None  # the seller's photo with that hash, while it is stored
    copy: str | None = None  # the stem of the copies made when the flag was raised

    @property
    def available(self) -> bool:
        return self.copy is not None or self.photo is not None


def frozen_photos(flag: Flag) -> list[FrozenPhoto]:
    """The snapshot's photos in gallery order, each with the stored file it names (if any)."""
    snapshot = flag.evidence.get("listing") or {}
    hashes = snapshot.get("photo_hashes") or []
    ids = snapshot.get("photo_ids") or []
    candidates = Photo.objects.filter(
        Q(phash__in=[h for h in hashes if h]) | Q(pk__in=ids),
        owner_id=snapshot.get("seller_id"),
        status=Photo.Status.READY,
    ).select_related("listing_photo")

    def own_first(photo: Photo) -> tuple[bool, object, int]:
        listing_photo = getattr(photo, "listing_photo", None)
        return (getattr(listing_photo, "listing_id", None) != flag.listing_id, photo.created_at, photo.pk)

    by_hash: dict[str, Photo] = {}
    by_id = {photo.pk: photo for photo in candidates}
    for photo in sorted(candidates, key=own_first):
        by_hash.setdefault(photo.phash, photo)
    copies = snapshot.get("photo_files") or []
    frozen = []
    for index, phash in enumerate(hashes):
        # By hash when the flag knew it; otherwise (still rendering when flagged) the very photo, by id.
        photo = by_hash.get(phash) if phash else by_id.get(ids[index] if index < len(ids) else None)
        frozen.append(FrozenPhoto(index, phash, photo, copies[index] if index < len(copies) else None))
    return frozen


@role_required(may_review)
@never_cache
def frozen_photo(request, pk: int, index: int):
    """One frozen photo of a flag the reviewer may see (404 for any other flag or photo)."""
    flag = flag_for(request, pk)
    photos = frozen_photos(flag)
    if index >= len(photos) or not photos[index].available:
        raise Http404
    size = request.GET.get("size", "large")
    if size not in SIZES:
        size = "large"
    frozen = photos[index]
    # The copy made with the flag first; flags raised before copies were kept fall back to the photo.
    path = frozen_path(frozen.copy, size) if frozen.copy else None
    if path is None or not default_storage.exists(path):
        if frozen.photo is None:
            raise Http404
        path = Photo.path_for(frozen.photo.key, size, "jpeg")
    if not default_storage.exists(path):
        raise Http404
    response = FileResponse(default_storage.open(path, "rb"), content_type="image/jpeg")
    response["Content-Disposition"] = f'inline; filename="flag-{flag.pk}-{index + 1}.jpg"'
    return response
