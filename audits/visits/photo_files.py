"""Photos handed in with a visit: checked, downscaled and stripped before they are stored.

Only the server's own decoding is trusted: the file name and the browser's content type say
nothing. The stored copy is a fresh JPEG without any metadata, so GPS positions, camera serial
numbers and the like never reach the database.
"""

import hashlib
import io
import threading
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 50_000_000
"""Bigger JPEGs are refused before decoding (a small file can unpack to gigabytes). A JPEG
is decoded at a fraction of its size (draft mode), so even 50 MP costs little memory."""
MAX_PIXELS_FULL = 24_000_000
"""PNG and WebP decode in full: 24 MP as RGBA is 96 MB, the most one decode may take."""
DECODES_AT_ONCE = threading.BoundedSemaphore(2)
"""Decoding is the memory peak: many shoppers uploading at once queue here."""
MAX_SIDE = 1600
"""Long side of the stored copy: enough to read a price tag, small enough for a phone."""
ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "MPO": "JPEG"}
JPEG_QUALITY = 85


class PhotoRejected(ValueError):
    """The upload is not a photo we keep. `reason` names a message: not_image, type, size,
    pixels."""

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        super().__init__(message)


@dataclass(frozen=True)
class Photo:
    data: bytes
    mime: str
    width: int
    height: int
    sha256: str


def prepare_photo(data: bytes) -> Photo:
    """The photo as it will be stored; raises PhotoRejected with the reason otherwise."""
    if len(data) > MAX_BYTES:
        raise PhotoRejected("size", f"the file has {len(data):,} bytes; at most {MAX_BYTES:,}")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format or ""
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise PhotoRejected("not_image", f"the file is not a readable image ({error})") from None
    except Image.DecompressionBombError:
        raise PhotoRejected("pixels", "the image has too many pixels") from None
    if kind not in ALLOWED_FORMATS:
        allowed = ", ".join(sorted(set(ALLOWED_FORMATS.values())))
        raise PhotoRejected("type", f"{kind or 'this'} images are not accepted; use {allowed}")
    limit = MAX_PIXELS if ALLOWED_FORMATS[kind] == "JPEG" else MAX_PIXELS_FULL
    if width * height > limit:
        raise PhotoRejected("pixels", f"the image has {width} x {height} pixels; too many")
    try:
        with DECODES_AT_ONCE, Image.open(io.BytesIO(data)) as image:
            # A JPEG decodes straight at a half, quarter or eighth of its size while both
            # sides stay above the stored long side: far less memory, the same result.
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))
            # Phones store the camera's orientation as a tag; apply it before dropping the tags.
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
            flat = _on_white(upright)
    except (OSError, ValueError) as error:
        raise PhotoRejected("not_image", f"the image could not be decoded ({error})") from None
    out = io.BytesIO()
    flat.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    stored = out.getvalue()
    return Photo(stored, "image/jpeg", flat.width, flat.height, hashlib.sha256(stored).hexdigest())


def _on_white(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")
