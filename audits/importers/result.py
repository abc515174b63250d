"""What an import reports: counts when it worked, every bad row when it did not."""

from dataclasses import dataclass, field


class ImportRejected(Exception):
    """Nothing was written; `errors` holds one `FILE:ROW: message` line per problem."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


class Problems:
    """Collects every bad row, so the user can fix a file in one pass."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, file: str, row: int, message: str) -> None:
        self.lines.append(f"{file}:{row}: {message}")

    def __bool__(self) -> bool:
        return bool(self.lines)

    def raise_if_any(self) -> None:
        if self.lines:
            raise ImportRejected(list(self.lines))


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
