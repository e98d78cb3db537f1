"""Test images made on the fly with Pillow."""

import io

from PIL import Image, ImageDraw

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def make_image(
    width=640,
    height=480,
    *,
    fmt="JPEG",
    colour=(200, 80, 40),
    seed=0,
    gps=False,
    orientation=None,
    comment=None,
) -> bytes:
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    # Distinct shapes per seed so perceptual hashes differ between "different" photos.
    for i in range(6):
        x = (seed * 97 + i * 53) % max(width - 60, 1)
        y = (seed * 61 + i * 89) % max(height - 60, 1)
        draw.rectangle(
            [x, y, x + 40 + i * 7, y + 30 + seed % 20],
            fill=((seed * 40 + i * 30) % 255, i * 40, 255 - i * 30),
        )
    # A dark block in the top-left corner tells which way up the picture is.
    draw.rectangle([0, 0, width // 4, height // 4], fill=(0, 0, 0))
    exif = Image.Exif()
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (39.0, 7.0, 30.0), 3: "E", 4: (117.0, 9.0, 0.0)}
    if orientation:
        exif[ORIENTATION] = orientation
    buffer = io.BytesIO()
    options = {"exif": exif.tobytes()} if len(exif) else {}
    if comment and fmt == "JPEG":
        options["comment"] = comment
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def decompression_bomb() -> bytes:
    """A tiny PNG whose header claims 20000 × 20000 pixels (400 megapixels)."""
    image = Image.new("1", (20000, 20000))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def photo_with_qr(payload: str) -> bytes:
    """A product-like photo with a printed QR code in it, as sellers paste their WeChat code."""
    import segno

    qr = io.BytesIO()
    segno.make(payload).save(qr, kind="png", scale=10, border=4)
    qr.seek(0)
    base = Image.open(io.BytesIO(make_image(1600, 1200, seed=5))).convert("RGB")
    base.paste(Image.open(qr).convert("RGB"), (500, 300))
    buffer = io.BytesIO()
    base.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()
