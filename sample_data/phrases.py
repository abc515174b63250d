"""The German phrases shoppers write: comments per topic and free-text answers.

A topic applies to items whose id contains one of its words (or, for the broad fallback topics
at the end, whose German text does) on the listed channels. The first match wins, so narrow
topics come first; an item of an unknown kind still gets a fitting broad or generic remark.
Texts never name or describe staff members. Placeholders: {m} minutes, {n} a small count,
{v} the answer of a number item.
"""

from typing import NamedTuple

STORE, PHONE, WRITTEN = ("in_store",), ("phone",), ("email", "chat", "web")
REMOTE = PHONE + WRITTEN
ALL = STORE + REMOTE


class Topic(NamedTuple):
    name: str
    channels: tuple[str, ...]
    ids: tuple[str, ...]  # words looked for in the item id
    fails: tuple[str, ...]
    passes: tuple[str, ...] = ()
    words: tuple[str, ...] = ()  # words looked for in the German text (fallback topics)


# fmt: off
TOPICS = [
    # -- in the store ---------------------------------------------------------------------
    Topic("private", STORE, ("private",), (
        "Mitarbeiterin telefonierte privat, ca. {m} Minuten gewartet.",
        "Mitarbeiter tippte am Handy und sah erst nach Ansprache auf.",
        "Zwei Kolleginnen unterhielten sich über das Wochenende, ich stand daneben.",
        "Privatgespräch an der Kasse, die Schlange wurde länger.",
    ), ("Kein privates Telefonieren beobachtet.",)),
    Topic("clothing", STORE, ("clothing",), (
        "Dienstkleidung fleckig.",
        "Jacke offen über Privatkleidung, kein Firmenlogo erkennbar.",
        "Nur eine von drei Personen auf der Fläche in Dienstkleidung.",
    )),
    Topic("badge", STORE, ("badge",), (
        "Kein Namensschild getragen.",
        "Namensschild von der Strickjacke verdeckt.",
        "Namensschild verblasst, nicht lesbar.",
    ), ("Namensschild gut sichtbar.",)),
    Topic("groomed", STORE, ("groomed",), (
        "Dienstkleidung zerknittert, wirkte ungepflegt.",
        "Starker Zigarettengeruch bei der Beratung.",
    )),
    Topic("eating", STORE, ("eating",), (
        "Mitarbeiter aß ein Brötchen an der Kasse.",
        "Kaugummi kauend beraten.",
        "Kaffeebecher und Pausenbrot auf dem Beratungstresen.",
    )),
    Topic("greeted", STORE, ("greeted",), (
        "Keine Begrüßung beim Betreten, Mitarbeiter räumte ein Regal ein.",
        "Erst nach ca. {m} Minuten begrüßt.",
        "Niemand im Verkaufsraum, erst nach Rufen kam jemand aus dem Lager.",
        "Begrüßung erst an der Kasse.",
    ), ("Beim Betreten sofort freundlich begrüßt.",)),
    Topic("greeting_manner", STORE, ("greeting",), (
        "Begrüßung nur nebenbei, ohne Blickkontakt.",
        "Mitarbeiterin sah kurz auf, sagte aber nichts.",
        "Nur ein knappes „Ja?“ statt einer Begrüßung.",
        "Mitarbeiter füllte ein Regal auf und sah nicht auf.",
        "„Moment“ gerufen, ohne sich umzudrehen.",
    ), ("Herzlich begrüßt, mit Blickkontakt und Lächeln.",)),
    Topic("friendliness", STORE, ("friendl",), (
        "Wirkte genervt, kein Lächeln.",
        "Ton eher kurz angebunden, kaum Blickkontakt.",
        "Antwortete, ohne aufzusehen.",
        "Sachlich, aber kühl und distanziert.",
    ), ("Sehr freundlich und zugewandt.", "Angenehmer, ruhiger Ton.")),
    Topic("disrespect", STORE, ("disrespect",), (
        "Eine ältere Kundin wurde ungeduldig abgewimmelt.",
        "Bemerkung „Das steht doch da“ in genervtem Ton.",
        "Spöttische Bemerkung über meine Frage.",
    ), ("Respektvoller Umgang mit allen Kunden beobachtet.",)),
    Topic("ignored", STORE, ("ignored",), (
        "Jugendliche Kunden wurden sichtbar ignoriert.",
        "Ein Kunde an der Info wurde übersehen und ging nach ca. {m} Minuten.",
    )),
    Topic("blaming", STORE, ("blaming",), (
        "Mir wurde unterstellt, die Ware selbst beschädigt zu haben.",
        "„Da haben Sie wohl falsch bestellt“ – die Schuld wurde bei mir gesucht.",
    )),
    Topic("first_contact", STORE, ("first_contact",), (
        "Niemand sprach mich an, obwohl zwei Kollegen Ware einräumten.",
        "Erst nach ca. {m} Minuten angesprochen.",
    ), ("Sofort angesprochen.",)),
    Topic("busy", STORE, ("while_busy",), (
        "Alle im Gespräch, niemand signalisierte „Ich komme gleich“.",
        "Nicht wahrgenommen, obwohl ich direkt neben dem Beratungstresen stand.",
    ), ("Kurzes Nicken und „Bin gleich bei Ihnen“.",)),
    Topic("in_turn", STORE, ("in_turn",), (
        "Später gekommener Kunde wurde zuerst bedient.",
        "Ein Bekannter wurde vorgezogen.",
    )),
    Topic("comfort", STORE, ("comfort",), (
        "Keine Sitzgelegenheit, obwohl ich länger warten musste.",
    ), ("Während der Wartezeit Wasser angeboten.",)),
    Topic("help_offered", STORE, ("help_offered",), (
        "Niemand bot Hilfe an, ich musste selbst fragen.",
        "Mitarbeitende liefen mehrmals an mir vorbei.",
    )),
    Topic("needs", STORE, ("needs_questions",), (
        "Keine Rückfragen zu meinem Bedarf, direkt ein Produkt gezeigt.",
        "Es wurde nur nach dem Preisrahmen gefragt.",
        "Sofort das Angebot der Woche empfohlen, ohne zu fragen, wofür.",
    ), ("Hat gezielt nachgefragt, wofür ich das Produkt brauche.",)),
    Topic("listened", STORE, ("listened",), (
        "Mitarbeiter hörte nicht richtig zu und unterbrach mich.",
        "Schaute während des Gesprächs ständig auf den Bildschirm.",
        "Musste mein Anliegen zweimal schildern.",
    )),
    Topic("recommendation", STORE, ("recommend",), (
        "Empfehlung passte nicht zu meinem Budget.",
        "Empfohlenes Gerät viel zu groß für meinen Zweck.",
        "Empfahl ein Produkt, das ich ausdrücklich nicht wollte.",
    ), ("Empfehlung passte genau zu meinem Bedarf.",)),
    Topic("accompanied", STORE, ("accompanied",), (
        "Nur „steht hinten links“, nicht zum Regal begleitet.",
        "Zeigte nur grob in die Richtung.",
    )),
    Topic("alternative", STORE, ("alternative",), (
        "Nur „haben wir nicht“, ohne weitere Hilfe.",
        "Weder Bestellung noch Alternative angeboten.",
    ), ("Gleichwertige Alternative gezeigt und Bestellung angeboten.",)),
    Topic("pressure", STORE, ("pressure",), (
        "Drängte auf das teurere Modell, obwohl ich zögerte.",
        "„Das Angebot gilt nur heute“ – deutlicher Verkaufsdruck.",
    )),
    Topic("follow_up", STORE, ("follow_up",), (
        "Kein Angebot, mich bei Wareneingang anzurufen.",
    ), ("Angeboten, mich anzurufen, sobald die Ware da ist.",)),
    Topic("product_questions", STORE, ("product_questions",), (
        "Frage zur Garantie nur halb beantwortet.",
        "Kannte das Produkt nicht und las selbst das Etikett vor.",
        "Technische Frage blieb offen.",
    ), ("Alle Fragen zum Produkt sicher beantwortet.",)),
    Topic("expertise", STORE, ("expertise",), (
        "Wirkte fachlich unsicher, viele „ich glaube“.",
        "Unterschiede zwischen den Modellen nicht erklärt.",
    ), ("Fachlich sehr sicher.",)),
    Topic("benefits", STORE, ("benefit",), (
        "Nur technische Daten vorgelesen, kein Bezug zu meinem Bedarf.",
        "Vorteile nicht erklärt, nur der Preis genannt.",
    )),
    Topic("unsure", STORE, ("unsure",), (
        "Bei Unsicherheit geraten statt nachgefragt.",
        "„Weiß ich nicht“ – keine Kollegin gefragt.",
    )),
    Topic("accessories", STORE, ("accessor",), (
        "Kein Hinweis auf passendes Zubehör.",
        "Passende Schutzhülle nicht angesprochen.",
    )),
    Topic("entrance", STORE, ("entrance",), (
        "Eingang durch Rollcontainer halb versperrt.",
        "Schmutzige Fußmatte, Werbeaufsteller umgefallen.",
    )),
    Topic("floors", STORE, ("floor",), (
        "Boden im Eingangsbereich verschmutzt, nasse Fußspuren.",
        "Verschütteter Kaffee im Gang, nicht abgesperrt.",
        "Verpackungsreste und Etiketten auf dem Boden.",
    )),
    Topic("shelves", STORE, ("shelves",), (
        "{n} Regalfächer leer, Ware stand noch in Kartons im Gang.",
        "Ware durcheinander einsortiert.",
    )),
    Topic("price_tags", STORE, ("price_tag",), (
        "{n} Preisschilder fehlten im Aktionsregal.",
        "Alte Aktionspreise noch ausgehängt.",
        "Preisschild hing am falschen Artikel.",
        "Mehrere Artikel ohne lesbare Preisauszeichnung.",
    ), ("Alle geprüften Preisschilder korrekt.",)),
    Topic("advertised", STORE, ("advertised",), (
        "Beworbener Artikel aus dem Prospekt nicht vorrätig.",
        "Aktionsware ausverkauft, kein Hinweis am Regal.",
        "Regalplatz leer, Mitarbeiter wusste nichts von einer Nachlieferung.",
    ), ("Aktionsware ausreichend vorhanden.",)),
    Topic("checkout_tidy", STORE, ("checkout_area",), (
        "Kassentresen mit alten Bons und Verpackungen vollgelegt.",
        "Retourenware stapelte sich neben der Kasse.",
    )),
    Topic("climate", STORE, ("climate",), (
        "Sehr warm im Laden, stickig.",
        "Musik so laut, dass das Gespräch mühsam war.",
        "Mehrere Deckenlampen defekt, hinterer Bereich dunkel.",
    )),
    Topic("queue", STORE, ("queue",), (
        "Nur eine Kasse offen, sechs Kunden vor mir, keine Hilfe gerufen.",
        "Lange Schlange, zweite Kasse erst nach ca. {m} Minuten geöffnet.",
    ), ("Zweite Kasse sofort geöffnet.",)),
    Topic("charged", STORE, ("charged",), (
        "Am Regal 2,99 €, an der Kasse 3,49 € berechnet.",
        "Aktionsrabatt an der Kasse nicht abgezogen.",
        "Falscher Preis, erst nach meinem Hinweis korrigiert.",
    )),
    Topic("receipt", STORE, ("receipt_handed",), (
        "Kassenbon nicht angeboten, blieb im Drucker.",
        "Bon nur auf Nachfrage ausgehändigt.",
    )),
    Topic("change", STORE, ("change",), (
        "Wechselgeld auf den Tresen gelegt, nicht vorgezählt.",
        "{n} Euro zu wenig Wechselgeld, erst auf Nachfrage korrigiert.",
        "Wechselgeld ohne ein Wort in die Hand gedrückt.",
    ), ("Wechselgeld korrekt vorgezählt.",)),
    Topic("card", STORE, ("card_payment",), (
        "Kartenzahlung erst im dritten Versuch, keine Erklärung.",
        "Kartenterminal zunächst gesperrt, ca. {m} Minuten gewartet.",
    )),
    Topic("packing", STORE, ("packing",), (
        "Ware lieblos in die Tüte geworfen, ich packte selbst.",
        "Keine Hilfe beim Einpacken, obwohl ich viel zu tragen hatte.",
    )),
    Topic("loyalty", STORE, ("loyalty",), (
        "Kundenkarte nicht angesprochen.",
        "Nicht nach der Kundenkarte gefragt, obwohl eine Punkteaktion lief.",
    ), ("Kundenkarte angeboten, Vorteile kurz erklärt.",)),
    Topic("documents", STORE, ("documents",), (
        "Rechnung mit Firmenadresse erst nach Rückfrage bei der Filialleitung.",
        "Garantieschein nicht abgestempelt.",
    )),
    Topic("return_accepted", STORE, ("return_accepted",), (
        "Rückgabe erst nach langer Diskussion angenommen.",
        "Mitarbeiter holte erst die Filialleitung, dauerte ca. {m} Minuten.",
    ), ("Rückgabe unkompliziert angenommen.",)),
    Topic("return_terms", STORE, ("return_terms",), (
        "Frist und Erstattung nicht erklärt, erst nach Nachfrage.",
    )),
    Topic("refund", STORE, ("refund",), (
        "Erstattung nur als Gutschein angeboten, nicht auf die Karte.",
    )),
    Topic("return_receipt", STORE, ("return_receipt",), (
        "Kein Beleg über die Rückgabe ausgehändigt.",
    )),
    Topic("return_respectful", STORE, ("return_respect",), (
        "Unterton: „Das hätten Sie sich vorher überlegen müssen.“",
        "Genervtes Seufzen bei der Rückgabe.",
    )),
    Topic("thanked", STORE, ("thanked",), (
        "Kein Dank für den Einkauf.",
        "Bon hingelegt und weggedreht, kein Dank.",
        "Kein „Danke“, nur der Betrag genannt.",
    ), ("Herzlich für den Einkauf bedankt.",)),
    Topic("goodbye", STORE, ("goodbye",), (
        "Keine Verabschiedung, Mitarbeiter drehte sich zum nächsten Kunden.",
        "Nur ein gemurmeltes „Tschüss“ ohne Blickkontakt.",
        "Verabschiedung fehlte, Kollegin war bereits im Gespräch.",
    ), ("Freundlich und mit Blickkontakt verabschiedet.",)),
    Topic("invited_back", STORE, ("invited_back",), (
        "Keine Einladung wiederzukommen.",
        "Kein Hinweis auf die nächste Aktion.",
    )),
    Topic("feedback", STORE, ("feedback",), (
        "Nicht nach meiner Zufriedenheit gefragt.",
        "Kein Hinweis auf die Bewertungskarte.",
    )),
    Topic("after_sales", STORE, ("after_sales",), (
        "Kein Hinweis, an wen ich mich bei Fragen wenden kann.",
        "Auf die Frage nach Service nach dem Kauf nur Achselzucken.",
    )),
    Topic("overall", STORE, ("overall",), (
        "Insgesamt wenig Interesse an mir als Kunde.",
        "Besuch wirkte lieblos, niemand fühlte sich zuständig.",
        "Gemischter Eindruck: Beratung in Ordnung, der Rest enttäuschend.",
        "Filiale wirkte unterbesetzt und gestresst.",
    ), ("Rundum angenehmer Besuch.", "Sehr guter Gesamteindruck.")),
    Topic("honesty", STORE, ("false", "promise"), (
        "Lieferzeit mit „morgen da“ angegeben, laut Website zwei Wochen.",
        "Garantie falsch erklärt (angeblich drei Jahre).",
        "Behauptete, das Produkt sei wasserdicht; laut Hersteller nicht.",
    )),
    # -- on the phone ---------------------------------------------------------------------
    Topic("company_name", PHONE, ("company",), (
        "Nur „Hallo?“ gemeldet.",
        "Meldung ohne Firmen- oder Filialnamen.",
        "Meldung so schnell genuschelt, dass nichts zu verstehen war.",
    ), ("Klare Meldung mit Filiale.",)),
    Topic("own_name", PHONE, ("own_name",), (
        "Kein eigener Name genannt.",
        "Name so schnell genannt, dass er nicht zu verstehen war.",
        "Nur „Filiale, hallo?“ – ohne Namen.",
    )),
    Topic("clarifying", PHONE, ("clarifying",), (
        "Keine Rückfrage, sofort eine Standardantwort.",
        "Antwort passte nicht, weil nicht nachgefragt wurde.",
    )),
    Topic("let_finish", PHONE, ("let_caller",), (
        "Wurde mitten im Satz unterbrochen.",
        "Fiel mir zweimal ins Wort.",
    )),
    Topic("callers_name", PHONE, ("callers_name",), (
        "Nicht mit Namen angesprochen, obwohl ich mich vorgestellt hatte.",
    )),
    Topic("hold_explained", PHONE, ("hold_explained",), (
        "Ohne Ankündigung in die Warteschleife gelegt.",
        "Wortlos weiterverbunden.",
    )),
    Topic("for_waiting", PHONE, ("for_waiting",), (
        "Nach der Warteschleife kein Wort zur Wartezeit.",
    )),
    Topic("transfer", PHONE, ("transfer",), (
        "Neue Ansprechperson wusste nichts von meinem Anliegen, alles neu erklärt.",
    )),
    Topic("question_answered", PHONE, ("question_answered",), (
        "Frage nicht beantwortet: „Da müssen Sie vorbeikommen.“",
        "Ich wurde auf später vertröstet.",
        "Nur eine von {n} Fragen beantwortet.",
    ), ("Frage sofort und vollständig beantwortet.",)),
    Topic("next_step", PHONE, ("next_step",), (
        "Rückruf versprochen, kam aber nicht.",
        "Kein nächster Schritt genannt, ich wusste nicht, wie es weitergeht.",
    )),
    Topic("situation", REMOTE, ("situation",), (
        "Auf meinen Ärger über die falsche Lieferung wurde nicht eingegangen.",
        "Kein Verständnis für meine Lage geäußert, nur auf Vorschriften verwiesen.",
    ), ("Ging verständnisvoll auf meine Lage ein.",)),
    Topic("tone", PHONE, ("tone",), (
        "Klang gelangweilt und abgelenkt.",
        "Ungeduldiger Ton, als ich nachfragte.",
        "Seufzte hörbar, als ich meine Frage stellte.",
    ), ("Angenehmer, freundlicher Ton.",)),
    Topic("summary", PHONE, ("summary",), (
        "Am Ende keine Zusammenfassung, Vereinbarung unklar.",
    )),
    Topic("thanked_for_call", PHONE, ("thanked",), (
        "Kein Dank für den Anruf.",
    )),
    Topic("phone_goodbye", PHONE, ("goodbye",), (
        "Aufgelegt ohne Verabschiedung.",
        "Gespräch endete abrupt mit „Ja, tschüss“.",
    )),
    # -- e-mail and chat ------------------------------------------------------------------
    Topic("reply_time", WRITTEN, ("reply_time",), (
        "Nur automatische Eingangsbestätigung ohne Zeitangabe.",
        "Angekündigt „innerhalb von 24 Stunden“, die Antwort kam später.",
    )),
    Topic("by_name", WRITTEN, ("by_name",), (
        "Name falsch geschrieben.",
        "Anrede nur „Hallo“, ohne Namen.",
        "„Sehr geehrte Damen und Herren“, obwohl ich mit Namen unterschrieben hatte.",
    )),
    Topic("individual", WRITTEN, ("individual",), (
        "Textbaustein, erkennbar nicht auf meine Anfrage bezogen.",
        "Antwort ging an meiner eigentlichen Frage vorbei.",
    )),
    Topic("all_questions", WRITTEN, ("all_questions",), (
        "Nur eine von {n} Fragen beantwortet.",
        "Frage nach den Lieferkosten blieb offen.",
    ), ("Alle Fragen Punkt für Punkt beantwortet.",)),
    Topic("resolved", WRITTEN, ("resolved",), (
        "Anliegen nicht gelöst, nur auf die FAQ verwiesen.",
        "Kein nächster Schritt genannt.",
    )),
    Topic("written_tone", WRITTEN, ("tone",), (
        "Formulierungen knapp und unpersönlich.",
        "Belehrender Ton („Wie auf unserer Website beschrieben …“).",
        "Kein Wort des Bedauerns über das Problem.",
    ), ("Freundlich und wertschätzend formuliert.",)),
    Topic("clear_language", WRITTEN, ("language",), (
        "Viele Fachbegriffe ohne Erklärung.",
        "Umständlich formuliert, musste zweimal lesen.",
    )),
    Topic("structure", WRITTEN, ("structured",), (
        "Ein einziger langer Absatz, schwer zu lesen.",
        "Antworten auf meine Fragen wild durcheinander.",
    ), ("Klar gegliedert.",)),
    Topic("spelling", WRITTEN, ("spelling",), (
        "Mehrere Tippfehler und ein falscher Artikelname.",
        "Grammatikfehler in fast jedem Satz.",
    )),
    Topic("closing", WRITTEN, ("closing",), (
        "Antwort endete ohne Gruß.",
        "Nur „MfG“ am Ende.",
    )),
    Topic("signature", WRITTEN, ("signature",), (
        "Signatur ohne Telefonnummer, nur „Ihr Serviceteam“.",
        "Keine Signatur, kein Ansprechpartner.",
    )),
    # -- any channel ----------------------------------------------------------------------
    Topic("information", ALL, ("information_correct", "correct"), (
        "Öffnungszeiten am Samstag falsch genannt.",
        "Auskunft zum Aktionspreis war falsch.",
        "Lieferzeit mit „morgen da“ angegeben, laut Website zwei Wochen.",
    ), ("Alle Angaben geprüft, stimmten.",)),
    Topic("extra", ALL, ("extra",), (
        "Kein zusätzlicher Hinweis, nur das Nötigste.",
    ), ("Von sich aus einen nützlichen Zusatztipp gegeben.",)),
    # -- broad fallbacks for items of new kinds, matched by their German text too --------
    Topic("any_greeting", ALL, ("greet",), (
        "Begrüßung fehlte oder kam nur nebenbei.",
        "Keine erkennbare Begrüßung.",
    ), words=("begrüß", "gemeldet")),
    Topic("any_farewell", ALL, ("farewell",), (
        "Verabschiedung fehlte.",
        "Kein Dank, keine Verabschiedung.",
    ), words=("verabschied", "bedankt")),
    Topic("any_wait", ALL, ("wait",), (
        "Wartezeit deutlich zu lang, niemand entschuldigte sich.",
        "Ca. {m} Minuten gewartet.",
    ), words=("warte", "schlange", "klingel")),
    Topic("any_clean", STORE, ("clean", "tidy"), (
        "Nicht sauber, Bereich wirkte vernachlässigt.",
        "Unordnung, Kartons und Verpackungen herumliegend.",
    ), words=("sauber", "aufgeräumt", "ordentlich")),
    Topic("any_price", STORE, ("price",), (
        "Preisangaben unvollständig.",
    ), words=("preis",)),
    Topic("any_advice", ALL, ("advice",), (
        "Beratung oberflächlich.",
        "Auf meine Fragen wurde kaum eingegangen.",
    ), words=("berat", "empfehl", "bedarf")),
    Topic("any_tone", ALL, ("friendl",), (
        "Wirkte genervt und kurz angebunden.",
    ), words=("freundlich", "ton ")),
]
# fmt: on

