"""The columns of a submissions export (ODK Central CSV, KoboToolbox XLSX) of a form that
`write_form` made: which holds the visit id, the store, an item's answer, its comment, ...

Central joins group and question with `-` (or leaves the group out), Kobo with `/`; both
may add one 0/1 column per option of a multi-select (`q/option`), and metadata of their own.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from standards.models import Standard
from standards.xlsform.conventions import COMMENT, NA, NOT_APPLICABLE, SECONDS

INSTANCE_COLUMNS = ("meta/instanceid", "meta-instanceid", "instanceid", "_uuid", "key")
"""Where the visit id stands, in order of preference (Kobo's `_uuid` is the instance id too)."""
VISIT_COLUMNS = ("store_id", "shopper", "start", "end", "staff_id")
_METADATA = frozenset(
    {
        "submissiondate",
        "submitterid",
        "submittername",
        "attachmentspresent",
        "attachmentsexpected",
        "status",
        "reviewstate",
        "deviceid",
        "edits",
        "today",
        "username",
        "phonenumber",
        "simserial",
        "subscriberid",
        "email",
        "audit",
        "instancename",
    }
)
_METADATA_PREFIXES = ("_", "meta/", "meta-")


@dataclass(frozen=True)
class Column:
    role: str
    """instance, store_id, shopper, start, end, staff_id, form_version, answer, comment, na,
    option (one 0/1 column of a multi-select) or ignored."""
    item: str = ""
    option: str = ""


def submission_columns(
    standard: Standard, header: Sequence[str]
) -> tuple[dict[str, Column], list[str]]:
    """(column -> its role, the columns that are neither metadata nor part of the form)."""
    known: dict[str, Column] = {name: Column("instance") for name in INSTANCE_COLUMNS}
    known |= {name: Column(name) for name in VISIT_COLUMNS}
    known["formversion"] = Column("form_version")
    for section in standard.sections:
        for item in section.items:
            roles = [("", "answer"), (COMMENT, "comment"), (NOT_APPLICABLE, "na")]
            roles.append((SECONDS, "ignored"))
            for suffix, role in roles:
                for name in _spellings(section.id, item.id + suffix):
                    known.setdefault(name, Column(role, item.id))
            if item.type == "photo":
                # KoboToolbox adds a link to each photo beside its file name.
                for name in _spellings(section.id, item.id + "_url"):
                    known.setdefault(name, Column("ignored"))
            if item.type == "multi_choice":
                options = [option.id for option in item.options] + [NA]
                for name in _spellings(section.id, item.id):
                    for option in options:
                        known.setdefault(f"{name}/{option}", Column("option", item.id, option))
    found, unknown = {}, []
    for column in header:
        name = column.strip().lower()
        if name in known:
            found[column] = known[name]
        elif name in _METADATA or name.startswith(_METADATA_PREFIXES):
            found[column] = Column("ignored")
        else:
            unknown.append(column)
    return found, unknown


def _spellings(group: str, name: str) -> tuple[str, str, str]:
    return f"{group}/{name}", f"{group}-{name}", name
