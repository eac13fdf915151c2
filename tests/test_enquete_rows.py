"""Every shipped row with ``bron_type enquete`` says only what the 2010 summary says.

Each such row of ``data/`` is listed below with the summary sentence it comes from; the quote must
be word for word in the summary (:mod:`tests.summary_2010`, a copy: the project never reads
``../shared``). A new ``enquete`` row without a listed quote fails, and so does a row whose words
(label, description, explanation, level, figures) are not the summary's own, give or take the
inflections and abbreviations listed in :data:`FORMS`. Facts from elsewhere belong on a row of
their own source (``referentie``), as NL Doet's description does (Oranje Fonds). Synonyms are
lookup aids, not statements, and the ``themas`` column is the project's own reading (``afgeleid``),
so neither is checked here.
"""

from __future__ import annotations

import csv
import re

import pytest

from data import DATA_DIR
from tests.summary_2010 import SUMMARY, normalised, quoted

RESPONDENTS_SENTENCE = (
    "Dit zijn de respondenten: Almelo, Dalfsen, Dinkelland, Haaksbergen, Losser, Oldenzaal, "
    "Olst-Wijhe, Raalte, Tubbergen, Wierden, Zwartewaterland."
)
INVITED = (
    "In januari/februari 2010 ontvingen alle 24 Overijsselse gemeenten van ons een mini-enquête"
)
PARTNERS = (
    "Op 30 maart lichten we ze mondeling toe en bespreken we ze met collega's uit andere gemeenten, "
    "medewerkers van de provincie, netwerkstad Twente, provinciale kennisorganisaties en Movisie."
)
SUPPORT = "Voor twee jaar is er gemeentelijke en provinciale ondersteuning."
PORTFOLIOS = (
    "Sommige houden zich er ook mee bezig vanuit EZ, P&O-beleid en de portefeuille van de "
    "burgemeester."
)
MATCHPOINT = "Het opzetten en doorontwikkelen van een matchpoint en/of beursvloer"

