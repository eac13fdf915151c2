"""The Data page's blocks: loaded data sets, checking and adding an upload, the survey template.

An uploaded file is first checked together with everything already loaded; its problems are
shown as a table and nothing is stored. Only a clean file can be added, and adding goes through
:func:`netwerkkaart.services.workspace.add_upload`, which stores the file and the rebuilt graph together
or not at all.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from loaders.datasets import DATASETS, Source
from loaders.template import template_columns, template_csv, template_xlsx
from netwerkkaart.services import workspace as ws
from ui.common import md, problems_frame
from ui.state import USER_ERRORS, StoreChoice

PENDING = "data_pending"
_UPLOADER = "data_uploader_generation"
_FLASH = "data_flash"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _flash(kind: str, text: str) -> None:
    st.session_state[_FLASH] = (kind, text)


def show_flash() -> None:
    """The outcome of the last add or remove, shown once after the rerun it caused."""
    kind, text = st.session_state.pop(_FLASH, (None, None))
    if kind == "success":
        st.success(text)
    elif kind == "error":
        st.error(text)


def loaded_files(choice: StoreChoice) -> None:
    """Every file the graph is built from (shipped or uploaded, kind, rows) and their problems."""
    uploads = {s.name for s in ws.upload_sources(choice.workspace)}
    outcome = ws.build(choice.workspace)
    rows = [
        {
            "bestand": name,
            "herkomst": "geüpload" if name in uploads else "meegeleverd",
            "soort": label,
            "rijen": count,
            "gelezen als": how,
        }
        for name, label, how, count in outcome.result.read
    ]
    columns = ["bestand", "herkomst", "soort", "rijen", "gelezen als"]
    st.dataframe(pd.DataFrame(rows, columns=columns), hide_index=True, width="stretch")
    report = outcome.result.report
    if not report.ok:
        st.warning(
            f"De geladen bestanden hebben samen {len(report.errors)} fout(en); de opgeslagen graaf "
            "is de laatste die wel klopte. Verwijder of vervang het bestand met de fout."
        )
    if report.problems:
        with st.expander(f"Meldingen bij de geladen bestanden ({len(report.problems)})"):
            st.dataframe(problems_frame(report.problems), hide_index=True, width="stretch")


def _remove(choice: StoreChoice, name: str) -> None:
    try:
        outcome = ws.remove_upload(choice.workspace, choice.store, name)
    except USER_ERRORS as exc:
        _flash("error", f"Verwijderen is niet gelukt: {md(exc)}")
        return
    if not outcome.ok:
        lines = "; ".join(p.line() for p in outcome.result.report.errors[:5])
        _flash("error", md(f"Zonder '{name}' klopt de rest niet; er is niets veranderd. {lines}"))
        return
    _flash("success", f"'{md(name)}' is verwijderd en de graaf is opnieuw gebouwd.")


def uploads_list(choice: StoreChoice) -> None:
    """The uploaded files, each with a button that removes it (and rebuilds the graph)."""
    uploads = ws.upload_sources(choice.workspace)
    if not uploads:
        st.caption("Nog geen eigen bestanden geüpload.")
        return
    st.markdown("**Eigen bestanden**")
    for source in uploads:
        left, right = st.columns([4, 1])
        left.text(f"{source.name} ({len(source.data) / 1024:.1f} kB)")
        right.button(
            "Verwijderen",
            key=f"data_remove_{source.name}",
            on_click=_remove,
            args=(choice, source.name),
        )
    st.caption("Een bestand vervangen: upload een nieuw bestand met dezelfde naam.")


def _take_upload() -> None:
    """Copy the uploaded file into the session, so checking it does not depend on the widget."""
    file = st.session_state.get(f"data_file_{st.session_state.get(_UPLOADER, 0)}")
    st.session_state[PENDING] = Source(file.name, file.getvalue()) if file else None


def uploader() -> None:
    kinds = "; ".join(
        f"**{s.label}** (kolommen {', '.join(sorted(s.required_columns()))})"
        for s in DATASETS
        if s.uploadable
    )
    st.markdown(f"Soorten bestanden: {kinds}. CSV (`,` `;` of tab) of XLSX.")
    st.file_uploader(
        "Kies een CSV- of XLSX-bestand",
        type=["csv", "xlsx", "tsv", "txt"],
        help=f"Hoogstens {ws.UPLOAD_LIMIT_BYTES // ws.MEGABYTE} MB per bestand.",
        key=f"data_file_{st.session_state.get(_UPLOADER, 0)}",
        on_change=_take_upload,
    )


def _add(choice: StoreChoice, source: Source) -> None:
    try:
        outcome = ws.add_upload(choice.workspace, choice.store, source)
    except USER_ERRORS as exc:
        _flash("error", f"Toevoegen is niet gelukt; er is niets opgeslagen. {md(exc)}")
        return
    if not outcome.ok:
        _flash("error", "Toevoegen is niet gelukt; er is niets opgeslagen. Controleer het bestand.")
        return
    st.session_state[PENDING] = None
    st.session_state[_UPLOADER] = st.session_state.get(_UPLOADER, 0) + 1
    _flash("success", f"'{md(source.name)}' is toegevoegd en de graaf is opnieuw gebouwd.")


def check_pending(choice: StoreChoice) -> None:
    """Check the uploaded file with everything loaded; show its problems; offer to add it."""
    source: Source | None = st.session_state.get(PENDING)
    if source is None:
        return
    try:
        outcome = ws.build(choice.workspace, extra=[source])
    except USER_ERRORS as exc:
        st.error(f"'{md(source.name)}' kan niet worden gecontroleerd: {md(exc)}")
        return
    report = outcome.result.report
    mine = [p for p in report.problems if p.file == source.name]
    own_errors = [p for p in report.errors if p.file == source.name]
    elsewhere = len(report.errors) - len(own_errors)
    st.markdown(f"**Controle van {md(source.name)}**")
    if mine:
        st.dataframe(problems_frame(mine), hide_index=True, width="stretch")
    if not report.ok:
        note = f" (en {elsewhere} in andere geladen bestanden)" if elsewhere else ""
        st.error(
            f"{len(own_errors)} fout(en) in '{md(source.name)}'{note}: er is niets opgeslagen. "
            "Verbeter het bestand en upload het opnieuw."
        )
        return
    read = [r for r in outcome.result.read if r[0] == source.name]
    what = f"{read[0][1]}, {read[0][3]} rijen" if read else "geldig"
    replaces = source.name in {s.name for s in ws.upload_sources(choice.workspace)}
    st.success(
        f"'{md(source.name)}' is in orde ({md(what)})."
        + (" Het vervangt het eerder geüploade bestand met die naam." if replaces else "")
    )
    st.button(
        "Toevoegen aan de graaf",
        type="primary",
        on_click=_add,
        args=(choice, source),
        key="data_add",
    )


def template_downloads() -> None:
    """The empty survey template (CSV and XLSX) and what each column means."""
    st.markdown(
        "Een gemeente vult per enquêteronde één rij in; meerdere antwoorden in één cel scheidt u "
        "met `;`. Het XLSX-sjabloon bevat ook een toelichting en de toegestane waarden."
    )
    left, right = st.columns(2)
    left.download_button(
        "Sjabloon (XLSX)", template_xlsx(), "enquete_sjabloon.xlsx", XLSX_MIME, key="tpl_xlsx"
    )
    right.download_button(
        "Sjabloon (CSV)", template_csv(), "enquete_sjabloon.csv", "text/csv", key="tpl_csv"
    )
    st.dataframe(
        pd.DataFrame(
            [
                {"kolom": c, "verplicht": "ja" if required else "nee", "toelichting": text}
                for c, text, required in template_columns()
            ]
        ),
        hide_index=True,
        width="stretch",
    )
