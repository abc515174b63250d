"""Comment phrases per topic for store visits; remote channels live in topics_remote.py."""

from sample_data.topics_base import STORE, Topic
from sample_data.topics_remote import REMOTE_TOPICS

# fmt: off
STORE_TOPICS = [
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
]
# fmt: on

# Order matters: the first topic that matches an item wins.
TOPICS = STORE_TOPICS + REMOTE_TOPICS