#: Every ``enquete`` row, by file and row key, with the summary sentence it comes from.
ALLOWED: dict[tuple[str, str], str] = {
    ("vocabulaire.csv", "activiteit:maatschappelijke-stage"): (
        "Enkele gemeenten noemen ook maatschappelijke stages (MAS) als mbo-activiteit"
    ),
    ("vocabulaire.csv", "activiteit:beursvloer"): "of het organiseren van een beursvloer",
    ("vocabulaire.csv", "activiteit:sponsoring"): "het sponsoren van maatschappelijke organisaties",
    ("vocabulaire.csv", "activiteit:mantelzorgbeleid"): "een goed mantelzorgbeleid bij bedrijven",
    ("vocabulaire.csv", "activiteit:matchpoint"): MATCHPOINT,
    ("vocabulaire.csv", "activiteit:duurzaamheidsaanpak"): (
        "MBO-activiteiten maken soms deel uit van het algemene participatiebeleid of is gericht op "
        "specifieke thema's en acties (zoals de duurzaamheidsaanpak van de gemeente Dalfsen)."
    ),
    ("vocabulaire.csv", "activiteit:lerende-gemeenschap"): (
        "Deze gemeenschap bestaat uit bedrijven, maatschappelijke- en vrijwilligersorganisaties en "
        "vertegenwoordigers van de gemeente Hellendoorn."
    ),
    ("vocabulaire.csv", "activiteit:mbo-platform"): (
        "Er zijn gemeenten met bruisende MBO-platforms, waar de gemeentelijke organisatie zelf "
        "slechts zijdelings mee te maken heeft."
    ),
    ("vocabulaire.csv", "activiteit:ondernemersparticipatie"): (
        "Bepaalde gemeenten willen naast burgerparticipatie ook ondernemersparticipatie bij wijk- en "
        "dorpsontwikkelingen stimuleren"
    ),
    ("vocabulaire.csv", "activiteit:startbijeenkomst-2010"): (
        "De eerste activiteiten daarvoor zijn de enquête en de startbijeenkomst die we op 30 maart "
        "2010 organiseren. De belangrijkste resultaten van de enquête hebben we in deze notitie "
        "samengevat. Op 30 maart lichten we ze mondeling toe en bespreken we ze"
    ),
    ("vocabulaire.csv", "beleidsterrein:wmo"): (
        "MBO valt bij de meeste gemeenten onder wmo/vrijwilligers- en participatiebeleid."
    ),
    ("vocabulaire.csv", "beleidsterrein:ez"): PORTFOLIOS,
    ("vocabulaire.csv", "beleidsterrein:p-en-o"): PORTFOLIOS,
    ("vocabulaire.csv", "beleidsterrein:burgemeester"): PORTFOLIOS,
    ("vocabulaire.csv", "thema:mbo-beleid"): (
        "Het opzetten van gemeentelijk mbo-beleid. O.a. behoefte aan een stappenplan voor een "
        "eenvoudig begin."
    ),
    ("vocabulaire.csv", "thema:kanteling"): (
        "Hoe kan MBO ondersteunend zijn aan de veranderende denkwijze i.v.m. de kanteling, "
        "vrijwillige inzet, mantelzorg?"
    ),
    ("vocabulaire.csv", "thema:klein-bij-groot"): (
        "Hoe kunnen kleinere gemeenten bij grote gemeenten aanhaken? (in Apeldoorn gebeurt dat)"
    ),
    ("vocabulaire.csv", "thema:structurele-samenwerking"): (
        "Hoe een structurele samenwerking met het bedrijfsleven opzetten (ook de vorm waarin) en hoe "
        "krijgen we maatschappelijke thema's op de agenda?"
    ),
    ("vocabulaire.csv", "thema:ondernemers-als-partners"): (
        "Hoe ondernemers als partners betrekken bij de uitvoering van de wmo, mbo en mas?"
    ),
    ("vocabulaire.csv", "thema:beleidsterreinen"): (
        "Vanuit welke beleidsterreinen wordt aan MBO gedacht en met welke intenties (economische "
        "invalshoek, maatschappelijk belang om mensen met afstand tot werk te laten participeren, "
        "vanuit vrijwilligersbeleid, maatschappelijke stages in VO, aandacht kwetsbare groepen)."
    ),
    ("vocabulaire.csv", "thema:goede-voorbeeld"): (
        "Hoe kun je als (lokale) overheid het goede voorbeeld geven?"
    ),
    ("vocabulaire.csv", "thema:match-vraag-aanbod"): (
        "Hoe organiseer je de match tussen maatschappelijke vraag en aanbod?"
    ),
    ("vocabulaire.csv", "thema:bedrijfsleven-maatschappelijk-thema"): (
        "Hoe betrek je het bedrijfsleven bij een maatschappelijk thema als alcoholmatiging jeugd?"
    ),
    ("vocabulaire.csv", "thema:mas-binnen-mbo"): (
        "Maatschappelijke stages: zijn er gemeenten die dat binnen MBO regelen?"
    ),
    ("vocabulaire.csv", "thema:extra-middelen"): "Hoe genereer je extra middelen?",
    ("vocabulaire.csv", "thema:matchpoint-beursvloer"): MATCHPOINT,
    ("vocabulaire.csv", "werkvorm:themabijeenkomst"): (
        "De meeste respondenten zijn geïnteresseerd in thematische bijeenkomsten"
    ),
    ("vocabulaire.csv", "werkvorm:nieuwsbrief"): "schriftelijke informatie via nieuwsbrieven",
    ("vocabulaire.csv", "werkvorm:werkbezoek"): "Ook genoemd: deelnemer van werkbezoeken",
    ("vocabulaire.csv", "werkvorm:provinciaal-netwerk"): "deelname aan een provinciaal MBO-netwerk",
    ("vocabulaire.csv", "werkvorm:intervisiegroep"): "of aan een intervisiegroep",
    ("vocabulaire.csv", "struikelblok:plek-onduidelijk"): (
        "voor de meeste is het onduidelijk hoe het thema weggezet kan worden binnen de gemeentelijke "
        "organisatie"
    ),
    ("vocabulaire.csv", "struikelblok:capaciteit"): (
        "of er ambtelijke capaciteit voor vrijgemaakt kan worden"
    ),
    ("vocabulaire.csv", "struikelblok:trekker-onduidelijk"): (
        "welke sector en functies intern als trekker moeten optreden"
    ),
    ("vocabulaire.csv", "struikelblok:weinig-middelen"): (
        "Er zijn weinig gemeentelijke middelen om MBO-activiteiten/structuren te faciliteren."
    ),
    ("vocabulaire.csv", "struikelblok:rol-gemeente"): (
        "Weer anderen vinden dat een gemeentelijke bemoeienis met MBO-activiteiten eigenlijk niet "
        "past bij de gemeentelijke rol en taken."
    ),
    ("organisaties.csv", "movisie"): PARTNERS,
    ("organisaties.csv", "provinciale-kennisorganisaties"): PARTNERS,
    ("relaties.csv", "Hellendoorn ORGANISEERT lerende-gemeenschap"): (
        "Aanleiding voor deze actie was het oprichten van een lerende gemeenschap MBO in de gemeente "
        "Hellendoorn (eind 2009). Deze gemeenschap bestaat uit bedrijven, maatschappelijke- en "
        "vrijwilligersorganisaties en vertegenwoordigers van de gemeente Hellendoorn."
    ),
    ("relaties.csv", "Hellendoorn FACILITEERT lerende-gemeenschap"): SUPPORT,
    ("relaties.csv", "Overijssel FACILITEERT lerende-gemeenschap"): SUPPORT,
    ("relaties.csv", "Dalfsen ORGANISEERT duurzaamheidsaanpak"): (
        "(zoals de duurzaamheidsaanpak van de gemeente Dalfsen)"
    ),
    ("relaties.csv", "Apeldoorn HEEFT_ERVARING_MET klein-bij-groot"): (
        "Hoe kunnen kleinere gemeenten bij grote gemeenten aanhaken? (in Apeldoorn gebeurt dat)"
    ),
    ("relaties.csv", "Overijssel UITGENODIGD_VOOR startbijeenkomst-2010"): PARTNERS,
    ("relaties.csv", "Netwerkstad Twente UITGENODIGD_VOOR startbijeenkomst-2010"): PARTNERS,
    ("relaties.csv", "Movisie UITGENODIGD_VOOR startbijeenkomst-2010"): PARTNERS,
    (
        "relaties.csv",
        "Provinciale kennisorganisaties Overijssel UITGENODIGD_VOOR startbijeenkomst-2010",
    ): PARTNERS,
    ("relaties.csv", "lerende-gemeenschap ORGANISEERT startbijeenkomst-2010"): (
        "De eerste activiteiten daarvoor zijn de enquête en de startbijeenkomst die we op 30 maart "
        "2010 organiseren."
    ),
    ("enquetes.csv", "2010"): (
        f"{INVITED} over Maatschappelijk Betrokken Ondernemen (MBO¹). ... 11 van de 24 gemeenten "
        "hebben de vragenlijst ingevuld, een respons van 46%."
    ),
}

