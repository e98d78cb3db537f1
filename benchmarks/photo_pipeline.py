"""Photo pipeline throughput on 12-megapixel JPEGs, against a bare Pillow decode + resize.

    .venv/bin/python benchmarks/photo_pipeline.py [--photos 12] [--rounds 3]
    .venv/bin/python benchmarks/photo_pipeline.py --webp-sweep

Both sides run in the same process on the same files, alternating, so the ratio holds even on a
noisy shared machine. The bare side decodes and resizes to the largest rendition only; the
pipeline also inspects, orients, strips metadata, reads QR codes, hashes and encodes six renditions
(3 sizes x WebP/JPEG). It also prints how close its renditions are (SSIM) to ones made from a
full-size decode, since it decodes JPEGs at reduced scale.

--webp-sweep measures WebP quality x method (time, size, SSIM) on each rendition size, on two real
photographs (scikit-learn's samples) and on the camera-like test pictures; media.pipeline's
WEBP_QUALITY and WEBP_METHOD were chosen from it.
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

import numpy as np  # noqa: E402
from PIL import Image, ImageDraw, ImageFilter  # noqa: E402
from scipy.ndimage import gaussian_filter  # noqa: E402

from media.pipeline import (  # noqa: E402
    JPEG_QUALITY,
    RENDITION_SIZES,
    inspect_photo,
    process_photo,
    render_photo,
)

LIMITS = {"max_bytes": 50 * 2**20, "max_pixels": 50_000_000}


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


def ssim(a: Image.Image, b: Image.Image) -> float:
    """Structural similarity of the luma (1.0 = identical), Gaussian window as in Wang et al. 2004."""
    x = np.asarray(a.convert("L"), dtype=np.float64)
    y = np.asarray(b.convert("L"), dtype=np.float64)
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    mx, my = gaussian_filter(x, 1.5), gaussian_filter(y, 1.5)
    vx = gaussian_filter(x * x, 1.5) - mx * mx
    vy = gaussian_filter(y * y, 1.5) - my * my
    cov = gaussian_filter(x * y, 1.5) - mx * my
    return float((((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2))).mean())


def fidelity(data: bytes) -> None:
    """SSIM of each JPEG rendition against Lanczos from a full-size decode, beside what the same JPEG
    encoding of that reference scores: the gap is what the reduced-scale decode and cascade cost."""
    full = Image.open(io.BytesIO(data)).convert("RGB")
    processed = render_photo(data, max_pixels=LIMITS["max_pixels"])
    for name in RENDITION_SIZES:
        ours = Image.open(io.BytesIO(processed.renditions[(name, "jpeg")]))
        reference = full.resize(ours.size, Image.Resampling.LANCZOS)
        encoded = io.BytesIO()
        reference.save(encoded, "JPEG", quality=JPEG_QUALITY, optimize=True)
        baseline = ssim(reference, Image.open(encoded))
        score = ssim(reference, ours)
        print(f"  {name:6} {ours.width}x{ours.height}: SSIM {score:.4f} (full-decode path {baseline:.4f})")


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def webp_sweep() -> None:
    from sklearn.datasets import load_sample_image

    pictures = {name: Image.fromarray(load_sample_image(f"{name}.jpg")) for name in ("china", "flower")}
    camera = Image.open(io.BytesIO(camera_like_jpeg(1))).convert("RGB")
    print("picture         size      q  m    ms      KB   SSIM")
    for longest in RENDITION_SIZES.values():
        # The real photographs are 640 pixels wide: shown at 640 in the 800 rows, left out at 1600.
        sources = {"camera-like": camera, **(pictures if longest <= 800 else {})}
        for name, source in sources.items():
            image = source.copy()
            image.thumbnail((longest, longest), Image.Resampling.LANCZOS)
            for quality in (75, 80, 85):
                for method in (0, 2, 4, 6):
                    buffer = io.BytesIO()

                    def encode(image=image, buffer=buffer, quality=quality, method=method):
                        buffer.seek(0)
                        buffer.truncate()
                        image.save(buffer, "WEBP", quality=quality, method=method)

                    seconds = timed(encode)
                    score = ssim(image, Image.open(io.BytesIO(buffer.getvalue())))
                    print(
                        f"{name:12} {image.width:5}x{image.height:<5} {quality:3} {method:2} "
                        f"{seconds * 1000:6.1f} {len(buffer.getvalue()) / 1024:7.1f} {score:.4f}"
                    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--webp-sweep", action="store_true")
    args = parser.parse_args()
    if args.webp_sweep:
        webp_sweep()
        return

    files = [camera_like_jpeg(seed) for seed in range(args.photos)]
    megabytes = sum(len(f) for f in files) / 2**20
    print(f"{len(files)} JPEGs of 4000x3000 (12 MP), {megabytes:.1f} MB in all")

    pipeline_times, bare_times, inspect_times = [], [], []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for data in files:
            inspect_photo(data, **LIMITS)
        inspect_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        for data in files:
            process_photo(data, **LIMITS)
        pipeline_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        for data in files:
            bare_decode_resize(data)
        bare_times.append(time.perf_counter() - start)

    pipeline = statistics.median(pipeline_times)
    bare = statistics.median(bare_times)
    inspect = statistics.median(inspect_times)
    per_photo = pipeline / len(files) * 1000
    print(f"pipeline:          {len(files) / pipeline:6.2f} photos/s  ({per_photo:.0f} ms/photo)")
    print(f"bare decode+resize:{len(files) / bare:6.2f} photos/s  ({bare / len(files) * 1000:.0f} ms/photo)")
    print(f"ratio pipeline/bare time: {pipeline / bare:.2f}x  (median of {args.rounds} rounds)")
    print(f"of which the upload request waits for inspection: {inspect / len(files) * 1000:.1f} ms/photo")
    print("rendition fidelity (first photo):")
    fidelity(files[0])


if __name__ == "__main__":
    main()
