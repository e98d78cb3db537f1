"""Photo pipeline throughput on 12-megapixel JPEGs, against a bare Pillow decode + resize.

    .venv/bin/python benchmarks/photo_pipeline.py [--photos 12] [--rounds 3]

Both sides run in the same process on the same files, alternating, so the ratio holds even on a
noisy shared machine. The bare side decodes and resizes to the largest rendition only; the
pipeline also orients, strips metadata, hashes and encodes six renditions (3 sizes × WebP/JPEG).
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")

import django  # noqa: E402

django.setup()

from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

from media.pipeline import process_photo  # noqa: E402


def camera_like_jpeg(seed: int) -> bytes:
    """4000 × 3000 with gradients, shapes and noise so the encoder works as hard as on a real photo."""
    image = Image.effect_noise((4000, 3000), 40 + seed).convert("RGB")
    draw = ImageDraw.Draw(image)
    for i in range(40):
        x, y = (seed * 131 + i * 97) % 3600, (seed * 71 + i * 53) % 2600
        draw.ellipse([x, y, x + 400, y + 300], fill=((i * 37) % 255, (seed * 50) % 255, (i * 11) % 255))
    image = image.filter(ImageFilter.GaussianBlur(1))
    exif = Image.Exif()
    exif[0x0112] = 1
    exif[0x8825] = {1: "N", 2: (39.0, 7.0, 30.0), 3: "E", 4: (117.0, 9.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, exif=exif.tobytes())
    return buffer.getvalue()


def bare_decode_resize(data: bytes) -> None:
    image = Image.open(io.BytesIO(data))
    image.load()
    image.thumbnail((1600, 1600), Image.Resampling.LANCZOS)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    files = [camera_like_jpeg(seed) for seed in range(args.photos)]
    megabytes = sum(len(f) for f in files) / 2**20
    print(f"{len(files)} JPEGs of 4000x3000 (12 MP), {megabytes:.1f} MB in all")

    pipeline_times, bare_times = [], []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for data in files:
            process_photo(data, max_bytes=50 * 2**20, max_pixels=50_000_000)
        pipeline_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        for data in files:
            bare_decode_resize(data)
        bare_times.append(time.perf_counter() - start)

    pipeline = statistics.median(pipeline_times)
    bare = statistics.median(bare_times)
    per_photo = pipeline / len(files) * 1000
    print(f"pipeline:          {len(files) / pipeline:6.2f} photos/s  ({per_photo:.0f} ms/photo)")
    print(f"bare decode+resize:{len(files) / bare:6.2f} photos/s  ({bare / len(files) * 1000:.0f} ms/photo)")
    print(f"ratio pipeline/bare time: {pipeline / bare:.2f}x  (median of {args.rounds} rounds)")


if __name__ == "__main__":
    main()
