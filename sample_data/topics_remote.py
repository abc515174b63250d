"""Comment phrases for phone and written enquiries, and the broad fallback topics."""

from sample_data.topics_base import ALL, PHONE, REMOTE, STORE, WRITTEN, Topic

# fmt: off
REMOTE_TOPICS = [
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
