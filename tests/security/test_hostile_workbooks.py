"""Hostile spreadsheets on the admin upload: each is one clear message in a second, with no
server path, and nothing is written."""

import io
import struct
import time
import zipfile

import openpyxl
import pytest
from sqlalchemy.engine import Engine

from audits.importers import ImportRejected, import_stores
from audits.importers.uploads import import_upload
from audits.records.stats import count_rows

pytestmark = pytest.mark.security


def workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_part(data: bytes, part: str, content: bytes | None = None, chunks=()) -> bytes:
    """The workbook with one part replaced (by `content`, or by `chunks` streamed in)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            if entry.filename != part:
                target.writestr(entry, source.read(entry.filename))
        with target.open(part, "w") as stream:
            if content is not None:
                stream.write(content)
            for chunk in chunks:
                stream.write(chunk)
    return out.getvalue()


HEADER = ["store_id", "name", "region", "city"]
SHEET = "xl/worksheets/sheet1.xml"
OPEN = (
    b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
    b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>store_id</t></is></c></row>'
)
CLOSE = b"</sheetData></worksheet>"


def zip_bomb() -> bytes:
    """A few hundred kilobytes that unpack to 300 MB of empty rows."""
    empty = b"<row/>" * 100_000
    chunks = [OPEN, *[empty] * 500, CLOSE]
    return with_part(workbook([HEADER]), SHEET, chunks=chunks)


def entity_bomb() -> bytes:
    def entity(n: int) -> str:
        body = f"&l{n - 1};" * 10 if n else "lol"
        return f'<!ENTITY l{n} "{body}">'

    laughs = "".join(entity(n) for n in range(9)).encode()
    sheet = (
        b'<?xml version="1.0"?><!DOCTYPE w [' + laughs + b"]><worksheet "
        b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&l8;</t></is></c></row>' + CLOSE
    )
    return with_part(workbook([HEADER]), SHEET, content=sheet)


def external_entity() -> bytes:
    sheet = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row>' + CLOSE
    )
    return with_part(workbook([HEADER]), SHEET, content=sheet)


def many_rows() -> bytes:
    """120,000 near-empty rows: small as a file, more than any stores list."""
    rows = b"".join(
        b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(2, 120_002)
    )
    return with_part(workbook([HEADER]), SHEET, content=OPEN + rows + CLOSE)


def broken_properties() -> bytes:
    """A workbook whose document properties are not well-formed XML (found by fuzzing)."""
    return with_part(workbook([HEADER]), "docProps/core.xml", content=b"<cp:core a='1")


def broken_compression() -> bytes:
    """A workbook whose list of parts is not valid deflate data (found by fuzzing)."""
    data = bytearray(workbook([HEADER]))
    entry = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("[Content_Types].xml")
    name_length, extra_length = struct.unpack("<HH", data[entry.header_offset + 26 :][:4])
    # A deflate block of the reserved type 3: zlib stops at once with "invalid block type".
    data[entry.header_offset + 30 + name_length + extra_length] = 0x07
    return bytes(data)


def no_sheet() -> bytes:
    """A workbook whose only sheet's part is missing (found by fuzzing: openpyxl then lists
    no sheet at all)."""
    data = workbook([HEADER])
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            name = entry.filename.replace("sheet1.xml", "sheet9.xml")
            target.writestr(name, source.read(entry.filename))
    return out.getvalue()


CASES = {
    "no sheet": (no_sheet, "no sheet"),
    "broken compression": (broken_compression, "cannot read the file"),
    "broken document properties": (broken_properties, "cannot read the file"),
    "zip bomb": (zip_bomb, "unpacks to"),
    "entity bomb": (entity_bomb, "XML entity declarations"),
    "external entity": (external_entity, "XML entity declarations"),
    "too many rows": (many_rows, "more than 100,000 rows"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_workbook_is_one_message_and_writes_nothing(engine: Engine, case: str) -> None:
    build, words = CASES[case]
    data = build()
    assert len(data) < 3_000_000
    with engine.connect() as conn:
        before = count_rows(conn)
    started = time.perf_counter()
    with pytest.raises(ImportRejected) as caught:
        import_upload(engine, import_stores, "filialen.xlsx", data, None)
    took = time.perf_counter() - started
    (message,) = caught.value.errors
    assert message.startswith("filialen.xlsx:1: ") and words in message
    assert "/tmp" not in message and "Traceback" not in message
    assert took < 10, f"{case} took {took:.1f} s"  # the unguarded reader took minutes
    with engine.connect() as conn:
        assert count_rows(conn) == before
