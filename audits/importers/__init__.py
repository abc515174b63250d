"""CSV/XLSX importers: all-or-nothing, every bad row reported as `FILE:ROW: message`."""

from audits.importers.reader import Row, Sheet, read_sheet
from audits.importers.result import ImportRejected, ImportResult, Problems
from audits.importers.staff import import_staff
from audits.importers.stores import import_stores
from audits.importers.submissions import import_submissions
from audits.importers.users import import_users
from audits.importers.visits import import_visits

__all__ = [
    "ImportRejected",
    "ImportResult",
    "Problems",
    "Row",
    "Sheet",
    "import_staff",
    "import_stores",
    "import_submissions",
    "import_users",
    "import_visits",
    "read_sheet",
]
