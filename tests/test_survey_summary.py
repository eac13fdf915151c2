"""Every statement of the 2010 summary, checked against the shipped graph.

The shipped per-municipality answers are illustrative: the summary gives only aggregates. Each
statement below is keyed by the summary's own words (a test checks the key is a word-for-word
quote of :mod:`tests.summary_2010`) and recomputed from the graph, mostly through
:func:`graph.analysis.survey_findings.survey_findings` (what the Overzicht page shows), so it fails as soon
as the data stops supporting it. Where the summary names no municipality, only the example answers
can carry a statement; where it names one (Hellendoorn, Dalfsen, Apeldoorn), the survey facts of
``relaties.csv`` must.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
import pandas as pd
import pytest

from graph.analysis.survey_findings import COLUMNS, SurveyFindings, survey_findings
from graph.build import build_graph
from loaders.datasets import Source, load_sources
from tests.summary_2010 import quoted

HELLENDOORN = "gemeente:GM0163"
LERENDE_GEMEENSCHAP = "activiteit:lerende-gemeenschap"
START_MEETING = "activiteit:startbijeenkomst-2010"
PARTNERS = (
    "provincie:overijssel",
    "regio:netwerkstad-twente",
    "organisatie:provinciale-kennisorganisaties",
    "organisatie:movisie",
)


@dataclass(frozen=True)
class Survey:
    """The findings of the 2010 wave and the graph they were counted from."""

    f: SurveyFindings
    g: nx.MultiDiGraph


def count(frame: pd.DataFrame, key: str) -> int:
    (value,) = frame.loc[frame["sleutel"] == key, "aantal"]
    return int(value)


def named(frame: pd.DataFrame, *keys: str) -> set[str]:
    """Municipalities that gave at least one of ``keys``."""
    return {g for _, row in frame[frame["sleutel"].isin(keys)].iterrows() for g in row["gemeenten"]}


def most(f: SurveyFindings, n: int) -> bool:
    """ "De meeste": more than half of those who answered."""
    return n > f.beantwoord / 2


def few(f: SurveyFindings, n: int) -> bool:
    """ "Enkele" / "weinig": some, but fewer than half."""
    return 1 <= n < f.beantwoord / 2


def top(frame: pd.DataFrame, key: str) -> bool:
    """``key`` is (one of) the most named, and named at all."""
    return count(frame, key) == frame["aantal"].max() > 0


def leading(frame: pd.DataFrame, *keys: str) -> bool:
    """Each of ``keys`` is named at least as often as anything else in ``frame``."""
    chosen = frame["sleutel"].isin(keys)
    return frame.loc[chosen, "aantal"].min() >= frame.loc[~chosen, "aantal"].max()


def activities_per_municipality(f: SurveyFindings) -> dict[str, int]:
    """How many MBO activities each answering municipality organises (0 included)."""
    found = dict.fromkeys(named(f.ambitie, *f.ambitie["sleutel"]), 0)
    for names in f.activiteiten["gemeenten"]:
        for name in names:
            found[name] += 1
    return found


def answers(s: Survey) -> dict[str, dict]:
    """Per answering municipality (name): the attributes of its answers relationship."""
    return {
        s.g.nodes[u]["naam"]: a
        for u, _, a in s.g.in_edges("enquete:2010", data=True)
        if a.get("rol") == "antwoorden"
    }


def wave_edges(s: Survey, rel: str) -> list[tuple[str, str, dict]]:
    """Relationships of type ``rel`` that the 2010 answers produced."""
    return [
        (u, v, a)
        for u, v, k, a in s.g.edges(keys=True, data=True)
        if a["type"] == rel and str(k).endswith("|enquete:2010")
    ]


def survey_fact(s: Survey, source: str, rel: str, target: str) -> dict | None:
    """The one survey-sourced (bron_type enquete) ``rel`` from ``source`` to ``target``."""
    found = [
        a
        for a in s.g.get_edge_data(source, target, default={}).values()
        if a["type"] == rel and a["bron_type"] == "enquete"
    ]
    return found[0] if len(found) == 1 else None


def platforms(s: Survey) -> bool:
    """At least two answering municipalities have an MBO-platform, none works with it
    structurally (the municipality has only "zijdelings" to do with it)."""
    hosts = {
        v: u
        for u, v, _ in wave_edges(s, "ACTIEF_IN")
        if "MBO-platform" in s.g.nodes[u]["naam"] and s.g.nodes[u]["kind"] == "ondernemersnetwerk"
    }
    structural = {
        (u, v) for u, v, a in wave_edges(s, "WERKT_SAMEN_MET") if a.get("niveau") == "structureel"
    }
    return len(hosts) >= 2 and not any((m, p) in structural for m, p in hosts.items())


def entrepreneur_participation(s: Survey) -> bool:
    """Several ("bepaalde") municipalities want it and look for forms: ambition, no activity yet."""
    wanting = [
        a
        for a in answers(s).values()
        if "ondernemersparticipatie bij wijk- en dorpsontwikkelingen"
        in (a.get("toelichting") or "")
    ]
    doing = [
        u for u, v, _ in wave_edges(s, "ORGANISEERT") if v == "activiteit:ondernemersparticipatie"
    ]
    return len(wanting) >= 2 and all(a["ambitie"] is True for a in wanting) and not doing


def not_our_role(s: Survey) -> bool:
    """Several ("weer anderen") find it no municipal task; none of them has ambitions."""
    holders = named(s.f.struikelblokken, "struikelblok:rol-gemeente")
    return len(holders) >= 2 and all(answers(s)[n]["ambitie"] is not True for n in holders)


def little_experience(f: SurveyFindings) -> bool:
    """Most organise at most two MBO activities and work with entrepreneurs at most incidentally."""
    structural = named(f.samenwerking_ondernemers, "structureel")
    little = [
        n for n, k in activities_per_municipality(f).items() if k <= 2 and n not in structural
    ]
    return most(f, len(little))


def volunteer_matchmakers(s: Survey) -> bool:
    """Most respondents name a volunteer centre, and matching supply and demand is a leading theme."""
    with_centre = {
        v
        for u, v, _ in wave_edges(s, "ACTIEF_IN")
        if s.g.nodes[u]["kind"] == "vrijwilligerscentrale"
    }
    return most(s.f, len(with_centre)) and leading(
        s.f.themas,
        "thema:structurele-samenwerking",
        "thema:match-vraag-aanbod",
        "thema:ondernemers-als-partners",
    )


def two_years_support(s: Survey) -> bool:
    """Support, not a stated subsidy or level, from the municipality and the province."""
    support = [
        survey_fact(s, u, "FACILITEERT", LERENDE_GEMEENSCHAP)
        for u in (HELLENDOORN, "provincie:overijssel")
    ]
    subsidy = [
        a for *_, a in s.g.in_edges(LERENDE_GEMEENSCHAP, data=True) if a["type"] == "SUBSIDIEERT"
    ]
    return all(a is not None and a.get("niveau") is None for a in support) and not subsidy


def discussed_with_partners(s: Survey) -> bool:
    """The four are invited to the start meeting; none took part in the survey."""
    invited = all(survey_fact(s, p, "UITGENODIGD_VOOR", START_MEETING) for p in PARTNERS)
    took_part = [u for u, _, a in s.g.in_edges("enquete:2010", data=True) if u in PARTNERS]
    return invited and not took_part


def apeldoorn_experience(s: Survey) -> bool:
    """Apeldoorn has experience with it (a survey fact), it is not interested in it."""
    theme = "thema:klein-bij-groot"
    asks = [u for u, _, a in s.g.in_edges(theme, data=True) if a["type"] == "HEEFT_INTERESSE_IN"]
    return (
        survey_fact(s, "gemeente:GM0200", "HEEFT_ERVARING_MET", theme) is not None
        and "gemeente:GM0200" not in asks
    )


Statement = Callable[[Survey], bool]

#: Each sentence (or clause) of the summary, word for word, and how the graph must support it.
STATEMENTS: dict[str, Statement] = {
    # Introduction
    "In januari/februari 2010 ontvingen alle 24 Overijsselse gemeenten van ons een mini-enquête": (
        lambda s: (
            (s.f.uitgenodigd, s.g.nodes["enquete:2010"]["periode"]) == (24, "januari/februari 2010")
            and len(s.f.gemeenten_per_status["respondent"])
            + len(s.f.gemeenten_per_status["niet_gerespondeerd"])
            == 24
            and s.f.gemeenten_per_status["afzender"] == ("Hellendoorn",)
        )
    ),
    "Aanleiding voor deze actie was het oprichten van een lerende gemeenschap MBO in de gemeente "
    "Hellendoorn (eind 2009)": lambda s: (
        (survey_fact(s, HELLENDOORN, "ORGANISEERT", LERENDE_GEMEENSCHAP) or {}).get("jaar") == 2009
    ),
    "Voor twee jaar is er gemeentelijke en provinciale ondersteuning": two_years_support,
    "De eerste activiteiten daarvoor zijn de enquête en de startbijeenkomst die we op 30 maart 2010 "
    "organiseren": lambda s: (
        survey_fact(s, LERENDE_GEMEENSCHAP, "ORGANISEERT", START_MEETING) is not None
    ),
    "bespreken we ze met collega's uit andere gemeenten, medewerkers van de provincie, netwerkstad "
    "Twente, provinciale kennisorganisaties en Movisie": discussed_with_partners,
    # Respons
    "11 van de 24 gemeenten hebben de vragenlijst ingevuld, een respons van 46%": lambda s: (
        (s.f.respondenten, s.f.uitgenodigd, s.f.beantwoord) == (11, 24, 11)
        and round(s.f.respons_pct) == round(100 * s.f.respondenten / s.f.uitgenodigd) == 46
    ),
    "Dit zijn de respondenten: Almelo, Dalfsen, Dinkelland, Haaksbergen, Losser, Oldenzaal, "
    "Olst-Wijhe, Raalte, Tubbergen, Wierden, Zwartewaterland": lambda s: (
        ", ".join(s.f.gemeenten_per_status["respondent"])
        == "Almelo, Dalfsen, Dinkelland, Haaksbergen, Losser, Oldenzaal, Olst-Wijhe, Raalte, "
        "Tubbergen, Wierden, Zwartewaterland"
    ),
    # Uitkomsten
    "Er zijn grote verschillen tussen de gemeenten wat de soort en omvang van MBO-activiteiten "
    "betreft": lambda s: (
        min(activities_per_municipality(s.f).values()) == 0
        and max(activities_per_municipality(s.f).values()) >= 3
    ),
    "Er zijn gemeenten met bruisende MBO-platforms, waar de gemeentelijke organisatie zelf slechts "
    "zijdelings mee te maken heeft": platforms,
    "Maar er zijn ook gemeenten waar geen enkele vorm van MBO voorkomt": lambda s: (
        list(activities_per_municipality(s.f).values()).count(0) >= 2
    ),
    "Bepaalde gemeenten willen naast burgerparticipatie ook ondernemersparticipatie bij wijk- en "
    "dorpsontwikkelingen stimuleren en zijn op zoek naar passende vormen daarvoor": (
        entrepreneur_participation
    ),
    "Weer anderen vinden dat een gemeentelijke bemoeienis met MBO-activiteiten eigenlijk niet past "
    "bij de gemeentelijke rol en taken": not_our_role,
    # Ondernemersverbanden
    "In de meeste gemeenten zijn ondernemersnetwerken/samenwerkingsverbanden van ondernemers actief": (
        lambda s: most(s.f, count(s.f.ondernemersnetwerk_actief, "ja"))
    ),
    # MBO-activiteiten
    "De organisatie van NL DOET-activiteiten is een van de meest genoemde MBO-activiteiten": (
        lambda s: top(s.f.activiteiten, "activiteit:nl-doet")
    ),
    "Enkele gemeenten noemen ook maatschappelijke stages (MAS) als mbo-activiteit of het "
    "organiseren van een beursvloer, het sponsoren van maatschappelijke organisaties en een goed "
    "mantelzorgbeleid bij bedrijven": lambda s: all(
        few(s.f, count(s.f.activiteiten, f"activiteit:{k}"))
        for k in ("maatschappelijke-stage", "beursvloer", "sponsoring", "mantelzorgbeleid")
    ),
    # Samenwerking gemeenten en MBO'ers
    "Weinig gemeenten werken m.b.t. MBO (structureel) samen met ondernemers": lambda s: (
        count(s.f.samenwerking_ondernemers, "structureel") < s.f.beantwoord / 2
    ),
    "De meeste gemeenten faciliteren een vrijwilligerscentrale die voor de contacten en matches "
    "zorgt": lambda s: most(
        s.f,
        count(s.f.facilitering_vrijwilligerscentrale, "incidenteel")
        + count(s.f.facilitering_vrijwilligerscentrale, "structureel"),
    ),
    # MBO binnen de gemeentelijke organisatie
    "MBO valt bij de meeste gemeenten onder wmo/vrijwilligers- en participatiebeleid": lambda s: (
        top(s.f.beleidsterreinen, "beleidsterrein:wmo")
        and most(s.f, count(s.f.beleidsterreinen, "beleidsterrein:wmo"))
    ),
    "Sommige houden zich er ook mee bezig vanuit EZ, P&O-beleid en de portefeuille van de "
    "burgemeester": lambda s: all(
        few(s.f, count(s.f.beleidsterreinen, f"beleidsterrein:{k}"))
        for k in ("ez", "p-en-o", "burgemeester")
    ),
    # Actief MBO-beleid en subsidies
    "Geen van de respondenten voert een specifiek mbo-beleid": lambda s: (
        count(s.f.specifiek_mbo_beleid, "ja") == 0
    ),
    "(zoals de duurzaamheidsaanpak van de gemeente Dalfsen)": lambda s: (
        survey_fact(s, "gemeente:GM0148", "ORGANISEERT", "activiteit:duurzaamheidsaanpak")
        is not None
    ),
    "Subsidies zijn er bij de meeste gemeenten slechts incidenteel beschikbaar": lambda s: (
        top(s.f.subsidie_niveau, "incidenteel")
        and most(s.f, count(s.f.subsidie_niveau, "incidenteel"))
    ),
    "worden door de meeste gemeenten aan de vrijwilligerscentrale of aan NL.Doet en vergelijkbare "
    "initiatieven besteed": lambda s: (
        len(named(s.f.subsidie_aan, "vrijwilligerscentrale", "activiteit:nl-doet"))
        > len(named(s.f.subsidie_aan, *s.f.subsidie_aan["sleutel"])) / 2
    ),
    # MBO stimuleren: ambities en struikelblokken
    "De helft van de respondenten heeft wel ambities om mbo duidelijker onderdeel te laten worden "
    "van gemeentelijk beleid en handelen": lambda s: (
        abs(count(s.f.ambitie, "ja") - s.f.beantwoord / 2) <= 0.5
    ),
    "Maar voor de meeste is het onduidelijk hoe het thema weggezet kan worden binnen de "
    "gemeentelijke organisatie, of er ambtelijke capaciteit voor vrijgemaakt kan worden en welke "
    "sector en functies intern als trekker moeten optreden": lambda s: most(
        s.f,
        len(
            named(
                s.f.struikelblokken,
                "struikelblok:plek-onduidelijk",
                "struikelblok:capaciteit",
                "struikelblok:trekker-onduidelijk",
            )
        ),
    ),
    # Kennisuitwisseling
    "De meeste respondenten hebben interesse in een kennisuitwisseling": lambda s: most(
        s.f, count(s.f.interesse_kennisuitwisseling, "ja")
    ),
    "Dit zijn thema's en vragen daarvoor": lambda s: (
        len(s.f.themas) == 12 and (s.f.themas["aantal"] >= 1).all()
    ),
    "Hoe kunnen kleinere gemeenten bij grote gemeenten aanhaken? (in Apeldoorn gebeurt dat)": (
        apeldoorn_experience
    ),
    "Favoriete vormen voor kennisuitwisseling zijn deelname aan themabijeenkomsten en het ontvangen "
    "van een nieuwsbrief": lambda s: (
        set(s.f.werkvormen["sleutel"][:2]) == {"werkvorm:themabijeenkomst", "werkvorm:nieuwsbrief"}
        and s.f.werkvormen["aantal"][1] > s.f.werkvormen["aantal"][2]
    ),
    "Ook genoemd: deelnemer van werkbezoeken, deelname aan een provinciaal MBO-netwerk of aan een "
    "intervisiegroep": lambda s: all(
        count(s.f.werkvormen, f"werkvorm:{k}") >= 1
        for k in ("werkbezoek", "provinciaal-netwerk", "intervisiegroep")
    ),
    # Conclusies
    "De meeste respondenten hebben nog weinig ervaring met samenwerking en activiteiten op het "
    "gebied van MBO": lambda s: little_experience(s.f),
    "Ze zijn op zoek naar manieren om MBO in hun gemeente verder te ontwikkelen en om MBO een plek "
    "te geven bij gemeentelijk beleid": lambda s: (
        most(s.f, count(s.f.interesse_kennisuitwisseling, "ja"))
        and count(s.f.themas, "thema:mbo-beleid") >= 1
    ),
    "Er zijn weinig gemeentelijke middelen om MBO-activiteiten/structuren te faciliteren": lambda s: (
        count(s.f.subsidie_niveau, "structureel") < s.f.beantwoord / 2
        and most(
            s.f, count(s.f.subsidie_niveau, "geen") + count(s.f.subsidie_niveau, "incidenteel")
        )
    ),
    "Vrijwilligersorganisaties worden vaak genoemd als beoogde matchmakers tussen vraag en aanbod": (
        volunteer_matchmakers
    ),
    "Voor de meeste respondenten is het onduidelijk welke sector een contactpersoon voor MBO zou "
    "moeten leveren en of er capaciteit voor vrijgemaakt zou kunnen worden": lambda s: most(
        s.f,
        len(
            named(
                s.f.struikelblokken, "struikelblok:capaciteit", "struikelblok:trekker-onduidelijk"
            )
        ),
    ),
    "Er is vooral behoefte aan uitwisseling en ondersteuning bij het ontwikkelen van samenwerking "
    "tussen gemeenten en bedrijven, het organiseren van een match tussen maatschappelijke vraag en "
    "aanbod en het betrekken van ondernemers bij gemeentelijk beleid": lambda s: leading(
        s.f.themas,
        "thema:structurele-samenwerking",
        "thema:match-vraag-aanbod",
        "thema:ondernemers-als-partners",
    ),
    # The summary names nobody here: the graph holds the lerende gemeenschap itself (a survey fact)
    # and (example) interest in its subject, structural cooperation "ook de vorm waarin".
    "Daarnaast bestaat er belangstelling voor de ervaringen met een lerende gemeenschap als "
    "samenwerkingsvorm": lambda s: (
        survey_fact(s, HELLENDOORN, "ORGANISEERT", LERENDE_GEMEENSCHAP) is not None
        and count(s.f.themas, "thema:structurele-samenwerking") >= 1
    ),
    "De meeste respondenten zijn geïnteresseerd in thematische bijeenkomsten en schriftelijke "
    "informatie via nieuwsbrieven": lambda s: (
        most(s.f, count(s.f.werkvormen, "werkvorm:themabijeenkomst"))
        and most(s.f, count(s.f.werkvormen, "werkvorm:nieuwsbrief"))
    ),
}


def survey(graph: nx.MultiDiGraph) -> Survey:
    return Survey(survey_findings(graph, "enquete:2010"), graph)


@pytest.fixture(scope="module")
def shipped(shipped_graph: nx.MultiDiGraph) -> Survey:
    return survey(shipped_graph)


@pytest.mark.parametrize("statement", list(STATEMENTS))
def test_summary_statement_holds(shipped: Survey, statement: str) -> None:
    assert STATEMENTS[statement](shipped), statement


@pytest.mark.parametrize("statement", list(STATEMENTS))
def test_each_statement_is_quoted_word_for_word(statement: str) -> None:
    assert quoted(statement), statement


def test_the_answers_per_municipality_are_examples(shipped: Survey) -> None:
    """The summary gives no per-municipality answers: the shipped ones are bron_type voorbeeld."""
    assert shipped.f.bron_types == {"voorbeeld"} and shipped.f.has_example_data


# --------------------------------------------------------------------------- the checks can fail


def _without(graph: nx.MultiDiGraph, keep: Callable[[str, str, dict], bool]) -> nx.MultiDiGraph:
    changed = graph.copy()
    changed.remove_edges_from(
        [(u, v, k) for u, v, k, a in graph.edges(keys=True, data=True) if not keep(u, v, a)]
    )
    return changed


def _holds(graph: nx.MultiDiGraph, start: str) -> bool:
    (statement,) = [s for s in STATEMENTS if s.startswith(start)]
    return STATEMENTS[statement](survey(graph))


def test_statements_fail_when_the_data_stops_supporting_them(
    shipped_graph: nx.MultiDiGraph,
) -> None:
    no_nl_doet = _without(shipped_graph, lambda u, v, a: v != "activiteit:nl-doet")
    assert not _holds(no_nl_doet, "De organisatie van NL DOET")
    policy = shipped_graph.copy()
    for _, _, attrs in policy.edges(data=True):
        if attrs.get("rol") == "antwoorden":
            attrs["specifiek_mbo_beleid"] = True
            attrs["bron_type"] = "enquete"
    assert not _holds(policy, "Geen van de respondenten voert")
    no_newsletter = _without(shipped_graph, lambda u, v, a: v != "werkvorm:nieuwsbrief")
    assert not _holds(no_newsletter, "Favoriete vormen")
    assert not _holds(no_newsletter, "De meeste respondenten zijn geïnteresseerd")


def test_the_new_statements_fail_too(shipped_graph: nx.MultiDiGraph) -> None:
    structural = shipped_graph.copy()
    for _, _, attrs in structural.edges(data=True):
        if attrs["type"] == "WERKT_SAMEN_MET":
            attrs["niveau"] = "structureel"
    assert not _holds(structural, "Er zijn gemeenten met bruisende MBO-platforms")
    as_subsidy = shipped_graph.copy()
    as_subsidy.add_edge(HELLENDOORN, LERENDE_GEMEENSCHAP, type="SUBSIDIEERT", bron_type="enquete")
    assert not _holds(as_subsidy, "Voor twee jaar is er")
    took_part = shipped_graph.copy()
    took_part.add_edge("organisatie:movisie", "enquete:2010", type="NAM_DEEL_AAN")
    assert not _holds(took_part, "bespreken we ze met")
    one_role = _without(
        shipped_graph,
        lambda u, v, a: not (u == "gemeente:GM0168" and v == "struikelblok:rol-gemeente"),
    )
    assert not _holds(one_role, "Weer anderen vinden")
    interested = shipped_graph.copy()
    interested.add_edge("gemeente:GM0200", "thema:klein-bij-groot", type="HEEFT_INTERESSE_IN")
    assert not _holds(interested, "Hoe kunnen kleinere gemeenten")
    for _, _, attrs in interested.edges(data=True):
        if attrs.get("rol") == "antwoorden":
            attrs["toelichting"] = None
    assert not _holds(interested, "Bepaalde gemeenten willen")
    busy = shipped_graph.copy()
    for municipality in ("gemeente:GM0148", "gemeente:GM1774", "gemeente:GM0158"):
        for activity in ("beursvloer", "sponsoring", "mantelzorgbeleid"):
            busy.add_edge(
                municipality,
                f"activiteit:{activity}",
                key="ORGANISEERT|enquete:2010",
                type="ORGANISEERT",
                bron_type="voorbeeld",
            )
    assert not _holds(busy, "De meeste respondenten hebben nog weinig ervaring")


# --------------------------------------------------------------------------- survey_findings itself

BASE = {
    "gemeenten": (
        "cbs_code;naam;provincie;inwoners_recent;inwoners_recent_jaar;lat;lon\n"
        "GM0001;Aa;Overijssel;1;2024;52;6\nGM0002;Bee;Overijssel;1;2024;52;6\n"
        "GM0003;Cee;Overijssel;1;2024;52;6\nGM0004;Dee;Overijssel;1;2024;52;6\n"
    ),
    "vocabulaire": (
        "soort;sleutel;label\nactiviteit;nl-doet;NL Doet\nactiviteit;beursvloer;Beursvloer\n"
        "werkvorm;nieuwsbrief;Nieuwsbrief\nbeleidsterrein;wmo;Wmo\n"
    ),
    "enquetes": "sleutel;naam;jaar;uitgenodigd\nw1;Ronde 1;2010;3\nw2;Ronde 2;2012;3\n",
    "deelname": (
        "enquete;gemeente;status\nw1;Aa;respondent\nw1;Bee;respondent\nw1;Cee;niet_gerespondeerd\n"
    ),
    "antwoorden": (
        "enquete;gemeente;activiteiten;ondernemersnetwerken;vrijwilligerscentrale;"
        "facilitering_vrijwilligerscentrale;subsidie_niveau;subsidie_aan;ambitie;bron_type\n"
        "w1;Aa;nl-doet;Kring Aa;VC Aa;structureel;incidenteel;vrijwilligerscentrale;ja;voorbeeld\n"
        "w1;Bee;nl-doet;;VC Bee;geen;incidenteel;nl-doet;;voorbeeld\n"
        "w2;Aa;beursvloer;;;;;;nee;enquete\n"
    ),
    "relaties": "van_soort;van;relatie;naar_soort;naar\ngemeente;Cee;ORGANISEERT;activiteit;beursvloer\n",
}


@pytest.fixture(scope="module")
def small() -> nx.MultiDiGraph:
    result = load_sources([Source(f"{k}.csv", v.encode(), k) for k, v in BASE.items()])
    assert result.report.ok, [p.line() for p in result.report.problems]
    return build_graph(result.nodes, result.edges)


def rows(frame: pd.DataFrame) -> list[tuple[str, int, list[str]]]:
    return [(r.sleutel, r.aantal, r.gemeenten) for r in frame.itertuples()]


def test_findings_of_a_small_wave(small: nx.MultiDiGraph) -> None:
    f = survey_findings(small, "enquete:w1")
    assert (f.naam, f.uitgenodigd, f.respondenten, f.beantwoord) == ("Ronde 1", 3, 2, 2)
    assert f.respons_pct == pytest.approx(200 / 3)  # not stored: computed from 2 of 3
    assert f.bron_types == {"voorbeeld"} and f.has_example_data
    # Cee's beursvloer comes from a relations file, not from wave 1's answers
    assert rows(f.activiteiten) == [
        ("activiteit:nl-doet", 2, ["Aa", "Bee"]),
        ("activiteit:beursvloer", 0, []),
    ]
    assert f.activiteiten["aandeel"].tolist() == [1.0, 0.0]
    assert rows(f.facilitering_vrijwilligerscentrale) == [
        ("geen", 1, ["Bee"]),
        ("incidenteel", 0, []),
        ("structureel", 1, ["Aa"]),
        ("onbekend", 0, []),
    ]
    assert rows(f.ambitie) == [("ja", 1, ["Aa"]), ("nee", 0, []), ("onbekend", 1, ["Bee"])]
    assert rows(f.subsidie_aan)[:2] == [
        ("activiteit:nl-doet", 1, ["Bee"]),
        ("vrijwilligerscentrale", 1, ["Aa"]),
    ]
    assert rows(f.ondernemersnetwerk_actief) == [
        ("ja", 1, ["Aa"]),
        ("nee", 1, ["Bee"]),
    ]
    assert rows(f.werkvormen) == [("werkvorm:nieuwsbrief", 0, [])]
    for table in (f.activiteiten, f.themas, f.samenwerking_ondernemers, f.ambitie):
        assert list(table.columns) == COLUMNS


def test_waves_are_counted_apart(small: nx.MultiDiGraph) -> None:
    f = survey_findings(small, "enquete:w2")
    assert (f.respondenten, f.beantwoord, f.bron_types) == (0, 1, {"enquete"})
    assert not f.has_example_data
    assert rows(f.activiteiten)[0] == ("activiteit:beursvloer", 1, ["Aa"])
    assert rows(f.ambitie)[1] == ("nee", 1, ["Aa"])


def test_unknown_wave() -> None:
    with pytest.raises(ValueError, match="enquête 'enquete:1999' staat niet in de graaf"):
        survey_findings(nx.MultiDiGraph(), "enquete:1999")


def test_findings_are_read_only(small: nx.MultiDiGraph) -> None:
    before = nx.to_dict_of_dicts(small)
    survey_findings(small, "enquete:w1")
    assert nx.to_dict_of_dicts(small) == before
