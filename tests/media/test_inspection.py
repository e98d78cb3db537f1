"""Every hostile upload in the corpus is refused by inspection alone, before a pixel is decoded."""

import io

import pytest
from PIL import Image

from media.inspection import PhotoRejected, inspect_photo
from media.pipeline import hamming_distance, process_photo
from tests.media.corpus import CORPUS
from tests.media.images import make_image

LIMITS = {"max_bytes": 15 * 2**20, "max_pixels": 50_000_000}

# What each hostile file is refused as; the resident is told which.
EXPECTED = {
    "truncated-jpeg": "damaged",
    "corrupt-png": "damaged",
    "jpeg-zip-polyglot": "hidden_content",
    "gifar": "format",
    "png-jar-polyglot": "hidden_content",
    "jpeg-html-polyglot": "hidden_content",
    "png-bomb": "too_many_pixels",
    "png-text-bomb": "text_bomb",
    "jpeg-bomb": "too_many_pixels",
    "png-60000x60000": "too_many_pixels",
    "jpeg-60000x60000": "too_many_pixels",
    "svg-with-script": "not_image",
    "zip-renamed-jpg": "not_image",
    "html-renamed-png": "not_image",
    "heic-garbage": "not_image",
    "pdf-renamed-jpg": "not_image",
    "empty-file": "not_image",
}


def test_every_corpus_file_has_an_expected_refusal():
    assert set(EXPECTED) == set(CORPUS)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_inspection_refuses_each_hostile_file(name):
    data = CORPUS[name][2]()
    with pytest.raises(PhotoRejected) as caught:
        inspect_photo(data, **LIMITS)
    assert caught.value.code == EXPECTED[name]
    assert str(caught.value.message)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_the_whole_pipeline_refuses_each_hostile_file_too(name):
    """Dispute and appraisal evidence is processed at once; the same refusals hold there."""
    with pytest.raises(PhotoRejected):
        process_photo(CORPUS[name][2](), **LIMITS)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_good_photo_passes_inspection_with_its_upright_size(fmt):
    inspected = inspect_photo(make_image(800, 600, fmt=fmt), **LIMITS)
    assert (inspected.format, inspected.width, inspected.height) == (fmt, 800, 600)
    turned = inspect_photo(make_image(800, 600, orientation=6), **LIMITS)
    assert (turned.width, turned.height) == (600, 800)


def test_a_camera_jpeg_with_bytes_after_its_end_is_still_a_photo():
    # Phones append their own records after the picture (motion photos, maker trailers).
    inspected = inspect_photo(make_image() + b"\0" * 32 + b"SEFHtrailer", **LIMITS)
    assert inspected.format == "JPEG"


def test_a_multi_picture_jpeg_from_a_camera_is_accepted():
    first = Image.open(io.BytesIO(make_image(640, 480, seed=1)))
    second = Image.open(io.BytesIO(make_image(640, 480, seed=2)))
    buffer = io.BytesIO()
    first.save(buffer, "MPO", save_all=True, append_images=[second])
    processed = process_photo(buffer.getvalue(), **LIMITS)
    assert (processed.width, processed.height) == (640, 480)


def test_a_photo_still_processing_matches_no_other_photo():
    assert hamming_distance("", "ffffffffffffffff") == 64
    assert hamming_distance("0000000000000000", "") == 64


def test_a_text_bomb_is_refused_even_where_pillow_would_let_it_through(monkeypatch):
    # WeasyPrint (the PDF reports) sets this process-wide when imported; Pillow then drops the text.
    from PIL import ImageFile

    from tests.media.corpus import png_text_bomb

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(PhotoRejected) as caught:
        inspect_photo(png_text_bomb(), **LIMITS)
    assert caught.value.code == "text_bomb"
    assert inspect_photo(make_image(fmt="PNG"), **LIMITS).format == "PNG"


def test_many_text_chunks_each_under_the_limit_are_refused_together():
    """Thousands of chunks just under Pillow's per-chunk limit would cost a minute of inflating."""
    import zlib

    from tests.media.corpus import _png_chunk

    data = make_image(64, 48, fmt="PNG")
    chunk = _png_chunk(b"zTXt", b"Comment\0\0" + zlib.compress(b"A" * (200 * 2**10), 9))
    with pytest.raises(PhotoRejected) as caught:
        inspect_photo(data[:33] + chunk * 8 + data[33:], **LIMITS)
    assert caught.value.code == "text_bomb"
    inspect_photo(data[:33] + chunk + data[33:], **LIMITS)  # one ordinary comment is fine
