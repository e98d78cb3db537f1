"""Inspecting an upload before anything is kept: what it is, how big, whether it is whole and only a photo.

Everything here reads headers and structure, never the pixels, so it is cheap enough to run while the
resident waits; the decoding and encoding happen later (`media.pipeline.render_photo`).
"""

from __future__ import annotations

import io
import re
import struct
import warnings
import zipfile
import zlib
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from PIL import Image, PngImagePlugin
from pillow_heif import register_heif_opener

register_heif_opener()  # phones upload HEIC; decoding runs locally, no network

# MPO is how many cameras save a JPEG with a second (depth or preview) picture; we keep the first.
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "HEIF"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# EXIF orientations that turn the picture a quarter: width and height swap.
QUARTER_TURNS = {5, 6, 7, 8}
# A script tag anywhere in the bytes is a page hidden in the photo; seven bytes never match by chance.
SCRIPT = re.compile(rb"<script", re.IGNORECASE)

NOT_IMAGE = _("This file is not a photo we can read. Upload a JPEG, PNG, WebP or HEIC image.")
DAMAGED = _("This photo is damaged and cannot be read.")
HIDDEN = _(
    "This file has something other than a photo hidden in it. Save the photo again from your camera "
    "or gallery and upload that."
)


class PhotoRejected(ValueError):
    def __init__(self, message, code: str):
        super().__init__(str(message))
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Inspected:
    format: str
    width: int  # as the picture stands, after its EXIF orientation
    height: int


def _too_big(limit: int, megapixels: float | None = None) -> PhotoRejected:
    if megapixels is None:
        message = _("This image has far too many pixels; the limit is %(limit)s megapixels.") % {
            "limit": round(limit / 1e6)
        }
    else:
        message = _("This image is too large (%(megapixels)s megapixels); the limit is %(limit)s.") % {
            "megapixels": megapixels,
            "limit": round(limit / 1e6),
        }
    return PhotoRejected(message, "too_many_pixels")


def open_image(data: bytes, *, max_pixels: int) -> Image.Image:
    """Open from the header only; no pixel is decoded until the size is known to be safe."""
    try:
        with warnings.catch_warnings():
            # Pillow warns, then raises, on huge headers: both mean a decompression bomb.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_big(max_pixels) from None
    except Exception:  # noqa: BLE001 - any failure to parse a stranger's bytes is the same refusal
        # Pillow raises OSError for unknown data, ValueError for text-chunk bombs, and the HEIF
        # reader its own errors for a broken container.
        raise PhotoRejected(NOT_IMAGE, "not_image") from None
    if image.format not in ACCEPTED_FORMATS:
        raise PhotoRejected(_("Upload a JPEG, PNG, WebP or HEIC image."), "format")
    width, height = image.size
    if width * height > max_pixels:
        raise _too_big(max_pixels, round(width * height / 1e6, 1))
    return image


def _require_whole(image: Image.Image, data: bytes) -> None:
    """Catch truncated and corrupt files without decoding them."""
    if image.format in ("JPEG", "MPO"):
        # The compressed picture starts at the first tile; a whole file has an end-of-image marker after
        # it (inside the compressed data every 0xFF is escaped, so the marker cannot appear by chance).
        scan_start = image.tile[0][2] if image.tile else len(data)
        whole = data.rfind(b"\xff\xd9") > scan_start
    elif image.format == "PNG":
        try:
            Image.open(io.BytesIO(data)).verify()  # every chunk's checksum, through to the end marker
            whole = True
        except Exception:  # noqa: BLE001 - verify raises many kinds for many kinds of damage
            whole = False
    else:
        whole = True  # WebP and HEIF are checked when they are decoded
    if not whole:
        raise PhotoRejected(DAMAGED, "damaged")


def _inflated_size(stream: bytes) -> int:
    """Bytes the text inflates to, counting no further than one chunk's limit (past it: limit + 1)."""
    inflater = zlib.decompressobj()
    try:
        inflated = inflater.decompress(stream, PngImagePlugin.MAX_TEXT_CHUNK)
    except zlib.error:
        return 0  # undecodable text is dropped, not inflated
    return len(inflated) + (1 if inflater.unconsumed_tail else 0)


def _require_small_text(data: bytes) -> None:
    """Refuse PNG text chunks that inflate past Pillow's own limit (a decompression bomb in the text).

    Pillow refuses them on open too, unless something in the process has set LOAD_TRUNCATED_IMAGES
    (WeasyPrint does, on import): then it drops them silently. Refused here either way.
    """
    position, inflated = 8, 0
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        text = data[position + 8 : position + 8 + length].split(b"\0", 1)[-1] if kind[1:] == b"TXt" else b""
        stream = b""
        if kind == b"zTXt":
            stream = text[1:]  # after the compression method
        elif kind == b"iTXt" and text[:1] == b"\1":
            stream = text[2:].split(b"\0", 2)[-1]  # after flag, method, language and translated keyword
        # One huge chunk, or thousands just under the limit: a photo's text is never megabytes.
        inflated += _inflated_size(stream) if stream else 0
        if inflated > PngImagePlugin.MAX_TEXT_CHUNK:
            raise PhotoRejected(
                _("This image hides far more data than a photo holds and cannot be used."), "text_bomb"
            )
        position += 12 + length


def _require_only_a_photo(data: bytes) -> None:
    """Refuse polyglots: a photo that is also an archive (GIFAR, JPEG+ZIP) or carries a web page."""
    if zipfile.is_zipfile(io.BytesIO(data)) or SCRIPT.search(data):
        raise PhotoRejected(HIDDEN, "hidden_content")


def inspect_photo(data: bytes, *, max_bytes: int, max_pixels: int) -> Inspected:
    """Raise PhotoRejected unless `data` is one whole photo within the limits."""
    if len(data) > max_bytes:
        raise PhotoRejected(
            _("This file is %(size)s MB; photos may be at most %(limit)s MB.")
            % {"size": round(len(data) / 2**20, 1), "limit": round(max_bytes / 2**20)},
            "too_many_bytes",
        )
    if data.startswith(PNG_SIGNATURE):
        _require_small_text(data)
    image = open_image(data, max_pixels=max_pixels)
    _require_whole(image, data)
    _require_only_a_photo(data)
    width, height = image.size
    try:
        turned = image.getexif().get(0x0112) in QUARTER_TURNS
    except Exception:  # noqa: BLE001 - unreadable EXIF is ignored here as it is when rendering
        turned = False
    return Inspected(image.format, *((height, width) if turned else (width, height)))
