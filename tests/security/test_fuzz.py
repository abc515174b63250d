"""Fuzzing the doors where outside text comes in: the standards loader, the stores and staff
uploads (CSV and XLSX), and answer parsing. Whatever comes in, the only way out is our own
error with a message (StandardError, ImportRejected, AnswerError), within bounded time and
memory, and a refused upload leaves the database as it was.

`make test` runs 300 inputs per door (`make check` 100), the same ones on every run; `make fuzz`
runs FUZZ_EXAMPLES (10,000) new ones per door.
"""

import datetime as dt
import io
import os
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from ruamel.yaml import YAML

from audits.accounts.people import add_person
from audits.importers.result import ImportRejected
from audits.importers.staff import import_staff
from audits.importers.stores import import_stores
from audits.importers.uploads import import_upload
from audits.records.db import open_database, transaction
from audits.records.tables import staff, stores
from standards.answers import AnswerError, parse_answer
from standards.errors import StandardError
from standards.loader import check_standard_text, load_library

pytestmark = pytest.mark.security

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
SHORT_RUN = 300
LONG_RUN = EXAMPLES > SHORT_RUN
MAX_SECONDS = 5.0
MAX_MEMORY = 128 * 1024 * 1024

fuzz = settings(
    max_examples=EXAMPLES,
    # The short run is the same on every machine and every run; the long one explores.
    derandomize=not LONG_RUN,
    database=None,
    deadline=dt.timedelta(seconds=MAX_SECONDS),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def bounded(call: Callable[[], object], allowed: type[BaseException]) -> BaseException | None:
    """Runs `call`; returns the allowed error it raised, if any. Any other exception escapes
    (and fails the test); so does a peak of more than MAX_MEMORY traced bytes."""
    tracemalloc.start()
    try:
        call()
    except allowed as error:
        return error
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert peak < MAX_MEMORY, f"{peak / 2**20:.0f} MiB for one input"
    return None


# --- the standards loader -------------------------------------------------------------------

SEED = (ROOT / "standards" / "library" / "email-chat-enquiry.yaml").read_text(encoding="utf-8")
YAML_BITS = [
    "&a ", "*a", "<<: *a\n", "[", "]", "{", "}", "- ", ": ", ", ", "\n", "\n  ", "\t", "'",
    '"', "#", "|\n", ">-\n", "!!python/object/apply:os.system ['id']", "!!binary ", "%YAML 1.2\n",
    "---\n", "...\n", "?", "\x00", "\ufeff", "\u2028", "1e9999", "-.inf", ".nan", "0x1F",
    "~", "null", "yes", "no", "on", "2026-13-45", "12:30:00", "type: ", "id: ", "weight: ",
    "options:\n  - ", "show_if: {all: [", "{item: a, equals: b}", "na", "\\u0000", "€", "😀",
]  # fmt: skip


@st.composite
def mutated_standard(draw: st.DrawFn) -> str:
    """The shipped e-mail standard with a few snippets cut, replaced or inserted."""
    text = SEED
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 40))
        piece = draw(st.sampled_from(YAML_BITS) | st.text(max_size=12))
        text = text[:at] + piece + text[at + cut :]
    return text


def _dumped(tree: object) -> str:
    out = io.StringIO()
    YAML().dump(tree, out)
    return out.getvalue()


scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
keys = st.sampled_from(["id", "title", "sections", "items", "type", "text", "options", "weight",
                        "show_if", "bands", "channel", "languages", "de", "en", "x"])  # fmt: skip
trees = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=40,
)
yaml_inputs = (
    mutated_standard()
    | st.text(alphabet=st.sampled_from(list("abc:-[]{}&*!|>'\"#,? \n\t0123.")), max_size=400)
    | trees.map(_dumped)
)


@fuzz
@given(text=yaml_inputs)
def test_the_standards_loader_answers_every_text_with_its_own_errors(text: str) -> None:
    error = bounded(lambda: check_standard_text(text, "fuzz.yaml"), StandardError)
    if error is not None:
        # Every problem names the file, a place in it and an E code.
        assert error.problems
        for problem in error.problems:
            assert problem.path == "fuzz.yaml" and problem.line >= 1
            assert problem.code.startswith("E") and problem.message


# --- the stores and staff uploads -----------------------------------------------------------


@pytest.fixture(scope="module")
def chain(tmp_path_factory) -> tuple[sa.Engine, int]:
    engine = open_database(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}")
    seed = tmp_path_factory.getbasetemp() / "seed.csv"
    seed.write_text("store_id,name,region,city\nS1,Eins,Nord,Kiel\n", encoding="utf-8")
    with transaction(engine) as conn:
        import_stores(conn, seed)
        admin = add_person(conn, "fuzz-admin", "Fuzz", ["admin"])
    return engine, admin.id


