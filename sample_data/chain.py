"""The demo chain's master data: stores, staff and user accounts.

Stores and users are fixed tables (readable, and stable when the generator changes);
staff are drawn from a seeded generator because there are over a hundred of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .rand import rng_for

REGIONS = ("Nord", "Süd", "West", "Ost")

# store_id, name, region, city, district, street address, postal code
_STORES = [
    ("Hamburg Mönckebergstraße", "Nord", "Hamburg", "Altstadt", "Mönckebergstraße 18", "20095"),
    ("Hamburg Eppendorf", "Nord", "Hamburg", "Eppendorf", "Eppendorfer Baum 31", "20249"),
    ("Bremen Obernstraße", "Nord", "Bremen", "Mitte", "Obernstraße 52", "28195"),
    ("Hannover Georgstraße", "Nord", "Hannover", "Mitte", "Georgstraße 24", "30159"),
    ("Kiel Holstenstraße", "Nord", "Kiel", "Altstadt", "Holstenstraße 66", "24103"),
    ("Lübeck Breite Straße", "Nord", "Lübeck", "Innenstadt", "Breite Straße 41", "23552"),
    ("Oldenburg Achternstraße", "Nord", "Oldenburg", "Innenstadt", "Achternstraße 9", "26122"),
    ("München Kaufingerstraße", "Süd", "München", "Altstadt", "Kaufingerstraße 22", "80331"),
    ("München Schwabing", "Süd", "München", "Schwabing", "Leopoldstraße 77", "80802"),
    ("Nürnberg Karolinenstraße", "Süd", "Nürnberg", "Altstadt", "Karolinenstraße 30", "90402"),
    ("Augsburg Annastraße", "Süd", "Augsburg", "Innenstadt", "Annastraße 15", "86150"),
    ("Stuttgart Königstraße", "Süd", "Stuttgart", "Mitte", "Königstraße 44", "70173"),
    (
        "Regensburg Maximilianstraße",
        "Süd",
        "Regensburg",
        "Altstadt",
        "Maximilianstraße 12",
        "93047",
    ),
    (
        "Freiburg Kaiser-Joseph-Straße",
        "Süd",
        "Freiburg im Breisgau",
        "Altstadt",
        "Kaiser-Joseph-Straße 203",
        "79098",
    ),
    ("Köln Hohe Straße", "West", "Köln", "Altstadt-Nord", "Hohe Straße 87", "50667"),
    ("Köln Ehrenfeld", "West", "Köln", "Ehrenfeld", "Venloer Straße 318", "50823"),
    ("Düsseldorf Schadowstraße", "West", "Düsseldorf", "Stadtmitte", "Schadowstraße 26", "40212"),
    ("Essen Kettwiger Straße", "West", "Essen", "Stadtkern", "Kettwiger Straße 19", "45127"),
    ("Dortmund Westenhellweg", "West", "Dortmund", "Innenstadt", "Westenhellweg 58", "44137"),
    ("Münster Ludgeristraße", "West", "Münster", "Altstadt", "Ludgeristraße 71", "48143"),
    ("Aachen Adalbertstraße", "West", "Aachen", "Innenstadt", "Adalbertstraße 35", "52062"),
    ("Berlin Rosenthaler Straße", "Ost", "Berlin", "Mitte", "Rosenthaler Straße 40", "10119"),
    ("Berlin Schloßstraße", "Ost", "Berlin", "Steglitz", "Schloßstraße 96", "12163"),
    ("Leipzig Grimmaische Straße", "Ost", "Leipzig", "Zentrum", "Grimmaische Straße 13", "04109"),
    ("Dresden Prager Straße", "Ost", "Dresden", "Altstadt", "Prager Straße 8", "01069"),
    ("Erfurt Anger", "Ost", "Erfurt", "Altstadt", "Anger 62", "99084"),
    ("Rostock Kröpeliner Straße", "Ost", "Rostock", "Stadtmitte", "Kröpeliner Straße 27", "18055"),
    ("Magdeburg Breiter Weg", "Ost", "Magdeburg", "Altstadt", "Breiter Weg 114", "39104"),
]

_NAMES = """
Anna Lena Sophie Marie Laura Julia Sarah Lisa Katharina Johanna Hannah Lea Emma Mia Clara
Paula Nina Jana Carina Melanie Sabine Petra Claudia Andrea Stefanie Nicole Sandra Miriam Elif
Aylin Zeynep Fatma Natalia Olga Ewa Ioana Lukas Leon Jonas Felix Paul Maximilian Tim Jan
Niklas David Tobias Florian Daniel Stefan Michael Thomas Markus Sven Dennis Kevin Marco
Philipp Moritz Erik Mehmet Emre Can Ali Luca Marek Tomasz Andrei Dimitri
"""
_FIRST_NAMES = _NAMES.split()


@dataclass(frozen=True)
class Store:
    store_id: str
    name: str
    region: str
    city: str
    district: str
    address: str


@dataclass(frozen=True)
class StaffMember:
    staff_id: str
    store_id: str
    display_name: str
    active: bool
    left_month: int | None  # index of the first month (0..11) in which they no longer work


@dataclass(frozen=True)
class User:
    username: str
    full_name: str
    email: str
    roles: tuple[str, ...]
    regions: tuple[str, ...] = ()
    stores: tuple[str, ...] = ()
    language: str = "de"
    home_regions: tuple[str, ...] = ()  # shoppers only: where most of their visits are


def build_stores() -> list[Store]:
    return [
        Store(f"S{n:02d}", name, region, city, district, f"{street}, {plz} {city}")
        for n, (name, region, city, district, street, plz) in enumerate(_STORES, start=1)
    ]


def build_staff(stores: list[Store], months: int) -> list[StaffMember]:
    """Four or five staff per store; about one in twenty left during the year."""
    staff: list[StaffMember] = []
    for store in stores:
        rng = rng_for("staff", store.store_id)
        count = 4 + int(rng.random() < 0.55)
        names = rng.choice(len(_FIRST_NAMES), size=count, replace=False)
        for k in range(count):
            left = rng.random() < 0.055
            staff.append(
                StaffMember(
                    staff_id=f"MA-{len(staff) + 1:04d}",
                    store_id=store.store_id,
                    display_name=_FIRST_NAMES[int(names[k])],
                    active=not left,
                    left_month=int(rng.integers(3, months - 1)) if left else None,
                )
            )
    return staff


def build_users(planted: dict) -> list[User]:
    """One obvious demo account per role, eight shoppers, and a few more managers."""
    lagging = planted["lagging_region"]
    others = [r for r in REGIONS if r != lagging]
    lenient, strict = planted["lenient_shopper"], planted["strict_shopper"]
    shoppers = [
        ("shopper", "Lena Vogel", "de", ("Nord", "West")),
        ("s.becker", "Sabine Becker", "de", ()),
        ("m.schulz", "Martin Schulz", "de", ()),
        ("j.wagner", "Julia Wagner", "de", ("Süd",)),
        ("t.klein", "Thomas Klein", "de", ("Ost",)),
        ("a.yilmaz", "Aylin Yılmaz", "de", ("West",)),
        ("e.murphy", "Emma Murphy", "en", ("Nord", "Ost")),
        ("p.hartmann", "Peter Hartmann", "de", ("Süd", "Ost")),
    ]
    names = {u for u, *_ in shoppers}
    for name in (lenient, strict):
        if name not in names:
            raise ValueError(f"planted shopper {name!r} is not one of the demo shoppers {names}")
    users = [
        User("admin", "Claudia Neumann", _email("admin"), ("admin",)),
        *(
            # the lenient and the strict shopper travel the whole chain, so their bias is not
            # mixed up with a region's
            User(
                u,
                full,
                _email(u),
                ("shopper",),
                language=lang,
                home_regions=() if u in (lenient, strict) else home,
            )
            for u, full, lang, home in shoppers
        ),
        User("reviewer", "Markus Brandt", _email("reviewer"), ("reviewer",)),
        User(
            "regional",
            "Katrin Hoffmann",
            _email("regional"),
            ("regional_manager",),
            regions=(lagging,),
        ),
        User(
            "store",
            "Dennis Krüger",
            _email("store"),
            ("store_manager",),
            stores=(planted["demo_store"],),
        ),
        User("trainer", "Ute Lorenz", _email("trainer"), ("trainer",)),
        User(
            "r.schmitt",
            "Ralf Schmitt",
            _email("r.schmitt"),
            ("regional_manager",),
            regions=(others[0],),
        ),
        User(
            "b.koch",
            "Birgit Koch",
            _email("b.koch"),
            ("regional_manager",),
            regions=tuple(others[1:]),
            language="en",
        ),
        User("c.weber", "Christina Weber", _email("c.weber"), ("store_manager",), stores=("S01",)),
        User(
            "o.richter",
            "Oliver Richter",
            _email("o.richter"),
            ("store_manager", "trainer"),
            stores=("S15", "S16"),
        ),
        User(
            "g.lange", "Gabriele Lange", _email("g.lange"), ("reviewer", "trainer"), language="en"
        ),
    ]
    return users


def _email(username: str) -> str:
    return f"{username}@example.com"
