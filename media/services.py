"""Storing and deleting photos. Image work is in `media.pipeline`; this module owns storage.

Two ways in: `store_photo` does everything while the caller waits (dispute and appraisal evidence, whose
hash is needed at once); `accept_photo` only inspects and keeps the upload, and `render_upload` +
`keep_renditions` finish it later in a task (listing galleries).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from .models import Photo, PhotoUpload
from .pipeline import PhotoRejected, ProcessedPhoto, inspect_photo, process_photo, render_photo

__all__ = [
    "PhotoRejected",
    "Rendered",
    "accept_photo",
    "delete_photo",
    "keep_renditions",
    "render_upload",
    "store_photo",
]

logger = logging.getLogger(__name__)
S = Photo.Status


@dataclass
class Rendered:
    photo_id: int
    processed: ProcessedPhoto
    paths: list[str]


def _limits() -> dict:
    return {"max_bytes": settings.PHOTO_MAX_BYTES, "max_pixels": settings.PHOTO_MAX_PIXELS}


def _write(key, processed: ProcessedPhoto) -> list[str]:
    written = []
    for (size, fmt), content in processed.renditions.items():
        path = Photo.path_for(key, size, fmt)
        default_storage.delete(path)  # a retried task writes the same names, not name_AbCd.jpg beside them
        written.append(default_storage.save(path, ContentFile(content)))
    return written


def store_photo(owner, data: bytes) -> Photo:
    """Process uploaded bytes and store the renditions. Raises PhotoRejected for bad input.

    Files are written before the row; if the row is rolled back the files are removed, so
    storage never holds a photo the database does not know.
    """
    processed = process_photo(data, **_limits())
    photo = Photo(
        owner=owner,
        width=processed.width,
        height=processed.height,
        phash=processed.phash,
        qr_payloads=processed.qr_payloads,
    )
    written = _write(photo.key, processed)
    try:
        photo.save()
    except Exception:
        _remove(written)
        raise
    return photo


def accept_photo(owner, data: bytes) -> Photo:
    """Inspect an upload (raises PhotoRejected) and keep it to be processed; nothing is decoded yet."""
    inspected = inspect_photo(data, **_limits())
    photo = Photo.objects.create(
        owner=owner, width=inspected.width, height=inspected.height, status=S.PROCESSING
    )
    PhotoUpload.objects.create(photo=photo, data=data)
    return photo


def render_upload(photo_id: int) -> Rendered | None:
    """Make and write the renditions of an accepted photo, holding no lock while the work runs.

    Returns None if there is nothing to do (already done, or deleted) or the photo cannot be read, in
    which case it is marked failed for its owner to see. Any other error marks it failed and is raised.
    """
    upload = PhotoUpload.objects.select_related("photo").filter(photo_id=photo_id).first()
    if upload is None or upload.photo.status != S.PROCESSING:
        return None
    try:
        processed = render_photo(bytes(upload.data), max_pixels=settings.PHOTO_MAX_PIXELS)
        paths = _write(upload.photo.key, processed)
    except PhotoRejected as exc:
        logger.warning("photo %s could not be rendered: %s", photo_id, exc.code)
        mark_failed(photo_id, exc.code)
        return None
    except Exception:
        logger.exception("photo %s could not be rendered", photo_id)
        mark_failed(photo_id, "error")
        raise
    return Rendered(photo_id=photo_id, processed=processed, paths=paths)


def keep_renditions(rendered: Rendered) -> Photo | None:
    """Mark the photo ready (call inside the caller's transaction, after its own locks).

    If the photo was deleted while it was being rendered, its files are removed after commit.
    """
    processed = rendered.processed
    updated = Photo.objects.filter(pk=rendered.photo_id, status=S.PROCESSING).update(
        status=S.READY, phash=processed.phash, qr_payloads=processed.qr_payloads, failure=""
    )
    if not updated:
        if not Photo.objects.filter(pk=rendered.photo_id).exists():
            transaction.on_commit(lambda: _remove(rendered.paths))
        return None
    PhotoUpload.objects.filter(photo_id=rendered.photo_id).delete()
    return Photo.objects.get(pk=rendered.photo_id)


def mark_failed(photo_id: int, code: str) -> None:
    """Give up on a photo still processing: its owner sees why and may upload it again."""
    with transaction.atomic():
        Photo.objects.filter(pk=photo_id, status=S.PROCESSING).update(status=S.FAILED, failure=code)
        PhotoUpload.objects.filter(photo_id=photo_id).delete()


def delete_photo(photo: Photo) -> None:
    paths = photo.all_paths()
    photo.delete()
    transaction.on_commit(lambda: _remove(paths))


def _remove(paths) -> None:
    for path in paths:
        default_storage.delete(path)
