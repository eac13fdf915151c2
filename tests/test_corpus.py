"""The bad-file corpus: each file with the exact problems it must give, in the loaders, the CLI
and the app.

Files: the text files in ``tests/corpus/`` (their bytes are the case) and the binary ones built by
``tests/corpus_builders.py``. :data:`CASES` maps each to its problems as (row, column, value,
Dutch message, level), in the order they are reported. Every case is checked

- in the loaders, together with the shipped data (exact problems; for files that load, how they
  were read),
- in the CLI: ``netwerkkaart validate`` prints exactly the ``file:row:column: message`` lines and
  exits 1 on errors (0 otherwise); ``netwerkkaart build`` with the file among the uploads exits 1
  and leaves the stored snapshot byte-identical,
- in the app: the Data page shows the same messages in its problems table and stores nothing.

Decisions the corpus documents:

- A date in a year column (``30-03-2010``, ``30 maart 2010``, ``maart 2010``, ``2010-03-30``, an
  Excel date cell) is refused, naming the year it holds: the column means "the year the fact is
  about", and guessing which part of a date the user meant is worse than asking.
- A formula is read by its stored result; a formula without one (a file written by a script and
  never opened in Excel) is an error, not an empty cell. Merged cells are an error (only their
  first cell holds the value). Hidden rows and columns are read, with a warning.
- A row written with another delimiter than the header, invisible control characters, and other
  formats under a table's name (PDF, HTML, ODS, a Word document, an old or password-protected
  Excel file) each get their own message instead of a misleading follow-up error.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data import DATA_DIR
from graph.stores.memory import MemoryStore
from loaders.datasets import LoadResult, Source, load_sources, shipped_sources
from loaders.problems import Level
from netwerkkaart.services.workspace import build_and_save, upload_sources, uploads_dir
from tests import corpus_builders
from tests.cli_support import run as run_cli
from tests.corpus_builders import BUILDERS, hundred_thousand_rows
from ui.common import md

CORPUS = Path(__file__).parent / "corpus"
APP = Path(__file__).resolve().parents[1] / "app.py"

UNKNOWN_KIND = (
    "onbekend soort bestand: de kop past bij geen bekend formaat. Verwachte kolommen — "
    "Organisaties: naam, soort; Enquêteantwoorden: enquete, gemeente; "
    "Relaties: naar, naar_soort, relatie, van, van_soort"
)
QUOTES = (
    "; zet een cel met scheidingsteken of regeleinde tussen dubbele aanhalingstekens en "
    'verdubbel een aanhalingsteken in een cel ("")'
)
KINDS = (
    "gemeente, provincie, regio, ondernemersnetwerk, vrijwilligerscentrale, organisatie, "
    "beleidsterrein, activiteit, thema, werkvorm, struikelblok, enquete"
)
REL_TYPES = (
    "LIGT_IN, GRENST_AAN, LID_VAN, ACTIEF_IN, FACILITEERT, SUBSIDIEERT, ORGANISEERT, "
    "WERKT_SAMEN_MET, BELEGD_BIJ, HEEFT_INTERESSE_IN, HEEFT_ERVARING_MET, VOORKEUR_VOOR, "
    "ERVAART, HAAKT_AAN_BIJ, LEERT_VAN, REAGEERT_OP, NAM_DEEL_AAN, UITGENODIGD_VOOR, RAAKT_THEMA"
)
LEVELS = "geen, incidenteel, structureel"
FORMULA = (
    "formule zonder opgeslagen uitkomst ('{}'); open het bestand in Excel, laat het "
    "herberekenen en sla het opnieuw op, of plak de cellen als waarden"
)
OTHER_FORMAT = "dit is {}, geen CSV- of Excel-bestand; sla de tabel op als CSV of .xlsx"
UNREADABLE_XLSX = (
    "geen leesbaar Excel-bestand (beschadigd, beveiligd met een wachtwoord of eigenlijk een "
    "ander formaat)"
)
CSV_SEMICOLON = "CSV, UTF-8, scheidingsteken puntkomma"
EXCEL = "Excel, werkblad 'Blad1'"


@dataclass(frozen=True)
class Expect:
    """One expected problem: where (row, column), the cell's value, the message, the level."""

    row: int | None
    column: str | None
    value: str | None
    message: str
    level: Level = Level.FOUT


def warning(row: int | None, column: str | None, message: str) -> Expect:
    return Expect(row, column, None, message, Level.WAARSCHUWING)


