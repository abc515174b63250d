"""The material of a calibration exercise as a file: a photo, kept without its metadata as
the visit form keeps photos, or a recording; opened only by the shoppers invited and by
those who run exercises."""

from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.accounts.access import can, scoped
from audits.records.models import Person
from audits.records.tables import assignments, calibration_exercises
from audits.visits.photo_files import PhotoRejected, prepare_photo


class MaterialRejected(ValueError):
    """Not a file an exercise keeps; `code` names the reason for the UI's message catalog
    (`calib.<code>`)."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


@dataclass(frozen=True)
class MaterialFile:
    """The exercise's material as a file, checked: what the shoppers open."""

    name: str
    mime: str
    data: bytes


MAX_RECORDING = 20 * 1024 * 1024
"""A few minutes of a call or a scene; a photo has the visit form's own limit."""


SUFFIXES = {"audio/mpeg": ".mp3", "audio/wav": ".wav", "audio/ogg": ".ogg", "audio/mp4": ".m4a"}
"""A recording is named for what it is, whatever the uploaded name said."""


def _recording_mime(data: bytes) -> str | None:
    """What a recording is, from its first bytes (never from its name)."""
    if data[:3] == b"ID3" or data[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "audio/mpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "audio/wav"
    if data[:4] == b"OggS":
        return "audio/ogg"
    # Only audio brands: HEIC, AVIF and video share the container and would keep a
    # photo's position or a film's faces unexamined.
    if data[4:8] == b"ftyp" and data[8:12] in (b"M4A ", b"M4B "):
        return "audio/mp4"
    return None


def material_file(name: str, data: bytes) -> MaterialFile:
    """A photo, re-encoded without its metadata (GPS, camera) as the visit form does, or a
    recording (MP3, M4A, WAV, Ogg) up to 20 MB; raises MaterialRejected otherwise."""
    stem = Path(name).stem[:200] or "material"
    mime = _recording_mime(data)
    if mime is not None:
        if len(data) > MAX_RECORDING:
            raise MaterialRejected("file_size", f"at most {MAX_RECORDING:,} bytes")
        return MaterialFile(f"{stem}{SUFFIXES[mime]}", mime, data)
    try:
        photo = prepare_photo(data)
    except PhotoRejected as problem:
        code = "file_type" if problem.reason == "not_image" else "file_photo"
        raise MaterialRejected(code, str(problem)) from problem
    return MaterialFile(f"{stem}.jpg", photo.mime, photo.data)


@scoped
def exercise_material(conn: Connection, person: Person, exercise_id: int) -> MaterialFile | None:
    """The exercise's material file for someone invited to it or running exercises; None
    when it has none, or the person may not open it."""
    invited = conn.execute(
        sa.select(assignments.c.id).where(
            assignments.c.exercise_id == exercise_id, assignments.c.shopper_id == person.id
        )
    ).first()
    if invited is None and not can(person, "run_calibration"):
        return None
    row = conn.execute(
        sa.select(
            calibration_exercises.c.material_name,
            calibration_exercises.c.material_mime,
            calibration_exercises.c.material_bytes,
        ).where(calibration_exercises.c.id == exercise_id)
    ).first()
    if row is None or row.material_bytes is None:
        return None
    return MaterialFile(row.material_name, row.material_mime, bytes(row.material_bytes))
