"""A municipality's factsheet (:func:`graph.analysis.factsheet.factsheet`) as a document.

One or two A4 pages: profile with sources, the ego map (the static map of
:mod:`views.exports.static_map`, on a small page), ties (with their state when recorded),
hook-on suggestions with reasons, knowledge partners, and what changed since the last round.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from graph.analysis.factsheet import Factsheet
from graph.analysis.profile import ProfileItem
from graph.dutch import EXAMPLE_NOTE, nl_join, nl_number, with_note
from graph.model import RelType, bron_label, kind_label, rel_label
from views.documents.blocks import Block, Bullets, Document, Heading, Image, Paragraph, Table
from views.documents.pdf import to_pdf_with_pages
from views.documents.render import render
from views.exports.meta import PRODUCT, dutch_date, export_meta
from views.exports.paper import Paper
from views.exports.static_map import draw_map

#: The ego map's page: landscape, 174 x 96 mm (the text width of an A4 page), 150 dpi.
MAP_PAPER = Paper("factsheet", 96.0, 174.0, 150, 6.0)
#: Profile sections listed in the profile table (ties have their own table).
PROFILE_SECTIONS = (
    "Regio's",
    "Enquêtes",
    "Activiteiten",
    "MBO belegd bij",
    "Interesses",
    "Ervaring met",
    "Werkvormen",
    "Struikelblokken",
)
FACTS = (
    ("inwoners_recent", "Inwoners"),
    ("grootteklasse", "Grootteklasse"),
    ("provincie", "Provincie"),
    ("corop", "COROP-gebied"),
)
MAX_PAGES = 2


@dataclass(frozen=True)
class Limits:
    """At most this many ties (and names per profile row), reasons per suggestion, and
    knowledge partners each way; the rest is counted, and the CLI lists it in full."""

    banden: int
    redenen: int
    partners: int


#: Tried in turn until the PDF fits on :data:`MAX_PAGES` pages (the last one is used anyway).
LIMITS = (Limits(12, 5, 5), Limits(8, 4, 4), Limits(5, 3, 3), Limits(3, 2, 2))
EXAMPLE_WARNING = (
    f"Let op: wat gemarkeerd is met '{EXAMPLE_NOTE.strip()}' is voorbeelddata: illustratief, "
    "geen enquêteresultaat."
)


def ego_map(sheet: Factsheet, datum: date) -> Image:
    """The municipality and everything one step away, on its geographic base map."""
    meta = export_meta(
        sheet.ego,
        titel=f"Netwerk rond {sheet.naam}",
        datum=datum,
        selectie="één stap rond de gemeente",
    )
    size = MAP_PAPER.size_inches(True)
    fig = draw_map(sheet.ego, meta, size, MAP_PAPER, True, "geo", sheet.gemeente)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=MAP_PAPER.dpi, metadata={"Software": PRODUCT})
    return Image(buffer.getvalue(), MAP_PAPER.long_mm, MAP_PAPER.short_mm)


def _capped(items: list[str], limit: int, rest: str) -> list[str]:
    """The first ``limit`` items, then one line counting the rest (``rest`` takes the count)."""
    if len(items) <= limit:
        return items
    return [*items[:limit], rest.format(n=len(items) - limit)]


def _fact(value: object) -> str:
    return (
        nl_number(value)
        if isinstance(value, int | float) and not isinstance(value, bool)
        else str(value)
    )


def _profile_name(item: ProfileItem) -> str:
    """A name, with its part in a survey (respondent, antwoorden) for a survey."""
    part = item.details.get("status") or item.details.get("rol")
    return f"{item.naam} ({part})" if item.relatie == RelType.NAM_DEEL_AAN and part else item.naam


def _profile(sheet: Factsheet, limits: Limits) -> list[Block]:
    p = sheet.profiel
    facts = [f"{label}: {_fact(p.feiten[key])}" for key, label in FACTS if key in p.feiten]
    year = p.feiten.get("inwoners_recent_jaar")
    text = "; ".join(facts) + (f" (inwoners {year})" if year else "")
    rows = []
    for title in PROFILE_SECTIONS:
        items = p.secties.get(title, [])
        if items:
            listed = sorted({with_note(_profile_name(i), i.voorbeeld) for i in items})
            names = nl_join(_capped(listed, limits.banden, "{n} andere"))
            origin = ", ".join(sorted({i.bron_type for i in items}))
            rows.append((title, names, origin))
    blocks: list[Block] = [
        Heading("Profiel"),
        Paragraph(f"{text}. Bron: {p.bron or 'onbekend'} ({bron_label(p.bron_type)})."),
    ]
    if rows:
        blocks.append(Table(("Onderdeel", "Wat", "Herkomst"), tuple(rows), (1.2, 4.0, 1.3)))
    return blocks


def _tie_row(item: ProfileItem, status: bool) -> tuple[str, ...]:
    details = "; ".join(f"{k}: {v}" for k, v in item.details.items() if k != "status")
    row = [with_note(item.naam, item.voorbeeld), kind_label(item.soort), rel_label(item.relatie)]
    if status:
        row.append(str(item.details.get("status", "–")))
    return (*row, details or "–", item.bron or bron_label(item.bron_type))


def _ties(sheet: Factsheet, limits: Limits) -> list[Block]:
    blocks: list[Block] = [Heading("Banden")]
    if not sheet.banden:
        return [*blocks, Paragraph("Geen banden met partners of aanhaakrelaties bekend.")]
    header = [
        "Met",
        "Soort",
        "Relatie",
        *(["Status"] if sheet.met_status else []),
        "Details",
        "Bron",
    ]
    widths = [2.2, 1.4, 1.3, *([1.0] if sheet.met_status else []), 1.6, 2.2]
    rows = tuple(_tie_row(item, sheet.met_status) for item in sheet.banden[: limits.banden])
    blocks.append(Table(tuple(header), rows, tuple(widths)))
    if len(sheet.banden) > limits.banden:
        rest = len(sheet.banden) - limits.banden
        blocks.append(
            Paragraph(
                f"En {rest} andere banden: netwerkkaart export --focus '{sheet.naam}' geeft ze "
                "allemaal.",
                note=True,
            )
        )
    return blocks


def _hook_on(sheet: Factsheet, limits: Limits) -> list[Block]:
    blocks: list[Block] = [Heading("Aanhaken")]
    if sheet.aanhaken:
        blocks.append(Paragraph(f"Waar {sheet.naam} kan aanhaken, best passend eerst:"))
        more = "en {n} andere redenen"
        reasons = [
            f"{s.partner.naam}: {'; '.join(_capped(list(s.reasons), limits.redenen, more))}"
            for s in sheet.aanhaken
        ]
        blocks.append(Bullets(tuple(reasons)))
    if sheet.aanhakers:
        blocks.append(Paragraph(f"Kleinere gemeenten die bij {sheet.naam} kunnen aanhaken:"))
        hooking = [f"{s.municipality.naam} (hier hun nr. {s.rank})" for s in sheet.aanhakers]
        more = "en {n} andere gemeenten (netwerkkaart aanhaken)"
        blocks.append(Bullets(tuple(_capped(hooking, limits.partners, more))))
    if len(blocks) == 1:
        blocks.append(Paragraph("Geen aanhaaksuggesties voor deze gemeente."))
    return blocks


def _knowledge(sheet: Factsheet, limits: Limits) -> list[Block]:
    def themes(ids: tuple[str, ...]) -> str:
        return nl_join(sheet.themas.get(t, t) for t in ids)

    learn = [
        with_note(f"van {p.leraar.naam} over {themes(p.themas)}", p.voorbeeld)
        for p in sheet.leren_van
    ]
    teach = [
        with_note(f"{p.leerling.naam} over {themes(p.themas)}", p.voorbeeld)
        for p in sheet.leren_aan
    ]
    blocks: list[Block] = [Heading("Kennis delen")]
    more = "en {n} andere gemeenten (netwerkkaart kennis)"
    if learn:
        blocks += [
            Paragraph(f"{sheet.naam} kan leren:"),
            Bullets(tuple(_capped(learn, limits.partners, more))),
        ]
    if teach:
        blocks += [
            Paragraph(f"{sheet.naam} heeft ervaring waar andere gemeenten naar vragen:"),
            Bullets(tuple(_capped(teach, limits.partners, more))),
        ]
    if not learn and not teach:
        blocks.append(
            Paragraph("Geen thema's waarover deze gemeente kan leren of anderen kan leren.")
        )
    return blocks


def _changes(sheet: Factsheet) -> list[Block]:
    blocks: list[Block] = [Heading("Wat is er veranderd")]
    if sheet.vorige is None:
        return [*blocks, Paragraph("Er is geen eerdere enquêteronde om mee te vergelijken.")]
    if not sheet.vergeleken:
        return [
            *blocks,
            Paragraph(
                f"{sheet.naam} antwoordde niet in zowel {sheet.vorige_naam} als "
                f"{sheet.ronde_naam}; alleen gemeenten die in beide rondes antwoordden, worden "
                "vergeleken."
            ),
        ]
    if not sheet.veranderingen:
        return [
            *blocks,
            Paragraph(f"Geen veranderingen in de antwoorden sinds {sheet.vorige_naam}."),
        ]
    rows = tuple(
        (c.veld, nl_join(c.toegevoegd) or "–", nl_join(c.vervallen) or "–")
        for c in sheet.veranderingen
    )
    return [
        *blocks,
        Paragraph(f"{sheet.ronde_naam} vergeleken met {sheet.vorige_naam} (zonder voorbeelddata):"),
        Table(("Onderdeel", "Erbij", "Vervallen"), rows, (1.4, 2.5, 2.5)),
    ]


def factsheet_document(
    sheet: Factsheet,
    datum: date | None = None,
    limits: Limits = LIMITS[0],
    kaart: Image | None = None,
) -> Document:
    """The sheet as blocks; ``kaart`` is the ego map when already drawn."""
    day = datum or date.today()
    blocks: list[Block] = []
    if sheet.has_example_data:
        blocks.append(Paragraph(EXAMPLE_WARNING, note=True))
    if not sheet.met_voorbeelden:
        blocks.append(
            Paragraph(
                "Zonder voorbeelddata: alleen enquête-, referentie- en gebruikersgegevens.",
                note=True,
            )
        )
    blocks += _profile(sheet, limits)
    blocks += [Heading("Netwerk"), kaart or ego_map(sheet, day)]  # titled "Netwerk rond ..."
    blocks += _ties(sheet, limits) + _hook_on(sheet, limits) + _knowledge(sheet, limits)
    blocks += _changes(sheet)
    meta = export_meta(sheet.ego)
    blocks.append(Paragraph(f"Bronnen: {meta.bronnen_tekst()}.", note=True))
    round_text = (
        f"enquêteronde: {sheet.ronde_naam}" if sheet.ronde_naam else "nog geen enquêteronde"
    )
    return Document(
        title=f"Factsheet {sheet.naam}",
        subtitle=f"{round_text} · {dutch_date(day)} · {PRODUCT}",
        blocks=tuple(blocks),
        footer=f"Factsheet {sheet.naam} · {PRODUCT}",
    )


def render_factsheet(sheet: Factsheet, fmt: str = "pdf", datum: date | None = None) -> bytes:
    """The factsheet as ``pdf`` or ``docx`` bytes, with the widest :data:`LIMITS` whose PDF
    fits on two pages (the DOCX takes the same limits; its pages are laid out by Word)."""
    day = datum or date.today()
    kaart = ego_map(sheet, day)
    for limits in LIMITS:
        document = factsheet_document(sheet, day, limits, kaart)
        payload, pages = to_pdf_with_pages(document)
        if pages <= MAX_PAGES:
            break
    return payload if fmt == "pdf" else render(document, fmt)
