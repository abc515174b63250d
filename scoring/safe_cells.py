"""Text cells that a spreadsheet would read as a formula are written as plain text.

A store or staff name such as `=HYPERLINK(...)` or `@SUM(...)` in a CSV or workbook would run
as a formula when opened (CSV injection). Such text gets a leading apostrophe, which
spreadsheets show as text and do not evaluate; numbers stay numbers.
"""

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: object) -> object:
    """The value, with an apostrophe in front when it is text that starts like a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text columns are made safe; numeric columns are left as they are."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]) and not pd.api.types.is_bool_dtype(
            safe[column]
        ):
            safe[column] = safe[column].map(safe_text)
    return safe


def safe_csv(frame: pd.DataFrame, *, sep: str = ",", decimal: str = ".") -> bytes:
    """CSV bytes (UTF-8 with BOM, so spreadsheets detect the encoding) of a safe copy;
    German spreadsheets expect sep=";" and decimal=","."""
    text: str = safe_frame(frame).to_csv(index=False, sep=sep, decimal=decimal)
    return text.encode("utf-8-sig")
