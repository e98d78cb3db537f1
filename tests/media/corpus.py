"""Hostile uploads, generated on the fly: each one must be refused before anything is stored."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from PIL import Image

from tests.media.images import make_image


def _zip(name: str = "payload.class", content: bytes = b"\xca\xfe\xba\xbe" + b"\0" * 64) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nMain-Class: payload\n")
        archive.writestr(name, content)
    return buffer.getvalue()


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def _png_with_size(width: int, height: int) -> bytes:
    """A valid small PNG whose IHDR (with a correct CRC) claims another size."""
    data = make_image(64, 48, fmt="PNG")
    ihdr = data[16:29]
    patched = struct.pack(">II", width, height) + ihdr[8:]
    return data[:8] + _png_chunk(b"IHDR", patched) + data[33:]


def _jpeg_with_size(width: int, height: int) -> bytes:
    """A valid small JPEG whose frame header (SOF0) claims another size."""
    data = bytearray(make_image(64, 48))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def truncated_jpeg() -> bytes:
    data = make_image(1200, 900, seed=7)
    return data[: len(data) * 6 // 10]


def corrupt_png() -> bytes:
    """Bytes flipped inside the image data: the chunk's checksum no longer matches."""
    data = bytearray(make_image(400, 300, fmt="PNG", seed=8))
    start = data.index(b"IDAT") + 40
    for offset in range(start, start + 16):
        data[offset] ^= 0x5A
    return bytes(data)


def jpeg_zip_polyglot() -> bytes:
    """A real JPEG that is also a valid ZIP archive (zip readers look at the end)."""
    return make_image(320, 240, seed=9) + _zip()


def gifar() -> bytes:
    """The GIFAR trick: a GIF image with a Java archive appended."""
    buffer = io.BytesIO()
    Image.new("P", (32, 32)).save(buffer, "GIF")
    return buffer.getvalue() + _zip("Exploit.class")


def png_jar_polyglot() -> bytes:
    """The same trick with a PNG, which we do accept as a format."""
    return make_image(320, 240, fmt="PNG", seed=10) + _zip("Exploit.class")


def jpeg_html_polyglot() -> bytes:
    """A JPEG whose comment segment is a script a browser sniffing the bytes might run."""
    return make_image(320, 240, seed=11, comment=b"<html><script>alert(document.cookie)</script></html>")


def png_bomb() -> bytes:
    """A tiny PNG that decodes to 20000 x 20000 (400 megapixels)."""
    image = Image.new("1", (20000, 20000))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def png_text_bomb() -> bytes:
    """A small PNG with a compressed text chunk that inflates to 64 MB."""
    data = make_image(64, 48, fmt="PNG")
    bomb = _png_chunk(b"zTXt", b"Comment\0\0" + zlib.compress(b"A" * (64 * 2**20), 9))
    return data[:33] + bomb + data[33:]


def jpeg_bomb() -> bytes:
    """A JPEG whose header claims 9000 x 9000 (81 megapixels): under Pillow's alarm, over our limit."""
    return _jpeg_with_size(9000, 9000)


def huge_png_header() -> bytes:
    return _png_with_size(60000, 60000)


def huge_jpeg_header() -> bytes:
    return _jpeg_with_size(60000, 60000)


def svg_with_script() -> bytes:
    return (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
        b'<script>alert(document.domain)</script><rect width="100" height="100"/></svg>'
    )


def zip_renamed() -> bytes:
    return _zip("photo.jpg", make_image())


def html_renamed() -> bytes:
    return b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def heic_garbage() -> bytes:
    """An HEIC file type box followed by noise, as a broken phone upload looks."""
    header = struct.pack(">I", 24) + b"ftypheic" + b"\0\0\0\0" + b"mif1heic"
    return header + bytes((n * 131 + 7) % 256 for n in range(4000))


def pdf_renamed() -> bytes:
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def empty() -> bytes:
    return b""


# name shown in the test id -> (file name the attacker chose, content type claimed, bytes)
CORPUS = {
    "truncated-jpeg": ("photo.jpg", "image/jpeg", truncated_jpeg),
    "corrupt-png": ("photo.png", "image/png", corrupt_png),
    "jpeg-zip-polyglot": ("photo.jpg", "image/jpeg", jpeg_zip_polyglot),
    "gifar": ("photo.gif", "image/gif", gifar),
    "png-jar-polyglot": ("photo.png", "image/png", png_jar_polyglot),
    "jpeg-html-polyglot": ("photo.jpg", "image/jpeg", jpeg_html_polyglot),
    "png-bomb": ("bomb.png", "image/png", png_bomb),
    "png-text-bomb": ("text.png", "image/png", png_text_bomb),
    "jpeg-bomb": ("bomb.jpg", "image/jpeg", jpeg_bomb),
    "png-60000x60000": ("huge.png", "image/png", huge_png_header),
    "jpeg-60000x60000": ("huge.jpg", "image/jpeg", huge_jpeg_header),
    "svg-with-script": ("photo.svg", "image/svg+xml", svg_with_script),
    "zip-renamed-jpg": ("photo.jpg", "image/jpeg", zip_renamed),
    "html-renamed-png": ("photo.png", "image/png", html_renamed),
    "heic-garbage": ("photo.heic", "image/heic", heic_garbage),
    "pdf-renamed-jpg": ("photo.jpg", "image/jpeg", pdf_renamed),
    "empty-file": ("photo.jpg", "image/jpeg", empty),
}