@dataclass(frozen=True)
class Case:
    """A corpus file's problems and, when it loads, how it was read and how many rows it has."""

    problems: tuple[Expect, ...] = ()
    how: str | None = None
    rows: int | None = None

    @property
    def valid(self) -> bool:
        return all(p.level is Level.WAARSCHUWING for p in self.problems)


def _bad(*problems: Expect) -> Case:
    return Case(problems)


CASES: dict[str, Case] = {
    # ---------------------------------------------------------------- delimiters and quoting
    "verkeerd_scheidingsteken.csv": _bad(
        Expect(1, None, None, UNKNOWN_KIND + ". De kop is één kolom ('sleutel|soort|naam|gemeente'): gebruik komma, puntkomma of tab als scheidingsteken"),
    ),
    "gemengde_scheidingstekens.csv": _bad(
        Expect(3, None, "kring-b,ondernemersnetwerk,Kring B,Borne,komma's", "deze rij gebruikt komma als scheidingsteken, de kop puntkomma; gebruik in het hele bestand hetzelfde"),
    ),
    "puntkomma_en_regeleinde_in_cel.csv": _bad(
        Expect(3, "gemeente", "Zwole", "gemeente 'Zwole' is onbekend; bedoelde u Zwolle?"),
    ),
    "aanhalingsteken_niet_gesloten.csv": _bad(
        Expect(3, None, None, "een aanhalingsteken wordt tot het einde van het bestand niet gesloten" + QUOTES),
    ),
    "tekst_na_aanhalingsteken.csv": _bad(
        Expect(2, None, None, "na een sluitend aanhalingsteken hoort een scheidingsteken" + QUOTES),
    ),
    "alleen_cr_regeleinden.csv": _bad(
        Expect(3, "gemeente", "Zwole", "gemeente 'Zwole' is onbekend; bedoelde u Zwolle?"),
    ),
    "lege_rijen_en_kolommen.csv": _bad(
        Expect(7, "gemeente", "Hengel", "gemeente 'Hengel' is onbekend; bedoelde u Hengelo?"),
    ),
    "te_veel_cellen.csv": _bad(
        Expect(2, None, "y", "rij heeft 7 cellen, de kop 5; controleer het scheidingsteken en aanhalingstekens"),
    ),
    # ---------------------------------------------------------------- encodings
    "utf8.csv": Case(how=CSV_SEMICOLON, rows=1),
    "utf8_bom.csv": Case(how="CSV, UTF-8 met BOM, scheidingsteken puntkomma", rows=1),
    "windows1252.csv": Case(how="CSV, Windows-1252, scheidingsteken puntkomma", rows=1),
    "utf16_unicode_tekst.txt": Case(how="CSV, UTF-16, scheidingsteken tab", rows=1),
    "utf16_zonder_bom.csv": Case(how="CSV, UTF-16, scheidingsteken puntkomma", rows=1),
    "ongeldige_bytes.csv": _bad(
        Expect(3, None, None, "ongeldige tekens voor UTF-8 (byte 0x81); sla het bestand op als CSV UTF-8"),
    ),
    "bom_met_ongeldige_bytes.csv": _bad(
        Expect(2, None, None, "ongeldige tekens voor UTF-8 (byte 0xff); sla het bestand op als CSV UTF-8"),
    ),
    "utf16_afgebroken.csv": _bad(
        Expect(3, None, None, "ongeldige tekens voor UTF-16 (byte 0x41); sla het bestand op als CSV UTF-8"),
    ),
    "stuurtekens.csv": _bad(
        Expect(2, "naam", "Kring\x01A", "onzichtbaar stuurteken (U+0001) in de cel; verwijder het"),
        Expect(2, "omschrijving", "bel\x07", "onzichtbaar stuurteken (U+0007) in de cel; verwijder het"),
        Expect(3, "omschrijving", "escape \x1b[31m", "onzichtbaar stuurteken (U+001B) in de cel; verwijder het"),
    ),
    # ---------------------------------------------------------------- empty
    "leeg.csv": _bad(Expect(None, None, None, "het bestand is leeg")),
    "alleen_witruimte.csv": _bad(Expect(None, None, None, "het bestand is leeg")),
    "alleen_kop.csv": Case(
        (warning(1, None, "het bestand heeft alleen een kop en geen gegevens; er wordt niets toegevoegd"),),
        CSV_SEMICOLON,
        0,
    ),
    # ---------------------------------------------------------------- columns
    "ontbrekende_kolom.csv": _bad(
        Expect(1, None, None, UNKNOWN_KIND + ". Het lijkt op Organisaties; ontbrekende verplichte kolom(men): 'soort'"),
    ),
    "extra_kolom.csv": _bad(
        Expect(1, "kleur", None, "onbekende kolom 'kleur'"),
        Expect(1, "telefoon", None, "onbekende kolom 'telefoon'"),
    ),
    "verkeerd_gespelde_kolommen.csv": _bad(
        Expect(1, "gemeete", None, "onbekende kolom 'gemeete'; bedoelde u 'gemeente'?"),
        Expect(1, "omschrijvng", None, "onbekende kolom 'omschrijvng'; bedoelde u 'omschrijving'?"),
    ),
    "dubbele_kolom.csv": _bad(Expect(1, "naam", None, "kolom 'naam' staat twee keer in de kop")),
    # ---------------------------------------------------------------- rows and ids
    "dubbele_rij.csv": _bad(Expect(3, "naam", "Kring A", "organisatie 'Kring A' staat al in rij 2")),
    "dubbele_sleutel.csv": _bad(
        Expect(3, "naam", "Kring Anders", "organisatie 'Kring Anders' staat al in rij 2"),
    ),
    "bestaande_organisatie.csv": _bad(Expect(2, "naam", "Movisie", "organisatie 'Movisie' bestaat al")),
    # ---------------------------------------------------------------- names
    "onbekende_gemeenten.csv": _bad(
        Expect(2, "gemeente", "Amsterdam", "gemeente 'Amsterdam' is onbekend"),
        Expect(3, "gemeente", "GM9999", "gemeente 'GM9999' is onbekend"),
    ),
    "verkeerd_gespelde_gemeenten.csv": _bad(
        Expect(2, "gemeente", "Zwole", "gemeente 'Zwole' is onbekend; bedoelde u Zwolle?"),
        Expect(3, "gemeente", "Olst Wyhe", "gemeente 'Olst Wyhe' is onbekend; bedoelde u Olst-Wijhe?"),
    ),
    "gemeente_twee_keer_in_ronde.csv": _bad(
        Expect(3, "gemeente", "GM0147", "Borne staat al in rij 2 voor enquête 2010"),
        Expect(4, "gemeente", "borne", "Borne staat al in rij 2 voor enquête 2010"),
    ),
    "onbekende_ronde.csv": _bad(Expect(2, "enquete", "2011", "enquête '2011' is onbekend")),
    # ---------------------------------------------------------------- vocabularies
    "waarden_buiten_vocabulaire.csv": _bad(
        Expect(2, "facilitering_vrijwilligerscentrale", "soms", f"onbekende waarde; toegestaan: {LEVELS} ('soms')"),
        Expect(2, "ambitie", "misschien", "'misschien' is geen ja of nee"),
        Expect(2, "activiteiten", "yoga", "activiteit 'yoga' is onbekend"),
        Expect(2, "werkvormen", "krant", "werkvorm 'krant' is onbekend"),
    ),
    "relaties_buiten_vocabulaire.csv": _bad(
        Expect(2, "relatie", "KENT", f"onbekende waarde; toegestaan: {REL_TYPES} ('KENT')"),
        Expect(3, "niveau", "hoog", f"onbekende waarde; toegestaan: {LEVELS} ('hoog')"),
        Expect(4, "van_soort", "bedrijf", f"onbekende waarde; toegestaan: {KINDS} ('bedrijf')"),
        Expect(5, "naar", "Movisi", "organisatie 'Movisi' is onbekend; bedoelde u Movisie?"),
    ),
    # ---------------------------------------------------------------- numbers and dates
    "getallen_nederlands.csv": Case(how=CSV_SEMICOLON, rows=2),
    "getallen_fout.csv": _bad(
        Expect(2, "inwoners_2015", "12,5 duizend", "'12,5 duizend' is geen getal"),
        Expect(2, "inwoners_recent", "1,2,3", "'1,2,3' is geen getal"),
        Expect(2, "lon", "zes", "'zes' is geen getal"),
    ),
    "datum_in_jaar.csv": _bad(
        Expect(2, "jaar", "30-03-2010", "'30-03-2010' is een datum; vul alleen het jaar in (2010)"),
        Expect(3, "jaar", "30 maart 2010", "'30 maart 2010' is een datum; vul alleen het jaar in (2010)"),
        Expect(4, "jaar", "2010-03-30", "'2010-03-30' is een datum; vul alleen het jaar in (2010)"),
        Expect(5, "jaar", "maart 2010", "'maart 2010' is een datum; vul alleen het jaar in (2010)"),
    ),
    # ---------------------------------------------------------------- long cells
    "lange_naam.csv": _bad(
        Expect(2, "naam", ("Kring " * 50).strip(), "te lang (hoogstens 200 tekens) ('" + ("Kring " * 14)[:80] + "')"),
    ),
    "reuzencel.csv": _bad(Expect(2, None, None, "een cel is langer dan 131.072 tekens" + QUOTES)),
    # ---------------------------------------------------------------- other formats
    "pdf_als_csv.csv": _bad(Expect(None, None, None, OTHER_FORMAT.format("een PDF-document"))),
    "webpagina_als_csv.csv": _bad(Expect(None, None, None, OTHER_FORMAT.format("een webpagina (HTML)"))),
    "afbeelding_als_csv.csv": _bad(Expect(None, None, None, "geen tekstbestand (binaire inhoud)")),
    "csv_als_xlsx.xlsx": _bad(
        Expect(None, None, None, "de naam zegt Excel, maar de inhoud is geen Excel-bestand"),
    ),
    "oud_excel.xls": _bad(
        Expect(None, None, None, "oud Excel-formaat (.xls) of beveiligd bestand; sla op als .xlsx of CSV"),
    ),
    "excel_als_csv.csv": Case(how=EXCEL, rows=1),
    "formules_als_tekst.csv": Case(how=CSV_SEMICOLON, rows=2),
    # ---------------------------------------------------------------- Excel
    "meerdere_werkbladen.xlsx": Case(
        (warning(None, None, "alleen werkblad 'Blad1' is gelezen, niet 'Toelichting', '<img src=x onerror=alert(1)>'"),),
        EXCEL,
        1,
    ),
    "samengevoegde_cellen.xlsx": _bad(
        Expect(2, "gemeente", "D2:D3", "samengevoegde cellen D2:D3: alleen de eerste cel heeft een waarde; maak het samenvoegen ongedaan en vul elke cel zelf in"),
    ),
    "formule_zonder_uitkomst.xlsx": _bad(
        Expect(2, "naam", '="Kring "&"A"', FORMULA.format('="Kring "&"A"')),
        Expect(2, "omschrijving", "=1+1", FORMULA.format("=1+1")),
        Expect(2, "naam", "", "verplicht veld is leeg"),
    ),
    "formule_met_uitkomst.xlsx": Case(how=EXCEL, rows=1),
    "verborgen_rij_en_kolom.xlsx": Case(
        (
            warning(3, None, "rij 3 is verborgen in Excel, maar wordt wel gelezen"),
            warning(1, "omschrijving", "kolom 'omschrijving' is verborgen in Excel, maar wordt wel gelezen"),
        ),
        EXCEL,
        2,
    ),
    "datum_als_jaar.xlsx": _bad(
        Expect(2, "jaar", "2010-03-30", "'2010-03-30' is een datum; vul alleen het jaar in (2010)"),
    ),
    "te_kleine_dimensie.xlsx": Case(how=EXCEL, rows=2),
    "kapot.xlsx": _bad(Expect(None, None, None, UNREADABLE_XLSX)),
    "lege_werkmap.xlsx": _bad(Expect(None, None, None, "het bestand is leeg")),
    "wachtwoord.xlsx": _bad(
        Expect(None, None, None, "het Excel-bestand is beveiligd met een wachtwoord; haal het wachtwoord eraf (Excel: Bestand > Info > Werkmap beveiligen) en sla het opnieuw op"),
    ),
    "opendocument.xlsx": _bad(
        Expect(None, None, None, "een OpenDocument-rekenblad (LibreOffice, .ods), geen Excel-bestand; sla het op als .xlsx of CSV"),
    ),
    "word_als_xlsx.xlsx": _bad(
        Expect(None, None, None, "een zip-bestand zonder Excel-werkmap (bijvoorbeeld een Word-document); sla de tabel op als .xlsx of CSV"),
    ),
    "zipbom.xlsx": _bad(
        Expect(None, None, None, "de werkmap is uitgepakt groter dan 400 MB; splits het bestand of sla het op als CSV"),
    ),
}  # fmt: skip


