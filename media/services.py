"""Storing and deleting photos. Image work is in `media.pipeline`; this module owns storage."""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from .models import Photo
from .pipeline import PhotoRejected, process_photo

__all__ = ["PhotoRejected", "delete_photo", "store_photo"]


def store_photo(owner, data: bytes) -> Photo:
    """Process uploaded bytes and store the renditions. Raises PhotoRejected for bad input.

    Files are written before the row; if the row is rolled back the files are removed, so
    storage never holds a photo the database does not know.
    """
    processed = process_photo(data, max_bytes=settings.PHOTO_MAX_BYTES, max_pixels=settings.PHOTO_MAX_PIXELS)
    photo = Photo(
        owner=owner,
        width=processed.width,
        height=processed.height,
        phash=processed.phash,
        qr_payloads=processed.qr_payloads,
    )
    written = []
    for (size, fmt), content in processed.renditions.items():
        written.append(default_storage.save(Photo.path_for(photo.key, size, fmt), ContentFile(content)))
    try:
        photo.save()
    except Exception:
        _remove(written)
        raise
    return photo


def delete_photo(photo: Photo) -> None:
    paths = photo.all_paths()
    photo.delete()
    transaction.on_commit(lambda: _remove(paths))


def _remove(paths) -> None:
    for path in paths:
        default_storage.delete(path)
