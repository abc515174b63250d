"""The tables, as SQLAlchemy Core, on one metadata. Only Alembic migrations create them
(audits/records/migrations); a test compares the migrated schema with this metadata, so a
change here needs a migration.

The tables live in modules by what they hold (people.py, visits.py, workflow.py,
figures.py) and are all named here, so code imports them from `audits.records.tables`.
"""

from audits.records.tables.base import (
    ACTION_SOURCES,
    ACTION_STATUSES,
    ASSIGNMENT_STATUSES,
    DISPUTE_STATUSES,
    LANGUAGES,
    ROLES,
    SCORE_REASONS,
    STAFF_DISPLAYS,
    VISIT_STATUSES,
    UTCDateTime,
    metadata,
    utcnow,
)
from audits.records.tables.figures import (
    data_versions,
    item_months,
    item_recent,
    section_months,
    settings,
)
from audits.records.tables.people import (
    login_failures,
    people,
    person_regions,
    person_roles,
    person_stores,
    regions,
    sessions,
    staff,
    stores,
)
from audits.records.tables.visits import (
    answers,
    assignments,
    attachments,
    calibration_exercises,
    reviews,
    section_scores,
    standard_versions,
    visit_scores,
    visits,
)
from audits.records.tables.workflow import (
    actions,
    audit_log,
    disputes,
    notices,
)

__all__ = [
    "ACTION_SOURCES",
    "ACTION_STATUSES",
    "ASSIGNMENT_STATUSES",
    "DISPUTE_STATUSES",
    "LANGUAGES",
    "ROLES",
    "SCORE_REASONS",
    "STAFF_DISPLAYS",
    "VISIT_STATUSES",
    "UTCDateTime",
    "actions",
    "answers",
    "assignments",
    "attachments",
    "audit_log",
    "calibration_exercises",
    "data_versions",
    "disputes",
    "item_months",
    "item_recent",
    "login_failures",
    "metadata",
    "notices",
    "people",
    "person_regions",
    "person_roles",
    "person_stores",
    "regions",
    "reviews",
    "section_months",
    "section_scores",
    "sessions",
    "settings",
    "staff",
    "standard_versions",
    "stores",
    "utcnow",
    "visit_scores",
    "visits",
]
