"""The photo pipeline: decode at reduced scale, orient, strip metadata, render, hash.

Pure image work, no database. `inspect_photo` (media.inspection) refuses bad uploads cheaply while the
resident waits; `render_photo` does the decoding and encoding, usually in a background task;
`process_photo` is both at once. Anything wrong raises PhotoRejected with a message a resident can act on.

The settings below were chosen by measurement (`benchmarks/photo_pipeline.py --webp-sweep`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO

import imagehash
import zxingcpp
from PIL import Image, ImageOps

from .inspection import (
    ACCEPTED_FORMATS,
    DAMAGED,
    Inspected,
    PhotoRejected,
    inspect_photo,
    open_image,
)

__all__ = [
    "ACCEPTED_FORMATS",
    "RENDITIONS",
    "RENDITION_SIZES",
    "Inspected",
    "PhotoRejected",
    "ProcessedPhoto",
    "hamming_distance",
    "inspect_photo",
    "process_photo",
    "render_photo",
]

# Longest side of each rendition, in pixels, largest first: each is made from the one before.
RENDITION_SIZES = {"large": 1600, "medium": 800, "thumb": 320}
# WebP for the sizes pages show (cards, the listing) at quality 80, method 2 (0 fastest .. 6 smallest).
# Measured (`--webp-sweep`): at one quality every method scores the same SSIM (within 0.005); on real
# photos method 2 makes files 20-30 % smaller than 0 and within 4 % of 4, at a third to a tenth of 4's
# time. Quality 75 loses 0.007 SSIM for 15 % fewer bytes; 85 gains 0.005 for 20 % more. `large` is only
# linked for zooming in, as JPEG: a WebP of it was never shown, and was the dearest encode of all.
WEBP_QUALITY = 80
WEBP_METHOD = {"medium": 2, "thumb": 2}
JPEG_QUALITY = 85
RENDITIONS = [(size, "jpeg") for size in RENDITION_SIZES] + [(size, "webp") for size in WEBP_METHOD]
# The first step (from the reduced-scale decode, 1.25x) is bicubic, as Pillow's own thumbnails: SSIM 0.98
# against Lanczos from a full decode at a third of the time; the halvings after it keep Lanczos.
FILTERS = {"large": Image.Resampling.BICUBIC}


@dataclass
class ProcessedPhoto:
    width: int
    height: int
    phash: str
    # Text of QR codes seen in the photo: a WeChat or payment QR is a way off the platform.
    qr_payloads: list[str] = field(default_factory=list)
    # {("thumb", "webp"): b"...", ("thumb", "jpeg"): b"...", ...}
    renditions: dict[tuple[str, str], bytes] = field(default_factory=dict)


def _fit(size: tuple[int, int], longest: int) -> tuple[int, int]:
    width, height = size
    scale = min(1.0, longest / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _decode(data: bytes, *, max_pixels: int) -> Image.Image:
    """Decoded, upright, RGB pixels with no metadata, no larger than the large rendition needs."""
    image = open_image(data, max_pixels=max_pixels)
    try:
        # JPEG only: the decoder scales by 1/2, 1/4 or 1/8 while staying at least as large as the
        # largest rendition, so a 12 MP photo is decoded at a quarter of its pixels.
        image.draft("RGB", _fit(image.size, RENDITION_SIZES["large"]))
        image = ImageOps.exif_transpose(image)
        if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
            # Transparent areas become white, as on the page, not black.
            backdrop = Image.new("RGB", image.size, (255, 255, 255))
            backdrop.paste(image, mask=image.convert("RGBA"))
            image = backdrop
        pixels = image.convert("RGB")
    except Exception:  # noqa: BLE001 - any decoder failure on a stranger's bytes means the same
        raise PhotoRejected(DAMAGED, "damaged") from None
    # A fresh image holds pixels only: EXIF (GPS!), XMP, ICC and comments are all left behind.
    clean = Image.new("RGB", pixels.size)
    clean.paste(pixels)
    return clean


def _shrink(image: Image.Image, name: str) -> Image.Image:
    size = _fit(image.size, RENDITION_SIZES[name])
    if size == image.size:
        return image
    # Averaging 2x2 blocks first (reducing_gap) was faster but measurably softer: not used.
    return image.resize(size, FILTERS.get(name, Image.Resampling.LANCZOS))


def render_photo(data: bytes, *, max_pixels: int) -> ProcessedPhoto:
    """Decode once at reduced scale; cascade the renditions from the largest; hash the smallest."""
    clean = _decode(data, max_pixels=max_pixels)
    result = ProcessedPhoto(width=clean.width, height=clean.height, phash="")
    rendition = clean
    for name in RENDITION_SIZES:
        rendition = _shrink(rendition, name)
        if name == "large":
            result.qr_payloads = find_qr_codes(rendition)
        if name in WEBP_METHOD:
            result.renditions[(name, "webp")] = _encode(
                rendition, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD[name]
            )
        result.renditions[(name, "jpeg")] = _encode(rendition, "JPEG", quality=JPEG_QUALITY, optimize=True)
    # Hashed on the thumbnail (the hash looks at 32 x 32 anyway), so every upload size compares alike.
    result.phash = str(imagehash.phash(rendition))
    return result


def process_photo(data: bytes, *, max_bytes: int, max_pixels: int) -> ProcessedPhoto:
    """Inspect and render at once; the reported size is the photo's own (upright), not the decoded one."""
    inspected = inspect_photo(data, max_bytes=max_bytes, max_pixels=max_pixels)
    result = render_photo(data, max_pixels=max_pixels)
    result.width, result.height = inspected.width, inspected.height
    return result


def find_qr_codes(image: Image.Image) -> list[str]:
    # Grey is all the reader looks at; not rotated: QR finder patterns are found at any angle.
    grey = image.convert("L")
    codes = zxingcpp.read_barcodes(grey, formats=zxingcpp.BarcodeFormat.QRCode, try_rotate=False)
    return [code.text for code in codes]


def _encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def hamming_distance(hash_a: str, hash_b: str) -> int:
    """Bits that differ between two hex perceptual hashes (0 = same picture; 64 if either is unknown)."""
    if not hash_a or not hash_b:
        return 64  # a photo still being processed has no hash yet and matches nothing
    return bin(int(hash_a, 16) ^ int(hash_b, 16)).count("1")
