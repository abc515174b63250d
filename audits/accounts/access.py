"""The gate: what each role may do, and which stores a person may do it for.

Everything about access is decided here. `CAPABILITIES` says what a role may do, `REACH`
how far a role's view goes; `can` answers for a person, and `scope_for` turns a person and
a capability into a `Scope`, the only thing repository reads accept as a store filter. A
`Scope` cannot be made anywhere else, so a page or command that forgets to ask the gate has
nothing to hand to a read.
"""

import functools
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import (
    Any,
    Literal,
    ParamSpec,
    TypeVar,
    TypeVarTuple,
    cast,
    get_args,
    get_type_hints,
)

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.records.models import Person, Role
from audits.records.tables import stores

Columns = TypeVarTuple("Columns")
"""The columns of a query `Scope.limit` narrows: it hands back the same kind of query."""

Capability = Literal[
    "fill_visits",  # open, fill and submit one's own assignments
    "see_results",  # dashboards, store pages and visit reports of the stores in reach
    "see_regions",  # region rows: in a small region they would give away other stores
    "see_staff",  # figures per staff member, when the organisation's setting shows them
    "see_shoppers",  # figures per shopper: calibration and leniency
    "run_calibration",  # calibration exercises: invite shoppers, close, read the agreement
    "export_report",  # the Excel gap report
    "review",  # approve, return and correct submitted visits
    "decide_disputes",
    "raise_disputes",  # query an item of a published visit of one's own store
    "see_actions",
    "manage_actions",  # create corrective actions and move them on
    "verify_actions",  # confirm that a done action is really done
    "administer",  # accounts, stores, staff, assignments, settings, the audit trail
    "see_access_log",  # who looked at staff figures, and the settings that govern them
    "use_account",  # notices, one's own password
]
CAPABILITY_NAMES: tuple[Capability, ...] = get_args(Capability)

Reach = Literal["chain", "regions", "stores", "own"]
REACH: dict[Role, Reach] = {
    "admin": "chain",
    "reviewer": "chain",
    "trainer": "chain",
    "regional_manager": "regions",
    "store_manager": "stores",
    "shopper": "own",
    "works_council": "own",
}
"""How far a role's view goes: every store, the stores of the person's regions, the
person's own stores, or only what is the person's own (a shopper's assignments)."""

_RESULTS: frozenset[Capability] = frozenset({"see_results", "see_actions", "use_account"})
CAPABILITIES: dict[Role, frozenset[Capability]] = {
    "admin": _RESULTS
    | {
        "see_regions",
        "see_staff",
        "see_shoppers",
        "run_calibration",
        "export_report",
        "review",
        "decide_disputes",
        "manage_actions",
        "verify_actions",
        "administer",
        "see_access_log",
    },
    "reviewer": _RESULTS
    | {"see_regions", "see_shoppers", "run_calibration", "review", "decide_disputes"},
    "trainer": _RESULTS | {"see_regions", "see_staff", "export_report"},
    "regional_manager": _RESULTS
    | {"see_regions", "see_staff", "export_report", "manage_actions", "verify_actions"},
    "store_manager": _RESULTS | {"see_staff", "export_report", "raise_disputes", "manage_actions"},
    "shopper": frozenset({"fill_visits", "use_account"}),
    # Reads the access log and the settings behind it; no results, no people, no stores.
    "works_council": frozenset({"see_access_log", "use_account"}),
}

STAFF_ROLES_DEFAULT: tuple[Role, ...] = ("admin", "trainer", "regional_manager")
"""Who sees staff figures (once a works-council agreement is recorded) until the
organisation chooses otherwise: not store managers, who work beside the people concerned."""

NOTIFIED: dict[str, Role] = {"submissions": "reviewer", "store_news": "store_manager"}
"""Who hears of what in their notices: new submissions reach the reviewers (admins, who may
review too, are spared them), news about a store reaches its store managers."""


class NotAllowed(PermissionError):
    """The person lacks the role or scope for this; the message says which."""


def grants(roles: Iterable[Role], capability: Capability) -> bool:
    """Whether any of `roles` may do `capability`."""
    return any(capability in CAPABILITIES.get(role, ()) for role in roles)


def needs_regions(roles: Iterable[str]) -> bool:
    """Whether an account with these roles must name its regions (else it sees nothing);
    names that are no role count for nothing (the caller reports them)."""
    return any(REACH.get(cast(Role, role)) == "regions" for role in roles)


def needs_stores(roles: Iterable[str]) -> bool:
    """Whether an account with these roles must name its stores (else it sees nothing)."""
    return any(REACH.get(cast(Role, role)) == "stores" for role in roles)


