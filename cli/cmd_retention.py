"""`mystery-audit retention [--dry-run]`: apply the organisation's retention settings."""

import argparse
import datetime as dt

from cli.output import add_db_option, open_engine

LINES = (
    ("staff_links", "visits {} their staff member", ("lost", "would lose")),
    ("staff_descriptions", "visits {} the words on who served the shopper", ("lost", "would lose")),
    ("photos", "photos {}", ("deleted", "would be deleted")),
    ("sessions", "ended sessions {}", ("deleted", "would be deleted")),
    ("throttle_rows", "expired log-in throttle rows {}", ("deleted", "would be deleted")),
)


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    retention = commands.add_parser(
        "retention",
        help="remove staff links, photos, sessions and throttle rows that are due",
        description="Apply the retention settings (Admin > Settings; docs/privacy.md): "
        "visits older than the staff limit lose their staff member and the shopper's words "
        "on who served them, photos older than the photo limit are deleted, ended sessions "
        "and expired log-in throttle rows go. Scores and answers stay. The app does the "
        "same once a day.",
    )
    retention.add_argument(
        "--dry-run", action="store_true", help="only count what would be removed"
    )
    add_db_option(retention)
    retention.set_defaults(run=run_retention)


def run_retention(args: argparse.Namespace) -> int:
    from audits.records.db import transaction
    from audits.visits.retention import apply_retention

    with transaction(open_engine(args)) as conn:
        removed = apply_retention(conn, dt.datetime.now(dt.UTC), dry_run=args.dry_run)
    for field, words, verbs in LINES:
        print(f"{getattr(removed, field)} " + words.format(verbs[args.dry_run]))
    return 0
