"""A whole standard as read from its file: sections of items, bands and policies."""

from typing import Annotated, Literal, get_args

from pydantic import Field, PrivateAttr, field_validator

from standards.base import Id, NonEmpty, Number, Strict, Weight
from standards.choices import SetOption
from standards.items import Item
from standards.texts import LANGUAGE_PATTERN, Text

STANDARD_ID_PATTERN = r"^[a-z0-9-]+$"
Channel = Literal["in_store", "phone", "email", "chat", "web"]
CriticalPolicy = Literal["zero", "flag_only"]
CHANNELS: tuple[str, ...] = get_args(Channel)
CRITICAL_POLICIES: tuple[str, ...] = get_args(CriticalPolicy)


class Band(Strict):
    """A label for overall scores from `min` up to the next band's min."""

    min: Annotated[Number, Field(ge=0, lt=100)]
    label: Text


class Section(Strict):
    id: Id
    title: Text
    weight: Weight | None = None
    """Fixed share of the overall score; without it a section counts by its possible points."""
    items: Annotated[tuple[Item, ...], NonEmpty]


class Standard(Strict):
    """One version of a standard. `source` (the YAML text) is not part of its content."""

    id: Annotated[str, Field(pattern=STANDARD_ID_PATTERN)]
    title: Text
    description: Text | None = None
    channel: Channel
    languages: Annotated[tuple[Annotated[str, Field(pattern=LANGUAGE_PATTERN)], ...], NonEmpty]
    target: Annotated[Number, Field(ge=0, le=100)] | None = None
    critical_policy: CriticalPolicy = "zero"
    bands: tuple[Band, ...] = ()
    option_sets: dict[Id, Annotated[tuple[SetOption, ...], NonEmpty]] = Field(
        default_factory=dict, exclude=True
    )
    """Named option lists; the loader copies a set into each item that names it, so the
    content (and the version) is the same whether a list sits in a set or in the item."""
    sections: Annotated[tuple[Section, ...], NonEmpty]

    _source: str = PrivateAttr(default="")
    _index: tuple[int, dict[str, tuple[Item, Section]]] | None = PrivateAttr(default=None)

    @field_validator("bands")
    @classmethod
    def _highest_first(cls, bands: tuple[Band, ...]) -> tuple[Band, ...]:
        # The order in the file carries no meaning, so it must not make a new version.
        return tuple(sorted(bands, key=lambda band: band.min, reverse=True))

    def __eq__(self, other: object) -> bool:
        # Same content is the same standard, whatever text (comments, layout) it came from.
        if not isinstance(other, Standard):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = Strict.__hash__

    @property
    def source(self) -> str:
        """The YAML text this standard was loaded from ("" when built in code)."""
        return self._source

    def _lookup(self) -> dict[str, tuple[Item, Section]]:
        # Keyed by the sections tuple: model_copy(update=...) copies private attributes too.
        if self._index is None or self._index[0] != id(self.sections):
            index = {item.id: (item, sec) for sec in self.sections for item in sec.items}
            self._index = (id(self.sections), index)
        return self._index[1]

    def items(self) -> list[Item]:
        """Every item in file order."""
        return [item for section in self.sections for item in section.items]

    def item(self, item_id: str) -> Item:
        """The item with this id; KeyError if the standard has none."""
        try:
            return self._lookup()[item_id][0]
        except KeyError:
            raise KeyError(f"standard {self.id} has no item {item_id!r}") from None

    def section_of(self, item_id: str) -> Section:
        """The section holding the item; KeyError if the standard has no such item."""
        try:
            return self._lookup()[item_id][1]
        except KeyError:
            raise KeyError(f"standard {self.id} has no item {item_id!r}") from None

    def has_item(self, item_id: str) -> bool:
        return item_id in self._lookup()

    def band_for(self, score: float | None) -> Band | None:
        """The band with the highest min not above `score`; None without bands or score."""
        if score is None:
            return None
        return next((band for band in self.bands if band.min <= score), None)


def with_source(standard: Standard, source: str) -> Standard:
    """Attach the text a standard was read from (only the loader should need this)."""
    standard._source = source
    return standard
