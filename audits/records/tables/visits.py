"""Standards and visits: versions, assignments, visits, their answers, scores, photos and
reviews."""

import sqlalchemy as sa

from audits.records.tables.base import (
    ASSIGNMENT_STATUSES,
    SCORE_REASONS,
    VISIT_STATUSES,
    UTCDateTime,
    created_at_column,
    metadata,
    one_of,
    utcnow,
)
from standards.models import CHANNELS

standard_versions = sa.Table(
    "standard_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("standard_id", sa.String(100), nullable=False),
    sa.Column("version", sa.String(32), nullable=False),
    # JSON of the standard's title: one string, or one string per language.
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("channel", sa.String(16), nullable=False),
    sa.Column("yaml_text", sa.Text, nullable=False),
    created_at_column(),
    sa.UniqueConstraint("standard_id", "version"),
)

# A calibration exercise: several shoppers judge the same interaction (a staged visit, a
# recorded call, a shared e-mail) with the same standard, each on an assignment of their own
# that carries the exercise. Its visits are never reviewed or published, so they count in
# no store's figures (docs/review.md, "Calibration exercises").
calibration_exercises = sa.Table(
    "calibration_exercises",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("standard_version_id", sa.ForeignKey("standard_versions.id"), nullable=False),
    # Visits need a store; the one the material comes from, or any the reviewer picks.
    sa.Column("store_id", sa.ForeignKey("stores.store_id"), nullable=False),
    sa.Column("material", sa.Text, nullable=False),
    # The material itself, when it is a file: a photo (without metadata) or a recording.
    sa.Column("material_name", sa.String(255)),
    sa.Column("material_mime", sa.String(100)),
    sa.Column("material_bytes", sa.LargeBinary),
    sa.Column("created_by", sa.ForeignKey("people.id"), nullable=False),
    created_at_column(),
    sa.Column("closed_at", UTCDateTime()),
    sa.Column("closed_by", sa.ForeignKey("people.id")),
)

assignments = sa.Table(
    "assignments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("store_id", sa.ForeignKey("stores.store_id"), nullable=False, index=True),
    sa.Column("standard_version_id", sa.ForeignKey("standard_versions.id"), nullable=False),
    sa.Column("shopper_id", sa.ForeignKey("people.id"), nullable=False, index=True),
    sa.Column("window_start", sa.Date, nullable=False),
    sa.Column("window_end", sa.Date, nullable=False),
    sa.Column("scenario", sa.Text),
    sa.Column("notes", sa.Text),
    sa.Column("status", sa.String(16), nullable=False, server_default="open"),
    created_at_column(),
    sa.Column("exercise_id", sa.ForeignKey("calibration_exercises.id"), index=True),
    one_of("status", ASSIGNMENT_STATUSES),
)

visits = sa.Table(
    "visits",
    metadata,
    # Made by the client, so a double click or a retry cannot create a second visit.
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("store_id", sa.ForeignKey("stores.store_id"), nullable=False, index=True),
    sa.Column(
        "standard_version_id",
        sa.ForeignKey("standard_versions.id"),
        nullable=False,
        index=True,
    ),
    # Imported visits may come from an agency whose shoppers have no account here.
    sa.Column("shopper_id", sa.ForeignKey("people.id"), index=True),
    sa.Column("assignment_id", sa.ForeignKey("assignments.id")),
    sa.Column("staff_id", sa.ForeignKey("staff.staff_id"), index=True),
    sa.Column("staff_description", sa.Text),
    sa.Column("channel", sa.String(16), nullable=False),
    sa.Column("started_at", UTCDateTime(), nullable=False, index=True),
    sa.Column("ended_at", UTCDateTime()),
    sa.Column("status", sa.String(16), nullable=False, server_default="draft", index=True),
    sa.Column("submitted_at", UTCDateTime()),
    # When a reviewer published it; the store's dispute period counts from here.
    sa.Column("approved_at", UTCDateTime()),
    # Set for the visit of a calibration exercise: never reviewed, never published.
    sa.Column("exercise_id", sa.ForeignKey("calibration_exercises.id"), index=True),
    created_at_column(),
    sa.Column(
        "updated_at",
        UTCDateTime(),
        nullable=False,
        default=utcnow,
        onupdate=utcnow,
        server_default=sa.func.current_timestamp(),
    ),
    one_of("status", VISIT_STATUSES),
    one_of("channel", CHANNELS),
    # One visit per assignment: a second device resumes the same draft.
    sa.Index("uq_visits_assignment_id", "assignment_id", unique=True),
)

answers = sa.Table(
    "answers",
    metadata,
    # The primary key leads with visit_id, so it also serves "all answers of a visit".
    sa.Column("visit_id", sa.ForeignKey("visits.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("item_id", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text),
    sa.Column("is_na", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("comment", sa.Text),
    # Filled when the visit is scored (submit or import), with the visit's standard version.
    sa.Column("applicable", sa.Boolean),
    sa.Column("passed", sa.Boolean),
    sa.Column("earned", sa.Float),
    sa.Column("possible", sa.Float),
    sa.Column("reason", sa.String(16)),
    one_of("reason", SCORE_REASONS),
    # The gap report's training examples: the few failed answers with a comment, found
    # without reading every answer of the period.
    sa.Index(
        "ix_answers_failed_comments",
        "visit_id",
        sqlite_where=sa.text("reason = 'failed' AND comment IS NOT NULL"),
        postgresql_where=sa.text("reason = 'failed' AND comment IS NOT NULL"),
    ),
)

visit_scores = sa.Table(
    "visit_scores",
    metadata,
    sa.Column("visit_id", sa.ForeignKey("visits.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("standard_version_id", sa.ForeignKey("standard_versions.id"), nullable=False),
    # NULL when no section had a score (nothing applicable was answered).
    sa.Column("score", sa.Float),
    sa.Column("computed", sa.Float),
    sa.Column("critical_failed", sa.Boolean, nullable=False),
    # The band is named by its min in that version; labels come from the version's text.
    sa.Column("band_min", sa.Float),
    sa.Column("earned", sa.Float, nullable=False),
    sa.Column("possible", sa.Float, nullable=False),
    # The score counting only items with `subject: staff` (NULL when none applied).
    sa.Column("staff_score", sa.Float),
    sa.Column(
        "scored_at",
        UTCDateTime(),
        nullable=False,
        default=utcnow,
        server_default=sa.func.current_timestamp(),
    ),
)

section_scores = sa.Table(
    "section_scores",
    metadata,
    sa.Column("visit_id", sa.ForeignKey("visits.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("section_id", sa.String(100), primary_key=True),
    sa.Column("earned", sa.Float, nullable=False),
    sa.Column("possible", sa.Float, nullable=False),
    sa.Column("score", sa.Float),
)

attachments = sa.Table(
    "attachments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "visit_id",
        sa.ForeignKey("visits.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("item_id", sa.String(100)),
    sa.Column("filename", sa.String(255), nullable=False),
    sa.Column("mime", sa.String(100), nullable=False),
    sa.Column("bytes", sa.LargeBinary, nullable=False),
    sa.Column("width", sa.Integer),
    sa.Column("height", sa.Integer),
    # Of the stored bytes: the same photo handed in for two visits has the same value.
    sa.Column("sha256", sa.String(64), index=True),
    created_at_column(),
)

reviews = sa.Table(
    "reviews",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("visit_id", sa.ForeignKey("visits.id"), nullable=False, index=True),
    sa.Column("reviewer_id", sa.ForeignKey("people.id"), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("reason", sa.Text),
    created_at_column(),
)
