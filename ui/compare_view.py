"""The Vergelijken page's blocks: choosing two rounds (kept in the URL), response, changes per
municipality, ties on the map, demand per theme. The figures are graph.analysis.compare's, the
same as ``netwerkkaart vergelijk``."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import streamlit as st

from graph.analysis.compare import TIE_TYPES, Comparison, compare, waves
from graph.dutch import nl_join, nl_number
from graph.model import rel_label
from graph.selection import Selection
from ui.common import md
from views.pyvis_map import OverlayEdge

#: Session keys and URL parameters of the two rounds.
PARAMS = {"van": "vg_van", "naar": "vg_naar"}
#: The map: the partners and the ties a municipality reports, whatever their round.
MAP_SELECTION = Selection(rel_types=frozenset(TIE_TYPES))
FIELD_LABELS: dict[str, str] = {
    "activiteiten": "activiteiten",
    "beleidsterreinen": "beleidsterreinen",
    "struikelblokken": "struikelblokken",
    "themas": "thema's",
    "werkvormen": "werkvormen",
    "ondernemersnetwerken": "ondernemersnetwerken",
    "vrijwilligerscentrale": "vrijwilligerscentrale",
    "subsidie_aan": "subsidie aan",
    "haakt_aan_bij": "haakt aan bij",
    "samenwerking_ondernemers": "samenwerking met ondernemers",
    "facilitering_vrijwilligerscentrale": "facilitering vrijwilligerscentrale",
    "specifiek_mbo_beleid": "specifiek MBO-beleid",
    "subsidie_niveau": "subsidie voor MBO",
    "ambitie": "ambitie",
    "interesse_kennisuitwisseling": "interesse in kennisuitwisseling",
}
#: How a changed tie reads (a municipality's changed answers keep their own words).
CHANGE_LABELS = {"nieuw": "nieuw", "vervallen": "vervallen", "gewijzigd": "ander niveau"}


@st.cache_resource(show_spinner="Rondes vergelijken…", max_entries=8)
def cached_comparison(_graph: nx.MultiDiGraph, version: str, van: str, naar: str) -> Comparison:
    """graph.analysis.compare.compare once per graph version and pair (shared read-only)."""
    return compare(_graph, van, naar)


def pick_waves(graph: nx.MultiDiGraph) -> tuple[str, str] | None:
    """Two selectboxes (earlier, later round), by default the two most recent; None when the
    graph holds fewer than two rounds. The choice is kept in the URL (``?van=2010&naar=2027``)."""
    keys = waves(graph)
    if len(keys) < 2:
        return None
    defaults = {"van": keys[1], "naar": keys[0]}
    columns = st.columns(2)
    chosen = []
    for column, (param, key) in zip(columns, PARAMS.items(), strict=True):
        if st.session_state.get(key) not in keys:
            asked = str(st.query_params.get(param, ""))
            st.session_state[key] = asked if asked in keys else defaults[param]
        label = "Eerdere ronde" if param == "van" else "Latere ronde"
        chosen.append(column.selectbox(label, keys, key=key))
        if st.query_params.get(param) != chosen[-1]:
            st.query_params[param] = chosen[-1]
    return chosen[0], chosen[1]


def response(result: Comparison) -> None:
    """Invited, answered and response rate of both rounds; who answered anew or no more."""
    columns = st.columns(2)
    for column, wave, figures in (
        (columns[0], result.van, result.respons["van"]),
        (columns[1], result.naar, result.respons["naar"]),
    ):
        pct = figures["respons_pct"]
        column.metric(
            f"Respons {wave['sleutel']}", f"{figures['respondenten']} van {figures['uitgenodigd']}"
        )
        share = f"{nl_number(pct, 1)}% van de uitgenodigde gemeenten · " if pct is not None else ""
        column.caption(share + md(wave["naam"]))
    for label, key in (("Nieuw geantwoord", "nieuw"), ("Niet meer geantwoord", "weg")):
        names = result.respons[key]
        st.markdown(f"**{label}:** {md(nl_join(names)) if names else 'niemand'}.")


def example_note(result: Comparison) -> None:
    """How many example rows each round left out: they never count as a change."""
    lines = []
    for wave in (result.van, result.naar):
        left = wave["voorbeeld_weggelaten"]
        if left["relaties"]:
            lines.append(
                f"ronde {md(wave['sleutel'])}: {left['antwoordrijen']} antwoordrij(en) en "
                f"{left['relaties']} relaties"
            )
    if lines:
        st.info(
            "Voorbeelddata tellen niet mee als verandering en zijn weggelaten: "
            + "; ".join(lines)
            + ".",
            icon=":material/filter_alt:",
        )


def compared_note(result: Comparison) -> None:
    compared = result.respons["vergeleken"]
    if not compared:
        st.caption(
            "Geen gemeente heeft in beide rondes (echte) antwoorden gegeven: er zijn geen "
            "antwoorden of banden om te vergelijken."
        )
        return
    st.caption(
        f"Antwoorden en banden vergeleken voor de {len(compared)} gemeente(n) die in beide "
        f"rondes antwoordden: {md(nl_join(compared))}."
    )


def municipalities_frame(result: Comparison) -> pd.DataFrame:
    """Per municipality and field what was added, dropped or changed, one row per change."""
    rows = [
        {
            "gemeente": row["gemeente"],
            "onderwerp": FIELD_LABELS.get(row["veld"], row["veld"]),
            "verandering": row["verandering"],
            "wat": row["waarde"] or f"{row['van']} → {row['naar']}",
        }
        for row in result.changes()
        if row["onderdeel"] == "gemeente"
    ]
    return pd.DataFrame(rows, columns=["gemeente", "onderwerp", "verandering", "wat"])


def ties_frame(result: Comparison) -> pd.DataFrame:
    rows = [
        {
            "gemeente": tie["gemeente"],
            "relatie": rel_label(tie["relatie"]),
            "partner": tie["partner"],
            "verandering": CHANGE_LABELS[change],
            "niveau eerder": tie["niveau_van"] or "",
            "niveau later": tie["niveau_naar"] or "",
        }
        for change in ("nieuw", "vervallen", "gewijzigd")
        for tie in result.banden[change]
    ]
    columns = ["gemeente", "relatie", "partner", "verandering", "niveau eerder", "niveau later"]
    return pd.DataFrame(rows, columns=columns)


def themes_frame(result: Comparison) -> pd.DataFrame:
    """Demand per theme in both rounds (themes nobody asked about in either are left out)."""
    rows = [
        {
            "thema": t["thema"],
            f"vraag {result.van['sleutel']}": t["vraag_van"],
            f"vraag {result.naar['sleutel']}": t["vraag_naar"],
            "verschil": t["verschil"],
        }
        for t in result.themas
        if t["vraag_van"] or t["vraag_naar"]
    ]
    return pd.DataFrame(rows)


def overlay(result: Comparison) -> tuple[OverlayEdge, ...]:
    """Every changed tie as a line on the map, styled by its change (green, red, blue)."""
    later = result.naar["sleutel"]
    lines = []
    for change in ("nieuw", "vervallen", "gewijzigd"):
        for tie in result.banden[change]:
            levels = [level for level in (tie["niveau_van"], tie["niveau_naar"]) if level]
            level = f" ({' → '.join(levels)})" if levels else ""
            text = (
                f"{tie['gemeente']} {rel_label(tie['relatie'])} {tie['partner']}{level}: "
                f"{CHANGE_LABELS[change]} in ronde {later}"
            )
            lines.append(OverlayEdge(tie["gemeente_id"], tie["partner_id"], text, change))
    return tuple(lines)