def roles_that_can(capability: Capability) -> tuple[Role, ...]:
    return tuple(role for role, allowed in CAPABILITIES.items() if capability in allowed)


def can(person: Person | None, capability: Capability) -> bool:
    """Whether an active person holds a role that may do this."""
    if person is None or not person.active:
        return False
    return any(capability in CAPABILITIES[role] for role in person.roles)


def require(person: Person | None, capability: Capability) -> Person:
    """The person, if they may do this; raises NotAllowed otherwise."""
    if person is None or not person.active:
        raise NotAllowed("log in first")
    if not can(person, capability):
        raise NotAllowed(f"this needs the role {' or '.join(roles_that_can(capability))}")
    return person


_GATE = object()


@dataclass(frozen=True)
class Scope:
    """What a read may return: the stores one person may use for one capability.

    `stores` is None for every store. Only `scope_for`, `operator_scope` and the narrowing
    methods make one. `person_id` and `username` name the reader in audit entries (None and
    "command line" for the operator).
    """

    person_id: int | None
    username: str
    capability: Capability
    stores: tuple[str, ...] | None
    issued: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.issued is not _GATE:
            raise TypeError("a Scope comes from audits.accounts.access.scope_for")

    @property
    def whole_chain(self) -> bool:
        return self.stores is None

    @property
    def key(self) -> tuple[str, tuple[str, ...] | None]:
        """What the reads depend on, for caches shared by readers with the same view."""
        return self.capability, self.stores

    def allows(self, store_id: str) -> bool:
        return self.stores is None or store_id in self.stores

    def limit(
        self, query: sa.Select[*Columns], column: sa.ColumnElement[str]
    ) -> sa.Select[*Columns]:
        """`query` narrowed to the stores in scope."""
        return query if self.stores is None else query.where(column.in_(self.stores))

    def narrowed(self, store_ids: Iterable[str]) -> "Scope":
        """This scope restricted to `store_ids` (a filter never widens a scope)."""
        wanted = set(store_ids)
        kept = sorted(wanted if self.stores is None else wanted & set(self.stores))
        return Scope(self.person_id, self.username, self.capability, tuple(kept), _GATE)

    def peers(self) -> "Scope":
        """Every store, for ranking the reader's own stores among them: pages built on it
        show figures only of units `allows` admits."""
        return Scope(self.person_id, self.username, self.capability, None, _GATE)


def scope_for(conn: Connection, person: Person | None, capability: Capability) -> Scope:
    """The stores `person` may use for `capability`; NotAllowed if they may not at all.

    Only the person's roles that grant the capability count: a store manager who also
    trains sees every store's results, but manages corrective actions only for their own.
    The reaches of several such roles add up.
    """
    person = require(person, capability)
    reaches = {REACH[role] for role in person.roles if capability in CAPABILITIES[role]}
    if "chain" in reaches:
        return Scope(person.id, person.username, capability, None, _GATE)
    allowed: set[str] = set()
    if "regions" in reaches and person.regions:
        query = sa.select(stores.c.store_id).where(stores.c.region_id.in_(person.regions))
        allowed.update(conn.execute(query).scalars())
    if "stores" in reaches:
        allowed.update(person.stores)
    return Scope(person.id, person.username, capability, tuple(sorted(allowed)), _GATE)


OPERATOR = "command line"


def operator_scope(capability: Capability) -> Scope:
    """Every store, for the command line: whoever runs it holds the database itself, so the
    gate cannot narrow what they read; its audit entries name the command line."""
    return Scope(None, OPERATOR, capability, None, _GATE)


P = ParamSpec("P")
T = TypeVar("T")


def scoped(read: Callable[P, T]) -> Callable[P, T]:
    """Marks a read that returns store, visit, staff or person data: its first Scope or
    Person argument is checked on every call, before the read runs, so a bare list of
    stores or None can never stand in for one."""
    signature = inspect.signature(read)
    hints = get_type_hints(read)
    found: list[tuple[str, type]] = [
        (name, hints[name]) for name in signature.parameters if hints.get(name) in (Scope, Person)
    ]
    if not found:
        raise TypeError(f"{read.__qualname__} takes neither a Scope nor a Person")
    name, wanted = found[0]

    @functools.wraps(read)
    def checked(*args: P.args, **kwargs: P.kwargs) -> T:
        given: Any = signature.bind_partial(*args, **kwargs).arguments.get(name)
        if not isinstance(given, wanted):
            raise NotAllowed(f"{read.__qualname__} needs a {wanted.__name__}, not {given!r}")
        return read(*args, **kwargs)

    checked.scoped_by = name  # type: ignore[attr-defined]
    return checked
