import io

import pytest
from PIL import Image

from media.pipeline import RENDITION_SIZES, PhotoRejected, hamming_distance, process_photo
from tests.media.images import GPS_IFD, decompression_bomb, make_image

LIMITS = {"max_bytes": 15 * 2**20, "max_pixels": 50_000_000}


def open_rendition(processed, size="large", fmt="jpeg"):
    return Image.open(io.BytesIO(processed.renditions[(size, fmt)]))


def test_gps_and_every_other_metadata_is_gone_from_every_rendition():
    original = make_image(gps=True, comment=b"shot at home")
    assert GPS_IFD in Image.open(io.BytesIO(original)).getexif()
    processed = process_photo(original, **LIMITS)
    for key in processed.renditions:
        output = open_rendition(processed, *key)
        exif = output.getexif()
        assert GPS_IFD not in exif
        assert len(exif) == 0
        assert "comment" not in output.info and "icc_profile" not in output.info
        assert b"shot at home" not in processed.renditions[key]


def test_exif_orientation_is_applied_before_stripping():
    # Orientation 6: the camera was turned; the picture must be rotated 90° to stand upright.
    processed = process_photo(make_image(800, 600, orientation=6), **LIMITS)
    assert (processed.width, processed.height) == (600, 800)
    upright = open_rendition(processed, "large", "jpeg").convert("RGB")
    # The black marker was top-left in the stored pixels; after a 90° clockwise turn it is top-right.
    assert max(upright.getpixel((upright.width - 5, 5))) < 40
    assert max(upright.getpixel((5, 5))) > 100  # top-left now shows what was bottom-left


def test_a_decompression_bomb_is_refused_with_a_clear_message():
    bomb = decompression_bomb()
    assert len(bomb) < 200_000
    with pytest.raises(PhotoRejected) as caught:
        process_photo(bomb, **LIMITS)
    assert caught.value.code == "too_many_pixels"
    assert "50" in str(caught.value.message)  # tells the resident the limit


def test_an_image_over_our_pixel_limit_but_under_pillows_is_refused_too():
    with pytest.raises(PhotoRejected) as caught:
        process_photo(make_image(4000, 3000), max_bytes=15 * 2**20, max_pixels=10_000_000)
    assert caught.value.code == "too_many_pixels"
    assert "12.0" in str(caught.value.message)


def test_a_renamed_non_image_is_refused_by_content():
    with pytest.raises(PhotoRejected) as caught:
        process_photo(b"%PDF-1.7 this is not a photo at all, whatever the file is called", **LIMITS)
    assert caught.value.code == "not_image"


def test_an_accepted_format_other_than_the_four_is_refused():
    buffer = io.BytesIO()
    Image.new("RGB", (50, 50)).save(buffer, "GIF")
    with pytest.raises(PhotoRejected) as caught:
        process_photo(buffer.getvalue(), **LIMITS)
    assert caught.value.code == "format"


def test_files_over_the_byte_limit_are_refused():
    with pytest.raises(PhotoRejected) as caught:
        process_photo(make_image(), max_bytes=1000, max_pixels=50_000_000)
    assert caught.value.code == "too_many_bytes"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_renditions_in_webp_and_jpeg_at_three_sizes(fmt):
    processed = process_photo(make_image(3000, 2000, fmt=fmt), **LIMITS)
    for size, longest in RENDITION_SIZES.items():
        webp = open_rendition(processed, size, "webp")
        jpeg = open_rendition(processed, size, "jpeg")
        assert webp.format == "WEBP" and jpeg.format == "JPEG"
        assert max(webp.size) == longest and max(jpeg.size) == longest


def test_heic_from_phones_is_accepted():
    from pillow_heif import from_pillow

    heif = from_pillow(Image.open(io.BytesIO(make_image())))
    buffer = io.BytesIO()
    heif.save(buffer, quality=80)
    processed = process_photo(buffer.getvalue(), **LIMITS)
    assert processed.width == 640


def test_perceptual_hash_sees_the_same_picture_through_re_encoding():
    original = make_image(seed=3)
    recompressed = io.BytesIO()
    Image.open(io.BytesIO(original)).resize((500, 375)).save(recompressed, "PNG")
    other = make_image(seed=40, colour=(20, 160, 220))
    a = process_photo(original, **LIMITS).phash
    b = process_photo(recompressed.getvalue(), **LIMITS).phash
    c = process_photo(other, **LIMITS).phash
    assert hamming_distance(a, b) <= 6
    assert hamming_distance(a, c) > 6


def test_qr_codes_in_a_photo_are_read():
    from tests.media.images import photo_with_qr

    processed = process_photo(photo_with_qr("https://u.wechat.com/EXAMPLE"), **LIMITS)
    assert processed.qr_payloads == ["https://u.wechat.com/EXAMPLE"]
    assert process_photo(make_image(), **LIMITS).qr_payloads == []