#: Text of an ``enquete`` row that is not the summary's, with the source it names.
BEYOND: dict[tuple[str, str], str] = {
    ("enquetes.csv", "2010"): (
        "Waarom 24 (referentiegegevens, gemeenten.csv): Overijssel telde in 2010 25 gemeenten, "
        "de afzender Hellendoorn niet meegeteld."
    ),
}

#: A row's word -> the summary's word it inflects, abbreviates or expands.
FORMS: dict[str, str] = {
    "besproken": "bespreken",
    "deelnemen": "deelname",
    "dorp": "dorpsontwikkelingen",
    "economisch": "economische",
    "genereren": "genereer",
    "haken": "aanhaken",
    "kleine": "kleinere",
    "onderwijs": "vo",
    "organiseert": "organiseren",
    "overijssel": "overijsselse",
    "participatie": "participeren",
    "personeel": "p",
    "platform": "platforms",
    "sponsoring": "sponsoren",
    "stage": "stages",
    "subsidie": "subsidies",
    "themabijeenkomst": "themabijeenkomsten",
    "toegelicht": "lichten",
    "voortgezet": "vo",
    "vrijkomt": "vrijgemaakt",
    "werkbezoek": "werkbezoeken",
    "zaken": "ez",
}
#: Words about the summary itself ("noemt de samenvatting niet"), not facts.
ABOUT_THE_SUMMARY = frozenset({"samenvatting", "noemt"})

