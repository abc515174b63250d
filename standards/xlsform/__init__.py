"""XLSForm in and out: the open form standard of ODK, KoboToolbox, SurveyCTO and Ona.

`read_form` turns a form into a standard's YAML (problems at FORM:SHEET:ROW), `write_form`
writes a standard as a form that ODK tools accept, with every scoring detail in columns the
tools ignore, so the round trip keeps the version. Pure: no database. docs/xlsform.md.
"""

from standards.xlsform.codes import CODES, FormError, FormProblem
from standards.xlsform.export_form import write_form
from standards.xlsform.import_form import FormResult, read_form
from standards.xlsform.submission_columns import Column, submission_columns

__all__ = [
    "CODES",
    "Column",
    "FormError",
    "FormProblem",
    "FormResult",
    "read_form",
    "submission_columns",
    "write_form",
]