def corpus_bytes(name: str) -> bytes:
    return BUILDERS[name]() if name in BUILDERS else (CORPUS / name).read_bytes()


def line(name: str, expect: Expect) -> str:
    """The line `netwerkkaart validate` prints for one problem."""
    prefix = "waarschuwing: " if expect.level is Level.WAARSCHUWING else ""
    return f"{name}:{expect.row or ''}:{expect.column or ''}: {prefix}{expect.message}"


def load_with_shipped(name: str, data: bytes) -> LoadResult:
    return load_sources([*shipped_sources(DATA_DIR), Source(name, data)])


@pytest.fixture(scope="module")
def shipped_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("corpus-werkmap")
    assert build_and_save(home, MemoryStore(home)).ok
    return home / "graph.json"


@pytest.fixture()
def home(workspace: Path, shipped_snapshot: Path) -> Path:
    """A workspace (NETWERKKAART_HOME) holding the graph built from the shipped data."""
    workspace.mkdir(parents=True)
    shutil.copyfile(shipped_snapshot, workspace / "graph.json")
    return workspace


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code, out, err = run_cli(capsys, *args)
    return code, out.splitlines(), err


def test_the_corpus_has_a_case_for_every_file_and_at_least_40() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.name != "README.md" and p.name[0] != "."}
    assert files | set(BUILDERS) == set(CASES)
    assert not files & set(BUILDERS)
    assert len(CASES) >= 40
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in CASES), "README.md beschrijft elk bestand"