def _snapshot(engine: sa.Engine) -> list:
    with engine.connect() as conn:
        return [conn.execute(sa.select(table)).all() for table in (stores, staff)]


def _upload(chain, name: str, data: bytes) -> None:
    engine, admin = chain
    importer = import_stores if name.startswith("stores") else import_staff
    before = _snapshot(engine)
    if bounded(lambda: import_upload(engine, importer, name, data, admin), ImportRejected):
        # A refused file changes nothing: not one row, not half of one.
        assert _snapshot(engine) == before


cells = st.text(max_size=30) | st.sampled_from(
    ["S1", "S2", "Nord", "=1+1", "@SUM(A1)", "-2", "+49", "ja", "nein", "0", "", " ", "\x00",
     "1,5", "2026-12-07", "\r\n", '"', ";", "\t", "x" * 300]
)  # fmt: skip
headers = st.lists(
    st.sampled_from(["store_id", "name", "region", "city", "district", "address", "active",
                     "staff_id", "display_name", "code", "Store_ID", " name ", "", "x"]),
    min_size=1, max_size=8,
)  # fmt: skip


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    header = draw(headers)
    rows = draw(st.lists(st.lists(cells, max_size=len(header) + 2), max_size=12))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    text = "\n".join(delimiter.join(row) for row in [header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
    return text.encode(encoding, errors="replace")


@fuzz
@given(
    name=st.sampled_from(["stores.csv", "staff.csv"]),
    data=csv_files() | st.binary(max_size=600),
)
def test_a_csv_upload_is_imported_or_refused_whole(chain, name: str, data: bytes) -> None:
    _upload(chain, name, data)


@st.composite
def workbooks(draw: st.DrawFn) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(draw(headers))
    values = cells | st.integers(-(10**12), 10**12) | st.floats(allow_nan=False) | st.booleans()
    for row in draw(st.lists(st.lists(values, max_size=8), max_size=10)):
        # Control characters a workbook cannot hold are for the damaged files below.
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@st.composite
def damaged_workbooks(draw: st.DrawFn) -> bytes:
    """A real workbook with bytes changed, cut short, or one of its parts rewritten."""
    data = bytearray(draw(workbooks()))
    how = draw(st.sampled_from(["flip", "cut", "part"]))
    # Places are drawn as shares of the length: the saved bytes carry the time of saving, so
    # their length may differ when hypothesis replays an input.
    share = st.floats(0, 1, exclude_max=True)
    if how == "flip":
        for at, value in draw(st.lists(st.tuples(share, st.integers(0, 255)), min_size=1)):
            data[int(at * len(data))] = value
        return bytes(data)
    if how == "cut":
        return bytes(data[: int(draw(share) * len(data))])
    source = zipfile.ZipFile(io.BytesIO(bytes(data)))
    victim = draw(st.sampled_from(source.namelist()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            body = source.read(name)
            if name == victim:
                body = draw(st.binary(max_size=200) | st.just(body[: len(body) // 2]))
            target.writestr(name, body)
    return out.getvalue()


@fuzz
@given(
    name=st.sampled_from(["stores.xlsx", "staff.xlsx"]),
    data=workbooks() | damaged_workbooks(),
)
def test_an_excel_upload_is_imported_or_refused_whole(chain, name: str, data: bytes) -> None:
    _upload(chain, name, data)


# --- answer parsing -------------------------------------------------------------------------

ITEMS = [
    item
    for standard in load_library(ROOT / "standards" / "library")
    for section in standard.sections
    for item in section.items
]
ODD_ANSWERS = ["ja", "Nein", "N/A", "n.a.", "1:30", "90", "1,5", "1.5", "1.234,5", "1,234.5",
               "1e3", "-0", "١٢", "12:60", "31.02.2026", "2026-02-29", "a;b", "floor, tables",
               "nothing", "🙂", "\u00a0yes\u00a0"]  # fmt: skip
ticks = st.lists(st.sampled_from(["a", "b", "floor", "tables", "bins", "nothing"]), max_size=4)
raw_answers = st.text(max_size=40) | st.sampled_from(ODD_ANSWERS) | ticks.map(";".join)


@fuzz
@given(item=st.sampled_from(ITEMS), raw=raw_answers)
def test_an_answer_is_parsed_or_refused_and_its_parsed_form_stays_put(item, raw: str) -> None:
    parsed = []
    error = bounded(lambda: parsed.append(parse_answer(item, raw)), AnswerError)
    if error is not None:
        assert error.item_id == item.id and str(error)
        return
    [answer] = parsed
    if not answer.na:
        # What was stored reads back as itself: a reload or an export changes nothing.
        assert parse_answer(item, answer.value) == answer
