"""Every problem of an XLSForm import or export: a stable code and a message template per kind.

X0.. codes are errors (nothing is written), X1.. codes are warnings (something that only
decorated the form was dropped, or a setting was assumed). Problems the standard's own checks
find in the converted form keep their E or W code (docs/standards-format.md).
"""

from dataclasses import dataclass

CODES: dict[str, str] = {
    "X001": "the file cannot be read as an XLSForm",
    "X002": "a sheet or column the form needs is missing",
    "X003": "a question type the checklist language has no equivalent for",
    "X004": "a repeat group",
    "X005": "a question outside any group",
    "X006": "a name that cannot be an id",
    "X007": "a name used twice",
    "X008": "a select question whose choice list is missing or empty",
    "X009": "a relevant expression outside the supported subset",
    "X010": "a relevant expression naming an unknown or later question, or its own",
    "X011": "a pass_if or points cell that cannot be read",
    "X012": "a text missing in one language",
    "X013": "a value that is not allowed in a scoring column",
    "X014": "begin_group and end_group do not match",
    "X015": "a column whose language cannot be told",
    "X016": "an item_type that does not fit the question",
    "X017": "a column that would change what is asked (choice_filter, or_other, ...)",
    "X018": "a standard that cannot be written as an XLSForm as it is",
    "X101": "a note is dropped",
    "X102": "a calculation is dropped",
    "X103": "a constraint is dropped",
    "X104": "a nested group is merged into its section",
    "X105": "a column the checklist cannot hold is dropped",
    "X106": "a setting is assumed or adjusted",
    "X107": "the show_if column disagrees with relevant; relevant is used",
}

KINDS: dict[str, tuple[str, str]] = {
    "unreadable": ("X001", "cannot read the file: {detail}"),
    "no_sheet": ("X002", "the form has no '{name}' sheet"),
    "no_column": ("X002", "the '{name}' sheet has no '{column}' column"),
    "type": ("X003", "type '{type}' has no equivalent in a checklist{hint}"),
    "repeat": ("X004", "repeat '{name}': repeated questions cannot be carried over"),
    "outside": ("X005", "'{name}' is outside any group; put it into a group (a section)"),
    "bad_name": ("X006", "'{name}' cannot be an id: use only a-z, 0-9, _ and -"),
    "bad_form_name": ("X018", "{what} '{name}' cannot be an XLSForm name: {why}"),
    "duplicate": ("X007", "'{name}' is used twice (first on row {first})"),
    "no_list": ("X008", "choice list '{list}' is not on the choices sheet"),
    "relevant": ("X009", "relevant '{text}' cannot be read: {detail}"),
    "reference": ("X010", "relevant names '{name}', {why}"),
    "range": ("X011", "{column} '{text}' cannot be read: {detail}"),
    "no_text": ("X012", "{column} is empty; every {what} needs one"),
    "missing_text": ("X012", "{column} has no text for '{lang}' (the form is in {languages})"),
    "value": ("X013", "{column} '{value}' is not allowed: {allowed}"),
    "group_end": ("X014", "{detail}"),
    "language": (
        "X015",
        "cannot tell the language of column '{column}'; write it as '{base}::German (de)'",
    ),
    "marker": ("X016", "item_type '{marker}' does not fit {what}"),
    "changes_question": ("X017", "{column} cannot be carried over: it changes what is asked"),
    "export": ("X018", "{detail}"),
    "note": ("X101", "note '{name}' is dropped: a checklist has no notes"),
    "calculate": ("X102", "calculation '{name}' is dropped"),
    "constraint": (
        "X103",
        "the constraint of '{name}' is dropped; the standard checks answers by the item's type",
    ),
    "nested": ("X104", "group '{name}' inside '{section}' is merged into section '{section}'"),
    "dropped": ("X105", "{column} of '{name}' is dropped: a checklist has no {what}"),
    "assumed": ("X106", "{detail}"),
    "show_if_stale": ("X107", "the show_if column of '{name}' disagrees with relevant"),
}


@dataclass(frozen=True, order=True)
class FormProblem:
    """One problem at a row of a sheet (`sheet` empty: the whole file)."""

    path: str
    sheet: str
    row: int
    code: str
    message: str

    @property
    def warning(self) -> bool:
        return self.code.startswith(("X1", "W"))

    def __str__(self) -> str:
        if not self.sheet:
            return f"{self.path}: {self.code} {self.message}"
        return f"{self.path}:{self.sheet}:{self.row}: {self.code} {self.message}"


class FormError(Exception):
    """A form or a standard could not be converted; `problems` holds every error."""

    def __init__(self, problems: list[FormProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class Problems:
    """Collects the problems of one file, errors and warnings alike, in the order found."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.found: list[FormProblem] = []

    def add(self, kind: str, sheet: str = "", row: int = 0, **fields: object) -> None:
        code, template = KINDS[kind]
        self.found.append(FormProblem(self.path, sheet, row, code, template.format(**fields)))

    def errors(self) -> list[FormProblem]:
        return [problem for problem in self.found if not problem.warning]

    def warnings(self) -> list[FormProblem]:
        return [problem for problem in self.found if problem.warning]
