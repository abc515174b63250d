"""The workbook's named styles: one per kind of column, plus headings and region rows.

Every style names its font (without one, LibreOffice falls back to a serif face) and sits
at the top of its cell, so a row with wrapped text reads from its first line."""

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

FONT = "Calibri"
HEADER_FILL = "1F4E78"
REGION_FILL = "D9E1F2"

NUMBER_FORMATS = {
    "int": "#,##0",
    "score": "0.0",
    "rate": "0.0%",
    "rate0": "0%",
    "signed": "+0.0;-0.0;0.0",
    "signed_int": "+#,##0;-#,##0;0",
    "p": "0.000",
}
"""Number formats by column kind; xlsx formats are neutral and each spreadsheet shows them
with the reader's decimal mark."""

LANGUAGE_FORMATS = {
    "de": {
        "date": "DD.MM.YYYY",
        "datetime": "DD.MM.YYYY HH:MM",
        "points": '+0.0" Pp.";-0.0" Pp.";0.0" Pp."',
    },
    "en": {
        "date": "YYYY-MM-DD",
        "datetime": "YYYY-MM-DD HH:MM",
        "points": '+0.0" pp";-0.0" pp";0.0" pp"',
    },
}
"""Dates as German readers write them, English ones in ISO form (clear in every country);
changes of a rate in percentage points, the unit in each language's abbreviation."""


def style_name(kind: str) -> str | None:
    """The named style of a column kind (None: plain cells)."""
    return None if kind in ("text", "yesno") else f"ma_{kind}"


def _style(name: str, *, font: Font | None = None, **options: object) -> NamedStyle:
    alignment = options.pop("alignment", Alignment(vertical="top"))
    return NamedStyle(
        name=name, font=font or Font(name=FONT, size=11), alignment=alignment, **options
    )


def add_styles(book: Workbook, lang: str) -> None:
    """Register every style the sheets use (write-only books need them up front)."""
    formats = NUMBER_FORMATS | LANGUAGE_FORMATS[lang]
    for kind, number_format in formats.items():
        book.add_named_style(_style(f"ma_{kind}", number_format=number_format))
    book.add_named_style(_style("ma_text"))
    book.add_named_style(_style("ma_wrap", alignment=Alignment(wrap_text=True, vertical="top")))
    book.add_named_style(
        _style(
            "ma_datetime_left",
            number_format=formats["datetime"],
            alignment=Alignment(horizontal="left", vertical="top"),
        )
    )
    white = Font(name=FONT, size=11, bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    book.add_named_style(
        _style(
            "ma_header",
            font=white,
            fill=fill,
            alignment=Alignment(wrap_text=True, vertical="top"),
        )
    )
    book.add_named_style(
        _style(
            "ma_rotated",
            font=Font(name=FONT, size=9, bold=True, color="FFFFFF"),
            fill=fill,
            alignment=Alignment(text_rotation=90, wrap_text=True, vertical="bottom"),
        )
    )
    book.add_named_style(_style("ma_title", font=Font(name=FONT, bold=True, size=16)))
    book.add_named_style(_style("ma_heading", font=Font(name=FONT, bold=True, size=12)))
    book.add_named_style(_style("ma_label", font=Font(name=FONT, size=11, bold=True)))
    link = Font(name=FONT, size=11, color="0563C1", underline="single")
    book.add_named_style(_style("ma_link", font=link))
    book.add_named_style(
        _style("ma_link_wrap", font=link, alignment=Alignment(wrap_text=True, vertical="top"))
    )
    thin = Side(style="thin", color="8EA9DB")
    region = {
        "font": Font(name=FONT, size=11, bold=True),
        "fill": PatternFill("solid", fgColor=REGION_FILL),
        "border": Border(top=thin),
    }
    book.add_named_style(_style("ma_region", **region))
    book.add_named_style(_style("ma_region_rate", number_format=NUMBER_FORMATS["rate0"], **region))