#: The columns of each file that state something.
STATING: dict[str, tuple[str, ...]] = {
    "vocabulaire.csv": ("label", "omschrijving"),
    "organisaties.csv": ("naam", "omschrijving"),
    "relaties.csv": ("niveau", "toelichting"),
    "enquetes.csv": (
        "naam",
        "periode",
        "uitgenodigd",
        "respondenten",
        "respons_pct",
        "omschrijving",
    ),
}
ROW_KEY = {
    "vocabulaire.csv": lambda r: f"{r['soort']}:{r['sleutel']}",
    "organisaties.csv": lambda r: r["sleutel"],
    "relaties.csv": lambda r: f"{r['van']} {r['relatie']} {r['naar']}",
    "enquetes.csv": lambda r: r["sleutel"],
}


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


SUMMARY_WORDS = frozenset(words(SUMMARY))


def rows(file: str) -> list[dict[str, str]]:
    with (DATA_DIR / file).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def survey_rows() -> dict[tuple[str, str], dict[str, str]]:
    return {
        (file, key(row)): row
        for file, key in ROW_KEY.items()
        for row in rows(file)
        if row["bron_type"] == "enquete"
    }


def foreign_words(text: str) -> list[str]:
    """Words of ``text`` that are neither the summary's nor a listed form of them."""
    return [
        w
        for w in words(text)
        if w not in SUMMARY_WORDS
        and FORMS.get(w) not in SUMMARY_WORDS
        and w not in ABOUT_THE_SUMMARY
    ]


def test_every_enquete_row_is_listed_with_its_quote() -> None:
    assert sorted(survey_rows()) == sorted(ALLOWED)


@pytest.mark.parametrize("where", list(ALLOWED), ids=" / ".join)
def test_each_quote_is_word_for_word_in_the_summary(where: tuple[str, str]) -> None:
    for part in ALLOWED[where].split(" ... "):
        assert quoted(part), part


@pytest.mark.parametrize("where", list(ALLOWED), ids=" / ".join)
def test_each_row_says_only_what_the_summary_says(where: tuple[str, str]) -> None:
    row = survey_rows()[where]
    assert "mini-enquête MBO Overijssel" in row["bron"]
    text = normalised(" ".join(row[c] or "" for c in STATING[where[0]]))
    beyond = BEYOND.get(where, "")
    assert beyond in text
    if beyond:
        assert "referentiegegevens" in beyond  # it names its own source
    assert foreign_words(text.replace(beyond, "")) == []


def test_the_forms_point_at_the_summarys_words() -> None:
    assert {w for w in FORMS.values() if w not in SUMMARY_WORDS} == set()


def test_the_check_catches_a_fact_from_elsewhere() -> None:
    assert foreign_words("Grootste vrijwilligersactie, door het Oranje Fonds sinds 2005") == [
        "grootste",
        "vrijwilligersactie",
        "oranje",
        "fonds",
        "sinds",
        "2005",
    ]
    assert foreign_words("Wmo, sinds 2007") == ["sinds", "2007"]
    assert foreign_words("subsidieert structureel") == ["subsidieert"]


def test_participation_rows_follow_the_response_sentence() -> None:
    """ "In januari/februari 2010 ontvingen alle 24 Overijsselse gemeenten van ons een
    mini-enquête" and "Dit zijn de respondenten: ...": the other 13 of the 24 did not answer.
    Which municipalities are Overijssel's comes from the reference data, not the summary."""
    assert quoted(INVITED) and quoted(RESPONDENTS_SENTENCE)
    named = set(RESPONDENTS_SENTENCE.partition(": ")[2].rstrip(".").split(", "))
    status: dict[str, set[str]] = {}
    for row in rows("enquete_deelname.csv"):
        assert row["bron_type"] == "enquete" and row["jaar"] == "2010"
        status.setdefault(row["status"], set()).add(row["gemeente"])
    assert status["respondent"] == named
    assert status["afzender"] == {"Hellendoorn"}  # "lerende gemeenschap Hellendoorn" sent it
    assert len(status["niet_gerespondeerd"]) == 24 - 11 and not status["niet_gerespondeerd"] & named
    assert set(status) == {"respondent", "afzender", "niet_gerespondeerd"}


def test_no_synonym_equates_mvo_with_mbo() -> None:
    """MVO (maatschappelijk verantwoord ondernemen) is not MBO (maatschappelijk betrokken)."""
    synonyms = [s for row in rows("vocabulaire.csv") for s in row["synoniemen"].split(";")]
    assert not [s for s in synonyms if "mvo" in s.lower()]
