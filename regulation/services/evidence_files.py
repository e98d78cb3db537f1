"""Copies of a flagged listing's photos, kept with the flag.

The snapshot's perceptual hashes say which photos were shown; these copies keep the pictures themselves,
so a seller who deletes a photo after being flagged cannot take the evidence with it. They live under an
unguessable folder outside `photos/` (the only uploads served publicly) and are read through the
regulator's permission-checked view.
"""

from __future__ import annotations

import logging
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from media.models import Photo

logger = logging.getLogger(__name__)

SIZES = ("thumb", "large")


def freeze_photos(photos: list[Photo]) -> list[str | None]:
    """Copy each ready photo's JPEG renditions; per photo, the stem of its copies (None if it had none)."""
    folder = f"evidence/{uuid.uuid4().hex}"
    stems: list[str | None] = []
    for index, photo in enumerate(photos):
        stem = f"{folder}/{index}"
        if not photo.is_ready:
            # Copied when it is ready (`flags.complete_evidence`).
            logger.info("photo %s of a flagged listing is still processing", photo.pk)
            stems.append(None)
            continue
        try:
            for size in SIZES:
                with default_storage.open(Photo.path_for(photo.key, size, "jpeg"), "rb") as source:
                    default_storage.save(f"{stem}-{size}.jpg", ContentFile(source.read()))
        except OSError:
            # Its files are gone: the hash stays the only evidence of this one.
            logger.warning("photo %s of a flagged listing could not be copied", photo.pk)
            stem = None
        stems.append(stem)
    return stems


def frozen_path(stem: str, size: str) -> str:
    return f"{stem}-{size if size in SIZES else 'large'}.jpg"
