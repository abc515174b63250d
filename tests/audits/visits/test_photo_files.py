"""Uploaded photos are checked on the server, shrunk and stripped of their metadata."""

import io

import pytest
from PIL import Image

from audits.visits.photo_files import MAX_SIDE, PhotoRejected, prepare_photo


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


def test_a_single_colour_png_that_would_take_hundreds_of_megabytes_is_refused() -> None:
    """30 megapixels of one colour compress to a few kilobytes; decoded as RGBA they would
    take 120 MB per upload. PNG and WebP decode in full, so their limit is lower."""
    buffer = io.BytesIO()
    Image.new("1", (6_000, 5_000)).save(buffer, format="PNG")
    assert len(buffer.getvalue()) < 100_000
    with pytest.raises(PhotoRejected) as caught:
        prepare_photo(buffer.getvalue())
    assert caught.value.reason == "pixels"


def test_a_large_jpeg_is_decoded_small(monkeypatch) -> None:
    """A 48 MP phone photo is accepted, and decoded at a fraction of its size."""
    seen = []
    original = Image.Image.thumbnail

    def spy(self, size, *args, **kwargs):
        seen.append(self.size)
        return original(self, size, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "thumbnail", spy)
    photo = prepare_photo(jpeg_with_gps(size=(8000, 6000)))
    assert max(photo.width, photo.height) == MAX_SIDE
    assert seen and seen[0][0] <= 4000  # drafted to a quarter or less before resizing


def test_no_more_than_two_photos_are_decoded_at_once(monkeypatch) -> None:
    import threading
    import time

    from audits.visits import photo_files as photos

    running, most = [0], [0]
    lock = threading.Lock()
    original = photos._on_white

    def slow(image):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.2)
        with lock:
            running[0] -= 1
        return original(image)

    monkeypatch.setattr(photos, "_on_white", slow)
    data = jpeg_with_gps(size=(800, 600))
    workers = [threading.Thread(target=prepare_photo, args=(data,)) for _ in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert most[0] == 2
