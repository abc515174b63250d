"""Uploaded photos are checked on the server, shrunk and stripped of their metadata."""

import io

import pytest
from PIL import Image

from audits.photos import MAX_SIDE, PhotoRejected, prepare_photo


def jpeg_with_gps(size=(4000, 3000)) -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (53.0, 8.0, 0.0)}  # GPSInfo
    exif[0x0110] = "Phone model"
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_a_phone_photo_is_downscaled_and_loses_its_location() -> None:
    photo = prepare_photo(jpeg_with_gps())
    stored = Image.open(io.BytesIO(photo.data))
    assert stored.format == "JPEG" and photo.mime == "image/jpeg"
    assert max(stored.size) == MAX_SIDE == max(photo.width, photo.height)
    assert not stored.getexif()
    assert b"Phone model" not in photo.data


def test_the_same_picture_gives_the_same_fingerprint() -> None:
    assert prepare_photo(jpeg_with_gps()).sha256 == prepare_photo(jpeg_with_gps()).sha256


def test_a_transparent_png_is_kept_on_white() -> None:
    buffer = io.BytesIO()
    Image.new("RGBA", (50, 40), (0, 0, 0, 0)).save(buffer, format="PNG")
    photo = prepare_photo(buffer.getvalue())
    assert Image.open(io.BytesIO(photo.data)).getpixel((5, 5)) == (255, 255, 255)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.4 not a picture", "not_image"),
        (b"\xff\xd8\xff\xe0 broken jpeg", "not_image"),
        (b"x" * (16 * 1024 * 1024), "size"),
    ],
)
def test_files_that_are_not_photos_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(PhotoRejected) as caught:
        prepare_photo(data)
    assert caught.value.reason == reason


def test_other_image_types_are_refused_with_the_allowed_ones_named() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="GIF")
    with pytest.raises(PhotoRejected, match="JPEG, PNG, WebP") as caught:
        prepare_photo(buffer.getvalue())
    assert caught.value.reason == "type"


def test_a_picture_with_too_many_pixels_is_refused_before_decoding() -> None:
    buffer = io.BytesIO()
    Image.new("1", (10_000, 7_000)).save(buffer, format="PNG")  # small file, 70 megapixels
    with pytest.raises(PhotoRejected) as caught:
        prepare_photo(buffer.getvalue())
    assert caught.value.reason == "pixels"