@pytest.mark.parametrize("name", list(CASES))
def test_loaders_give_exactly_the_expected_problems(name: str) -> None:
    case = CASES[name]
    result = load_with_shipped(name, corpus_bytes(name))
    found = [
        Expect(p.row, p.column, p.value, p.message, p.level)
        for p in result.report.problems
        if p.file == name
    ]
    assert found == list(case.problems)
    assert result.report.ok is case.valid
    assert not [p for p in result.report.problems if p.file != name], "shipped data stays clean"
    read = [(how, rows) for file, _, how, rows in result.read if file == name]
    if case.how is not None:
        assert read == [(case.how, case.rows)]


@pytest.mark.parametrize("name", list(CASES))
def test_cli_validate_prints_the_lines_and_stores_nothing(
    name: str, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = CASES[name]
    path = tmp_path / name
    path.write_bytes(corpus_bytes(name))
    before = (home / "graph.json").read_bytes()
    code, out, err = run(capsys, "validate", str(path))
    expected = [line(name, p) for p in case.problems]
    if case.valid:
        label = "Gemeenten" if name.startswith("getallen") else "Organisaties"
        expected.append(f"{name}: geldig ({label}, {case.rows} rijen; {case.how}).")
    assert (code, out) == (0 if case.valid else 1, expected)
    assert "Traceback" not in err
    assert (home / "graph.json").read_bytes() == before
    assert not uploads_dir(home).exists()


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if not c.valid])
def test_cli_build_with_the_bad_file_keeps_the_snapshot_byte_identical(
    name: str, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    uploads_dir(home).mkdir()
    (uploads_dir(home) / name).write_bytes(corpus_bytes(name))
    before = (home / "graph.json").read_bytes()
    code, out, err = run(capsys, "build")
    assert code == 1
    assert out == [line(name, p) for p in CASES[name].problems]
    errors = sum(p.level is Level.FOUT for p in CASES[name].problems)
    assert err == f"{errors} fout(en): er is niets opgeslagen.\n"
    assert (home / "graph.json").read_bytes() == before


def open_data_page(source: Source) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.switch_page("ui/pages/data.py")
    at.session_state["data_pending"] = source
    return at.run()


@pytest.mark.parametrize("name", list(CASES))
def test_app_data_page_shows_the_same_problems_and_stores_nothing(name: str, home: Path) -> None:
    case = CASES[name]
    before = (home / "graph.json").read_bytes()
    at = open_data_page(Source(name, corpus_bytes(name)))
    assert not at.exception, [e.value for e in at.exception]
    tables = [d.value for d in at.dataframe if "melding" in d.value.columns]
    shown = tables[0].to_dict("records") if tables else []
    assert [
        (r["rij"], r["kolom"] or None, r["waarde"], r["melding"], r["niveau"]) for r in shown
    ] == [(p.row, p.column, p.value or "", p.message, str(p.level)) for p in case.problems]
    errors = "\n".join(str(e.value) for e in at.error)
    if case.valid:
        assert not errors and "in orde" in "\n".join(str(s.value) for s in at.success)
        assert [b.key for b in at.button if b.key == "data_add"] == ["data_add"]
    else:
        count = sum(p.level is Level.FOUT for p in case.problems)
        assert f"{count} fout(en) in '{md(name)}'" in errors and "niets opgeslagen" in errors
        assert not [b for b in at.button if b.key == "data_add"]
    assert (home / "graph.json").read_bytes() == before
    assert upload_sources(home) == []


# --------------------------------------------------------------------------- what loads, exactly


def _node(result: LoadResult, identifier: str) -> dict:
    record = next(n for n in result.nodes if n.id == identifier)
    return {"naam": record.naam, **record.props}


def test_dutch_numbers_are_read_as_meant() -> None:
    result = load_with_shipped("getallen_nederlands.csv", corpus_bytes("getallen_nederlands.csv"))
    first, second = _node(result, "gemeente:GM9901"), _node(result, "gemeente:GM9902")
    assert (first["inwoners_2015"], first["inwoners_recent"]) == (1234, 1140652)
    assert (first["lat"], first["lon"], first["oppervlakte_land_km2"]) == (52.364, 6.15, 1011.5)
    assert (second["inwoners_recent"], second["inwoners_recent_jaar"]) == (12345, 2024)
    assert (second["lat"], second["oppervlakte_land_km2"]) == (52.5, 113.99)


def test_quoted_delimiters_and_newlines_stay_inside_their_cell() -> None:
    name = "puntkomma_en_regeleinde_in_cel.csv"
    result = load_with_shipped(name, corpus_bytes(name))
    kring = _node(result, "ondernemersnetwerk:kring-a")
    assert kring["naam"] == "Kring A; de eerste"
    assert kring["omschrijving"] == 'Café "De Zon"\nelke maandag; open'


@pytest.mark.parametrize(
    "name", ["utf8.csv", "utf8_bom.csv", "windows1252.csv", "utf16_unicode_tekst.txt"]
)
def test_every_encoding_gives_the_same_text(name: str) -> None:
    kring = _node(load_with_shipped(name, corpus_bytes(name)), "ondernemersnetwerk:kring-e")
    assert (kring["naam"], kring["omschrijving"]) == (
        "Ondernemerskring Één",
        "Café, crème brûlée",
    )


def test_text_that_looks_like_a_formula_is_kept_as_text() -> None:
    result = load_with_shipped("formules_als_tekst.csv", corpus_bytes("formules_als_tekst.csv"))
    assert _node(result, "ondernemersnetwerk:kring-f")["naam"] == (
        '=HYPERLINK("http://example.invalid";"klik")'
    )
    assert _node(result, "ondernemersnetwerk:kring-f")["omschrijving"] == "+cmd|' /C calc'!A0"
    assert _node(result, "organisatie:kring-g") == {"naam": "@SUM(1)", "omschrijving": "-1+1"}


def test_a_formula_is_read_by_its_stored_result() -> None:
    result = load_with_shipped("f.xlsx", corpus_builders.formula_with_result())
    assert _node(result, "ondernemersnetwerk:kring-a") == {"naam": "Kring A", "omschrijving": "2"}


def test_a_too_small_dimension_does_not_cut_columns() -> None:
    import io
    import zipfile

    data = corpus_builders.too_small_dimension()
    sheet = zipfile.ZipFile(io.BytesIO(data)).read(corpus_builders.SHEET)
    assert b'<dimension ref="A1"/>' in sheet
    result = load_with_shipped("d.xlsx", data)
    assert _node(result, "ondernemersnetwerk:kring-b") == {
        "naam": "Kring B",
        "omschrijving": "tweede",
    }


# --------------------------------------------------------------------------- 100,000 rows


def test_100000_rows_load_through_the_cli(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "honderdduizend_rijen.csv"
    path.write_bytes(hundred_thousand_rows())
    code, out, _ = run(capsys, "validate", str(path))
    assert (code, out) == (
        0,
        [f"honderdduizend_rijen.csv: geldig (Organisaties, 100000 rijen; {CSV_SEMICOLON})."],
    )


def test_100000_rows_with_a_bad_last_row_in_the_app(home: Path) -> None:
    before = (home / "graph.json").read_bytes()
    at = open_data_page(Source("honderdduizend_rijen.csv", hundred_thousand_rows(True)))
    problems = next(d.value for d in at.dataframe if "melding" in d.value.columns)
    assert problems[["rij", "kolom", "waarde"]].values.tolist() == [
        [100001, "soort", "club"],
        [100001, "gemeente", "Zwole"],  # the row's other problem, in the same pass
    ]
    assert "2 fout(en)" in at.error[0].value
    assert (home / "graph.json").read_bytes() == before
