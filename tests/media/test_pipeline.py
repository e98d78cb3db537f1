import io

import pytest
from PIL import Image

from media.pipeline import RENDITION_SIZES, RENDITIONS, PhotoRejected, hamming_distance, process_photo
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
    # WebP for what pages show (cards, the listing); the large size, linked only to zoom in, is JPEG.
    processed = process_photo(make_image(3000, 2000, fmt=fmt), **LIMITS)
    assert set(processed.renditions) == set(RENDITIONS)
    for size, longest in RENDITION_SIZES.items():
        jpeg = open_rendition(processed, size, "jpeg")
        assert jpeg.format == "JPEG" and max(jpeg.size) == longest
    for size in ("medium", "thumb"):
        webp = open_rendition(processed, size, "webp")
        assert webp.format == "WEBP" and max(webp.size) == RENDITION_SIZES[size]


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


def test_a_large_jpeg_is_rendered_at_every_size_and_reports_its_own_size():
    # Decoded at reduced scale for speed; the renditions and the recorded size are unaffected.
    processed = process_photo(make_image(4000, 3000, seed=4), **LIMITS)
    assert (processed.width, processed.height) == (4000, 3000)
    for size, fmt in RENDITIONS:
        longest = RENDITION_SIZES[size]
        assert open_rendition(processed, size, fmt).size == (longest, longest * 3 // 4)


def test_a_portrait_phone_photo_is_upright_at_every_size():
    processed = process_photo(make_image(4000, 3000, orientation=6), **LIMITS)
    assert (processed.width, processed.height) == (3000, 4000)
    for size, longest in RENDITION_SIZES.items():
        upright = open_rendition(processed, size, "jpeg").convert("RGB")
        assert upright.size == (longest * 3 // 4, longest)
        assert max(upright.getpixel((upright.width - 3, 3))) < 40  # the marker turned to the top-right


def test_transparent_areas_become_white_not_black():
    image = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    image.paste((200, 30, 30, 255), (100, 100, 300, 200))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    corner = open_rendition(process_photo(buffer.getvalue(), **LIMITS), "medium", "jpeg").getpixel((2, 2))
    assert min(corner) > 240
