"""The Overzicht page's blocks: the survey's findings recounted from the data, the network's size."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.analysis.stats import GraphStats
from graph.analysis.survey_findings import SurveyFindings
from graph.model import kind_label
from ui.charts import count_chart
from ui.common import SURVEY_STATUS_LABELS, md

#: Findings tables shown as charts: (attribute of SurveyFindings, Dutch title).
CHARTS: tuple[tuple[str, str], ...] = (
    ("activiteiten", "MBO-activiteiten in de gemeente"),
    ("beleidsterreinen", "Waar MBO belegd is"),
    ("samenwerking_ondernemers", "Samenwerking met ondernemers"),
    ("ondernemersnetwerk_actief", "Ondernemersnetwerk actief"),
    ("facilitering_vrijwilligerscentrale", "Facilitering vrijwilligerscentrale"),
    ("subsidie_aan", "Subsidie gaat naar"),
    ("specifiek_mbo_beleid", "Specifiek MBO-beleid"),
    ("ambitie", "Ambitie om MBO in beleid op te nemen"),
    ("struikelblokken", "Struikelblokken"),
    ("interesse_kennisuitwisseling", "Interesse in kennisuitwisseling"),
    ("themas", "Thema's voor kennisuitwisseling"),
    ("werkvormen", "Gewenste werkvormen"),
)


def response(findings: SurveyFindings) -> None:
    """Who was asked, who answered, and where the per-municipality answers come from."""
    st.subheader(md(findings.naam))
    cols = st.columns(3)
    cols[0].metric("Uitgenodigd", findings.uitgenodigd if findings.uitgenodigd is not None else "–")
    cols[1].metric("Geantwoord", findings.respondenten)
    pct = findings.respons_pct
    cols[2].metric("Respons", f"{pct:.0f}%" if pct is not None else "–")
    for status in ("respondent", "niet_gerespondeerd", "afzender"):
        names = findings.gemeenten_per_status.get(status, ())
        if names:
            label = SURVEY_STATUS_LABELS[status].capitalize()
            st.markdown(f"**{label}** ({len(names)}): " + md(", ".join(names)))
    if findings.has_example_data:
        st.info(
            f"De antwoorden per gemeente hieronder ({findings.beantwoord} gemeenten) zijn "
            "**voorbeelddata**: de samenvatting van 2010 geeft alleen totalen. De voorbeelden "
            "kloppen met die totalen, maar zeggen niets over een afzonderlijke gemeente.",
            icon=":material/info:",
        )


def findings_charts(findings: SurveyFindings) -> None:
    """Every findings table as a bar chart, two per row."""
    if not findings.beantwoord:
        st.info("Er zijn nog geen antwoorden geladen voor deze enquête (zie de pagina Data).")
        return
    for start in range(0, len(CHARTS), 2):
        cols = st.columns(2)
        for col, (name, title) in zip(cols, CHARTS[start : start + 2], strict=False):
            frame: pd.DataFrame = getattr(findings, name)
            with col:
                st.markdown(f"**{title}**")
                st.altair_chart(count_chart(frame, findings.beantwoord), width="stretch")


def kind_counts_frame(stats: GraphStats) -> pd.DataFrame:
    """Nodes per kind with Dutch plural labels, largest first."""
    rows = [
        {"soort": kind_label(kind, plural=True), "aantal": count}
        for kind, count in stats.nodes_per_kind.items()
    ]
    return pd.DataFrame(rows, columns=["soort", "aantal"]).sort_values("aantal", ascending=False)


def network_size(stats: GraphStats) -> None:
    st.subheader("Het netwerk")
    cols = st.columns(3)
    cols[0].metric("Nodes", stats.nodes)
    cols[1].metric("Relaties", stats.relationships)
    cols[2].metric("Gemeenten", stats.nodes_per_kind.get("gemeente", 0))
    st.dataframe(kind_counts_frame(stats), hide_index=True)
