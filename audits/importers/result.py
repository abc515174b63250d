"""What an import reports: counts when it worked, every bad row when it did not."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One problem as the app's forms show it: the column it concerns and a code for the
    message catalog (`import.error.<code>`, filled with `params`); None where the English
    line is all there is."""

    field: str | None
    code: str | None
    params: dict[str, object]
    message: str


class ImportRejected(Exception):
    """Nothing was written; `errors` holds one `FILE:ROW: message` line per problem,
    `problems` the same with their column and code."""

    def __init__(self, errors: list[str], problems: list[Problem] | None = None) -> None:
        self.errors = errors
        self.problems = problems or [Problem(None, None, {}, line) for line in errors]
        super().__init__("\n".join(errors))


class Problems:
    """Collects every bad row, so the user can fix a file in one pass."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.found: list[Problem] = []

    def add(
        self,
        file: str,
        row: int,
        message: str,
        field: str | None = None,
        code: str | None = None,
        **params: object,
    ) -> None:
        """The English line for the command line; `field` and `code` let a form say it in
        the reader's language."""
        self.lines.append(f"{file}:{row}: {message}")
        self.found.append(Problem(field, code, params, message))

    def __bool__(self) -> bool:
        return bool(self.lines)

    def raise_if_any(self) -> None:
        if self.lines:
            raise ImportRejected(list(self.lines), list(self.found))


@dataclass
class ImportResult:
    kind: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    related: dict[str, int] = field(default_factory=dict)
    """Other rows written along the way, such as {"regions added": 4}."""
    added_ids: list[str] = field(default_factory=list)
    """Ids of the new records, in file order (the CLI scores new visits with them)."""
    notes: list[str] = field(default_factory=list)
    updates_possible: bool = True

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or any(self.related.values()))

    def summary(self) -> str:
        """One line, such as `stores: 0 added, 0 updated, 24 unchanged`."""
        parts = [f"{self.added} added"]
        if self.updates_possible:
            parts.append(f"{self.updated} updated")
        parts.append(f"{self.unchanged} unchanged")
        line = f"{self.kind}: {', '.join(parts)}"
        extras = [f"{name} {count}" for name, count in self.related.items()] + self.notes
        return "; ".join([line, *extras])
