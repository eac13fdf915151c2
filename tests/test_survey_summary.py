"""Every aggregate statement of the 2010 summary, recounted from the graph's (example) answers.

The shipped per-municipality answers are illustrative: the summary gives only aggregates. They must
stay consistent with every statement the summary makes; each statement below is recomputed from
the graph through :func:`graph.survey_findings.survey_findings` (what the Overzicht page shows)
and fails as soon as the data stops supporting it. Quotes are from the summary.
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx
import pandas as pd
import pytest

from graph.build import build_graph
from graph.survey_findings import COLUMNS, SurveyFindings, survey_findings
from loaders.datasets import Source, load_sources


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


Statement = Callable[[SurveyFindings], bool]

STATEMENTS: dict[str, Statement] = {
    # Respons
    "11 van de 24 gemeenten hebben de vragenlijst ingevuld, een respons van 46%": lambda f: (
        (f.respondenten, f.uitgenodigd, f.beantwoord) == (11, 24, 11)
        and round(f.respons_pct) == round(100 * f.respondenten / f.uitgenodigd) == 46
    ),
    # Ondernemersverbanden
    "In de meeste gemeenten zijn ondernemersnetwerken actief": lambda f: most(
        f, count(f.ondernemersnetwerk_actief, "ja")
    ),
    # MBO-activiteiten
    "NL DOET is een van de meest genoemde MBO-activiteiten": lambda f: top(
        f.activiteiten, "activiteit:nl-doet"
    ),
    "Enkele gemeenten noemen maatschappelijke stages": lambda f: few(
        f, count(f.activiteiten, "activiteit:maatschappelijke-stage")
    ),
    "Enkele gemeenten noemen een beursvloer": lambda f: few(
        f, count(f.activiteiten, "activiteit:beursvloer")
    ),
    "Enkele gemeenten noemen sponsoring van maatschappelijke organisaties": lambda f: few(
        f, count(f.activiteiten, "activiteit:sponsoring")
    ),
    "Enkele gemeenten noemen mantelzorgbeleid bij bedrijven": lambda f: few(
        f, count(f.activiteiten, "activiteit:mantelzorgbeleid")
    ),
    "Er zijn ook gemeenten waar geen enkele vorm van MBO voorkomt": lambda f: (
        len(named(f.activiteiten, *f.activiteiten["sleutel"])) < f.beantwoord
    ),
    # Samenwerking gemeenten en MBO'ers
    "Weinig gemeenten werken (structureel) samen met ondernemers": lambda f: (
        count(f.samenwerking_ondernemers, "structureel") < f.beantwoord / 2
    ),
    "De meeste gemeenten faciliteren een vrijwilligerscentrale": lambda f: most(
        f,
        count(f.facilitering_vrijwilligerscentrale, "incidenteel")
        + count(f.facilitering_vrijwilligerscentrale, "structureel"),
    ),
    # MBO binnen de gemeentelijke organisatie
    "MBO valt bij de meeste gemeenten onder wmo/vrijwilligers- en participatiebeleid": lambda f: (
        top(f.beleidsterreinen, "beleidsterrein:wmo")
        and most(f, count(f.beleidsterreinen, "beleidsterrein:wmo"))
    ),
    "Sommige houden zich er ook mee bezig vanuit EZ, P&O-beleid en de burgemeester": lambda f: all(
        count(f.beleidsterreinen, f"beleidsterrein:{k}") >= 1
        for k in ("ez", "p-en-o", "burgemeester")
    ),
    # Actief MBO-beleid en subsidies
    "Geen van de respondenten voert een specifiek mbo-beleid": lambda f: (
        count(f.specifiek_mbo_beleid, "ja") == 0
    ),
    "Subsidies zijn er bij de meeste gemeenten slechts incidenteel": lambda f: (
        top(f.subsidie_niveau, "incidenteel") and most(f, count(f.subsidie_niveau, "incidenteel"))
    ),
    "Subsidies gaan meestal naar de vrijwilligerscentrale of NL Doet": lambda f: (
        len(named(f.subsidie_aan, "vrijwilligerscentrale", "activiteit:nl-doet"))
        > len(named(f.subsidie_aan, *f.subsidie_aan["sleutel"])) / 2
    ),
    # MBO stimuleren: ambities en struikelblokken
    "De helft van de respondenten heeft ambities": lambda f: (
        abs(count(f.ambitie, "ja") - f.beantwoord / 2) <= 0.5
    ),
    "Voor de meesten is onduidelijk waar MBO hoort, of er capaciteit is, wie trekt": lambda f: most(
        f,
        len(
            named(
                f.struikelblokken,
                "struikelblok:plek-onduidelijk",
                "struikelblok:capaciteit",
                "struikelblok:trekker-onduidelijk",
            )
        ),
    ),
    "Sommigen vinden dat bemoeienis met MBO niet past bij de gemeentelijke rol": lambda f: (
        count(f.struikelblokken, "struikelblok:rol-gemeente") >= 1
    ),
    # Kennisuitwisseling
    "De meeste respondenten hebben interesse in kennisuitwisseling": lambda f: most(
        f, count(f.interesse_kennisuitwisseling, "ja")
    ),
    "Elk van de twaalf thema's is door een respondent ingebracht": lambda f: (
        len(f.themas) == 12 and (f.themas["aantal"] >= 1).all()
    ),
    "Favoriet: themabijeenkomsten en een nieuwsbrief": lambda f: (
        set(f.werkvormen["sleutel"][:2]) == {"werkvorm:themabijeenkomst", "werkvorm:nieuwsbrief"}
        and f.werkvormen["aantal"][1] > f.werkvormen["aantal"][2]
    ),
    "Ook genoemd: werkbezoeken, een provinciaal MBO-netwerk, een intervisiegroep": lambda f: all(
        count(f.werkvormen, f"werkvorm:{k}") >= 1
        for k in ("werkbezoek", "provinciaal-netwerk", "intervisiegroep")
    ),
    # Conclusies
    "Vooral behoefte aan samenwerking met bedrijven, match vraag-aanbod, ondernemers betrekken": (
        lambda f: leading(
            f.themas,
            "thema:structurele-samenwerking",
            "thema:match-vraag-aanbod",
            "thema:ondernemers-als-partners",
        )
    ),
    # Provenance: the answers are examples and say so
    "De antwoorden per gemeente zijn voorbeelden (bron_type voorbeeld), nooit enquete": lambda f: (
        f.bron_types == {"voorbeeld"} and f.illustratief
    ),
}


@pytest.fixture(scope="module")
def findings(shipped_graph: nx.MultiDiGraph) -> SurveyFindings:
    return survey_findings(shipped_graph, "enquete:2010")


@pytest.mark.parametrize("statement", list(STATEMENTS))
def test_summary_statement_holds(findings: SurveyFindings, statement: str) -> None:
    assert STATEMENTS[statement](findings), statement


# --------------------------------------------------------------------------- the checks can fail


def _without(graph: nx.MultiDiGraph, keep: Callable[[str, str, dict], bool]) -> nx.MultiDiGraph:
    changed = graph.copy()
    changed.remove_edges_from(
        [(u, v, k) for u, v, k, a in graph.edges(keys=True, data=True) if not keep(u, v, a)]
    )
    return changed


def test_statements_fail_when_the_data_stops_supporting_them(
    shipped_graph: nx.MultiDiGraph,
) -> None:
    no_nl_doet = _without(shipped_graph, lambda u, v, a: v != "activiteit:nl-doet")
    assert not STATEMENTS["NL DOET is een van de meest genoemde MBO-activiteiten"](
        survey_findings(no_nl_doet)
    )
    policy = shipped_graph.copy()
    for _, _, attrs in policy.edges(data=True):
        if attrs.get("rol") == "antwoorden":
            attrs["specifiek_mbo_beleid"] = True
            attrs["bron_type"] = "enquete"
    with_policy = survey_findings(policy)
    assert not STATEMENTS["Geen van de respondenten voert een specifiek mbo-beleid"](with_policy)
    assert not STATEMENTS[
        "De antwoorden per gemeente zijn voorbeelden (bron_type voorbeeld), nooit enquete"
    ](with_policy)
    no_newsletter = _without(shipped_graph, lambda u, v, a: v != "werkvorm:nieuwsbrief")
    assert not STATEMENTS["Favoriet: themabijeenkomsten en een nieuwsbrief"](
        survey_findings(no_newsletter)
    )


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
    assert f.bron_types == {"voorbeeld"} and f.illustratief
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
    assert not f.illustratief
    assert rows(f.activiteiten)[0] == ("activiteit:beursvloer", 1, ["Aa"])
    assert rows(f.ambitie)[1] == ("nee", 1, ["Aa"])


def test_unknown_wave() -> None:
    with pytest.raises(ValueError, match="enquête 'enquete:1999' staat niet in de graaf"):
        survey_findings(nx.MultiDiGraph(), "enquete:1999")


def test_findings_are_read_only(small: nx.MultiDiGraph) -> None:
    before = nx.to_dict_of_dicts(small)
    survey_findings(small, "enquete:w1")
    assert nx.to_dict_of_dicts(small) == before
