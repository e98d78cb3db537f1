"""The photo pipeline: validate by content, orient, strip metadata, re-encode, render, hash.

Pure image work, no database. `process_photo` takes the uploaded bytes and returns everything a
caller stores; anything wrong raises PhotoRejected with a message a resident can act on.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field

import imagehash
import zxingcpp
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

register_heif_opener()  # phones upload HEIC; decoding runs locally, no network

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF"}
# Longest side of each rendition, in pixels.
RENDITION_SIZES = {"thumb": 320, "medium": 800, "large": 1600}
WEBP_QUALITY = 80
JPEG_QUALITY = 85


class PhotoRejected(ValueError):
    def __init__(self, message, code: str):
        super().__init__(str(message))
        self.message = message
        self.code = code


@dataclass
class ProcessedPhoto:
    width: int
    height: int
    phash: str
    # Text of QR codes seen in the photo: a WeChat or payment QR is a way off the platform.
    qr_payloads: list[str] = field(default_factory=list)
    # {("thumb", "webp"): b"...", ("thumb", "jpeg"): b"...", ...}
    renditions: dict[tuple[str, str], bytes] = field(default_factory=dict)


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


def _open(data: bytes, *, max_pixels: int) -> Image.Image:
    """Open from the header only; no pixel is decoded until the size is known to be safe."""
    try:
        with warnings.catch_warnings():
            # Pillow warns, then raises, on huge headers: both mean a decompression bomb.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_big(max_pixels) from None
    except (UnidentifiedImageError, OSError):
        raise PhotoRejected(
            _("This file is not a photo we can read. Upload a JPEG, PNG, WebP or HEIC image."), "not_image"
        ) from None
    if image.format not in ACCEPTED_FORMATS:
        raise PhotoRejected(_("Upload a JPEG, PNG, WebP or HEIC image."), "format")
    width, height = image.size
    if width * height > max_pixels:
        raise _too_big(max_pixels, round(width * height / 1e6, 1))
    return image


def process_photo(data: bytes, *, max_bytes: int, max_pixels: int) -> ProcessedPhoto:
    if len(data) > max_bytes:
        raise PhotoRejected(
            _("This file is %(size)s MB; photos may be at most %(limit)s MB.")
            % {"size": round(len(data) / 2**20, 1), "limit": round(max_bytes / 2**20)},
            "too_many_bytes",
        )
    image = _open(data, max_pixels=max_pixels)
    try:
        # JPEG only: the decoder scales by 1/2, 1/4 or 1/8 while staying above the largest rendition.
        image.draft("RGB", (RENDITION_SIZES["large"], RENDITION_SIZES["large"]))
        image = ImageOps.exif_transpose(image)
        # A fresh image holds pixels only: EXIF (GPS!), XMP, ICC and comments are all left behind.
        pixels = image.convert("RGB")
    except (OSError, ValueError, Image.DecompressionBombError):
        raise PhotoRejected(_("This photo is damaged and cannot be read."), "damaged") from None
    clean = Image.new("RGB", pixels.size)
    clean.paste(pixels)

    result = ProcessedPhoto(width=clean.width, height=clean.height, phash="")
    # Largest first, each smaller rendition from the previous one: far less resampling work.
    rendition = clean
    for name, longest in sorted(RENDITION_SIZES.items(), key=lambda item: -item[1]):
        rendition = rendition.copy()
        rendition.thumbnail((longest, longest), Image.Resampling.LANCZOS)
        if name == "large":
            result.qr_payloads = find_qr_codes(rendition)
        result.renditions[(name, "webp")] = _encode(rendition, "WEBP", quality=WEBP_QUALITY, method=4)
        result.renditions[(name, "jpeg")] = _encode(rendition, "JPEG", quality=JPEG_QUALITY, optimize=True)
        if name == "medium":
            # Hashed at one fixed size so hashes of the same picture compare whatever was uploaded.
            result.phash = str(imagehash.phash(rendition))
    return result


def find_qr_codes(image: Image.Image) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def _encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def hamming_distance(hash_a: str, hash_b: str) -> int:
    """Bits that differ between two hex perceptual hashes (0 = same picture)."""
    return bin(int(hash_a, 16) ^ int(hash_b, 16)).count("1")
