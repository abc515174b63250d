"""An exercise's material file: a photo loses its metadata, a recording is recognised by its
bytes, anything else is refused; only invited shoppers and reviewers open it."""

import datetime as dt
import io

import pytest
import sqlalchemy as sa
from PIL import Image
from sqlalchemy.engine import Engine

from audits.accounts.people import get_person
from audits.records.db import transaction
from audits.records.tables import standard_versions
from audits.visits.calibration import create_exercise
from audits.visits.exercise_material import (
    MAX_RECORDING,
    MaterialRejected,
    exercise_material,
    material_file,
)


def photo_with_position() -> bytes:
    image = Image.new("RGB", (800, 600), (30, 120, 200))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (53.0, 8.0, 0.0)}  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_a_photo_is_kept_without_its_position_and_a_recording_as_it_is() -> None:
    photo = material_file("Kasse 2.jpeg", photo_with_position())
    assert (photo.name, photo.mime) == ("Kasse 2.jpg", "image/jpeg")
    assert not Image.open(io.BytesIO(photo.data)).getexif()
    call = material_file("anruf.exe", b"ID3" + bytes(2000))
    assert (call.name, call.mime) == ("anruf.mp3", "audio/mpeg")  # named by what it is
    wav = material_file("scene.wav", b"RIFF\0\0\0\0WAVEfmt " + bytes(100))
    assert wav.mime == "audio/wav"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"MZ\x90\x00" + bytes(500), "file_type"),
        (b"ID3" + bytes(MAX_RECORDING), "file_size"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "file_type"),  # a broken picture
    ],
)
def test_anything_else_is_refused_with_its_reason(data: bytes, code: str) -> None:
    with pytest.raises(MaterialRejected) as refused:
        material_file("x", data)
    assert refused.value.code == code


def test_only_the_invited_and_the_reviewers_open_the_material(own_demo: Engine) -> None:
    with transaction(own_demo) as conn:
        reviewer = get_person(conn, "reviewer")
        version = conn.execute(sa.select(sa.func.max(standard_versions.c.id))).scalar_one()
        invited = [get_person(conn, name) for name in ("shopper", "s.becker")]
        exercise = create_exercise(
            conn, reviewer, title="Anruf März", standard_version_id=version, store_id="S07",
            material="Die Aufnahme anhören.", shopper_ids=[p.id for p in invited],
            today=dt.date(2026, 12, 7), material_file=material_file("a.mp3", b"ID3" + bytes(99)),
        )  # fmt: skip
    with own_demo.connect() as conn:
        for person in (*invited, reviewer):
            found = exercise_material(conn, person, exercise)
            assert found is not None and found.data == b"ID3" + bytes(99)
        assert exercise_material(conn, get_person(conn, "m.schulz"), exercise) is None
        assert exercise_material(conn, get_person(conn, "store"), exercise) is None


def test_a_video_or_heic_photo_in_an_mp4_box_is_no_recording() -> None:
    """Found by review: any ISO-BMFF file passed as audio, a HEIC photo with its position
    or a video included."""
    for brand in (b"heic", b"isom", b"qt  "):
        with pytest.raises(MaterialRejected):
            material_file("clip.m4a", b"\x00\x00\x00\x18ftyp" + brand + bytes(64))
    assert material_file("call.m4a", b"\x00\x00\x00\x18ftypM4A " + bytes(64)).mime == "audio/mp4"