GENERIC_FAIL = (
    "Nicht erfüllt.",
    "Hätte Gelegenheit gegeben, wurde aber ausgelassen.",
    "Wurde unter Zeitdruck ausgelassen.",
    "Nur teilweise erfüllt.",
)
GENERIC_PASS = ("Ohne Beanstandung.", "Gut umgesetzt.")
# sometimes added to a fail comment, per channel
SUFFIXES = {
    "in_store": (
        " Filiale war gut besucht.",
        " Beim letzten Besuch war es ähnlich.",
        " Es war kaum Personal auf der Fläche.",
    ),
    "phone": (
        " Im Hintergrund war es sehr laut.",
        " Erst beim zweiten Anrufversuch erreicht.",
    ),
}
SUFFIX_SHARE = 0.35
# fails of number items, by topic and unit
NUMBER_FAIL = {
    ("first_contact", "s"): ("{v} Sekunden, bis mich jemand ansprach.", "Gemessen {v} s."),
    ("any_wait", "s"): ("{v} Sekunden gewartet.",),
    ("any_wait", "count"): ("Erst nach {v} Klingeltönen angenommen.", "{v}-mal geklingelt."),
    ("hold", "s"): ("Längste Wartezeit {v} Sekunden am Stück.", "{v} s in der Warteschleife."),
    ("any_response", "min"): ("Erste persönliche Antwort nach {v} Minuten.",),
    ("return", "min"): ("Rückgabe dauerte {v} Minuten.", "{v} Minuten bis zur Erstattung."),
}
NUMBER_TOPICS = {  # words in a number item's id -> its key in NUMBER_FAIL
    "first_contact": "first_contact", "rings": "any_wait", "wait": "any_wait",
    "hold": "hold", "response": "any_response", "reply": "any_response", "return": "return",
}  # fmt: skip
UNIT_WORDS = {"s": "Sekunden", "min": "Minuten", "h": "Stunden"}
NA_COMMENTS = (
    "Traf bei diesem Besuch nicht zu.",
    "Situation ergab sich nicht.",
    "Nicht prüfbar, da keine Gelegenheit.",
)

# free-text answers
AREAS = (
    "Kasse 1", "Kasse 2", "Kasse 3", "Infotheke", "Beratung Elektro", "Beratung Haushaltswaren",
    "Abteilung Schuhe", "Beratung Sport", "Eingangsbereich", "Abteilung Spielwaren",
)  # fmt: skip
NO_FAULTS = "Keine nennenswerten Mängel."
GENERIC_TEXT = (
    "Besuch am Vormittag, wenig Betrieb.",
    "Filiale gut besucht, drei Mitarbeitende auf der Fläche.",
    "Umbau im hinteren Bereich, Gang teilweise gesperrt.",
    "Keine Auffälligkeiten.",
)
