"""The report opens in LibreOffice: a headless conversion to PDF succeeds and every sheet
reaches the pages, with the figures where the sheets put them."""

import shutil
import subprocess

import pytest

from scoring.report import sheet_titles
from tests.scoring.report.sample import written

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory) -> str:
    if SOFFICE is None or PDFTOTEXT is None:
        pytest.fail(
            "LibreOffice or pdftotext is missing: `make test` installs them "
            "(apt-get install -y libreoffice-calc-nogui poppler-utils)",
            pytrace=False,
        )
    folder = tmp_path_factory.mktemp("office")
    workbook = written(folder, "de")
    profile = (folder / "profile").as_uri()
    done = subprocess.run(  # noqa: S603 -- LibreOffice on our own file
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(workbook),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    pdf = folder / workbook.with_suffix(".pdf").name
    assert done.returncode == 0 and pdf.exists(), done.stdout + done.stderr
    text = subprocess.run(  # noqa: S603
        [PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text


def test_every_sheet_reaches_the_printed_pages(pdf_text: str) -> None:
    pages = pdf_text.split("\f")
    headers = {page.splitlines()[0].split("  ")[0].strip() for page in pages if page.strip()}
    # The names themselves are checked against the workbook in test_report_workbook.py.
    assert headers >= set(sheet_titles("de").values())


def test_figures_print_in_the_sheets_formats(pdf_text: str) -> None:
    # LibreOffice renders the formats in its own (English) locale here.
    assert "81.3" in pdf_text  # mean score 81.25 at one decimal
    assert "-25.0 Pp." in pdf_text  # critical failures against the period before
    assert "50.0%" in pdf_text  # the top gap's fail rate
    assert "10.03.2026 10:00" in pdf_text  # the first visit, German date format
    assert '=HYPERLINK("http://evil.example","Klick")' in pdf_text  # text, not a link
