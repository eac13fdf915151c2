"""The summary note the tool writes, checked against the 2010 summary it re-creates.

The note of the shipped 2010 wave (example answers included, as the Overzicht page shows them)
must say what the 2010 summary says: each check is keyed by the summary's own words (a test
checks each key is a word-for-word quote of :mod:`tests.summary_2010`) and looks at the note's
statement: its quantifier (chosen by :func:`graph.analysis.quantifier.quantifier`), the items
it names and its text. The summary's "enkele", "weinig" and "sommige" mean "some, fewer than
half" (as in tests/test_survey_summary.py), which the note says as "enkele" or "één van de".
Narrative sentences of the summary (why Hellendoorn started, who comes on 30 March) are survey
facts, not counts, and are not re-created by the note.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from pypdf import PdfReader

from graph.analysis.round_note import EXAMPLE_SUFFIX, RoundNote, Statement, round_note
from tests.cli_support import run
from tests.injection_support import XSS
from tests.summary_2010 import quoted
from tests.waves_support import docx_text, pdf_text, two_round_graph
from views.documents.note import render_note

FEW = {"enkele", "één van de"}
WAVE = "enquete:2010"


def also_named(note: RoundNote, prefix: str) -> dict[str, str]:
    """Label -> quantifier of the "ook genoemd" statements of a list (``prefix_ook_...``)."""
    return {
        item: str(s.kwantor)
        for section in note.secties
        for s in section.uitspraken
        if s.sleutel.startswith(f"{prefix}_ook_")
        for item in s.items
    }


def says(note: RoundNote, key: str, *words: str) -> bool:
    """The statement ``key`` uses one of the quantifiers ``words``."""
    return note.statement(key).kwantor in words


Check = Callable[[RoundNote], bool]

#: Each counted statement of the 2010 summary, word for word, and what the note must say.
CHECKS: dict[str, Check] = {
    "11 van de 24 gemeenten hebben de vragenlijst ingevuld, een respons van 46%": lambda n: (
        n.statement("respons").tekst.startswith(
            "11 van de 24 gemeenten hebben de vragenlijst ingevuld, een respons van 46%"
        )
    ),
    "Dit zijn de respondenten: Almelo, Dalfsen, Dinkelland, Haaksbergen, Losser, Oldenzaal, "
    "Olst-Wijhe, Raalte, Tubbergen, Wierden, Zwartewaterland": lambda n: (
        n.statement("respondenten").items
        == (
            "Almelo",
            "Dalfsen",
            "Dinkelland",
            "Haaksbergen",
            "Losser",
            "Oldenzaal",
            "Olst-Wijhe",
            "Raalte",
            "Tubbergen",
            "Wierden",
            "Zwartewaterland",
        )
    ),
    "Er zijn grote verschillen tussen de gemeenten wat de soort en omvang van MBO-activiteiten "
    "betreft": lambda n: "uiteen van 0 tot 3" in n.statement("spreiding").tekst,
    "Maar er zijn ook gemeenten waar geen enkele vorm van MBO voorkomt": lambda n: (
        (n.statement("geen_activiteit").aantal or 0) >= 2
    ),
    "In de meeste gemeenten zijn ondernemersnetwerken/samenwerkingsverbanden van ondernemers actief": (
        lambda n: says(n, "ondernemersverbanden", "de meeste")
    ),
    "De organisatie van NL DOET-activiteiten is een van de meest genoemde MBO-activiteiten": (
        lambda n: "NL Doet" in n.statement("activiteiten").items
    ),
    "Enkele gemeenten noemen ook maatschappelijke stages (MAS) als mbo-activiteit of het "
    "organiseren van een beursvloer, het sponsoren van maatschappelijke organisaties en een goed "
    "mantelzorgbeleid bij bedrijven": lambda n: all(
        also_named(n, "activiteiten").get(label) in FEW
        for label in (
            "Maatschappelijke stage (MaS)",
            "Beursvloer",
            "Sponsoring maatschappelijke organisaties",
            "Mantelzorgbeleid bij bedrijven",
        )
    ),
    "Weinig gemeenten werken m.b.t. MBO (structureel) samen met ondernemers": lambda n: says(
        n, "samenwerking_structureel", "geen van de", *FEW
    ),
    "De meeste gemeenten faciliteren een vrijwilligerscentrale die voor de contacten en matches "
    "zorgt": lambda n: says(n, "vrijwilligerscentrale", "de meeste"),
    "MBO valt bij de meeste gemeenten onder wmo/vrijwilligers- en participatiebeleid": lambda n: (
        says(n, "belegd", "de meeste")
        and n.statement("belegd").items == ("Wmo / vrijwilligers- en participatiebeleid",)
    ),
    "Sommige houden zich er ook mee bezig vanuit EZ, P&O-beleid en de portefeuille van de "
    "burgemeester": lambda n: all(
        also_named(n, "belegd").get(label) in FEW
        for label in ("Economische zaken", "P&O-beleid", "Portefeuille burgemeester")
    ),
    "Geen van de respondenten voert een specifiek mbo-beleid": lambda n: n.statement(
        "specifiek_beleid"
    ).tekst.startswith("Geen van de respondenten voert een specifiek mbo-beleid"),
    "Subsidies zijn er bij de meeste gemeenten slechts incidenteel beschikbaar": lambda n: (
        n.statement("subsidie_incidenteel").tekst.startswith(
            "Subsidies zijn er bij de meeste gemeenten slechts incidenteel beschikbaar"
        )
    ),
    # "de meeste" is more than half of those who say where subsidy goes; "alle" is too
    "worden door de meeste gemeenten aan de vrijwilligerscentrale of aan NL.Doet en vergelijkbare "
    "initiatieven besteed": lambda n: (
        says(n, "subsidie_aan", "de meeste", "alle")
        and n.statement("subsidie_aan").items == ("de vrijwilligerscentrale", "NL Doet")
    ),
    "De helft van de respondenten heeft wel ambities om mbo duidelijker onderdeel te laten worden "
    "van gemeentelijk beleid en handelen": lambda n: n.statement("ambitie").tekst.startswith(
        "De helft van de respondenten heeft ambities"
    ),
    "Maar voor de meeste is het onduidelijk hoe het thema weggezet kan worden binnen de "
    "gemeentelijke organisatie, of er ambtelijke capaciteit voor vrijgemaakt kan worden en welke "
    "sector en functies intern als trekker moeten optreden": lambda n: says(
        n, "onduidelijk", "de meeste"
    ),
    "De meeste respondenten hebben interesse in een kennisuitwisseling": lambda n: says(
        n, "interesse", "de meeste"
    ),
    "Dit zijn thema's en vragen daarvoor": lambda n: (
        n.statement("themas").aantal == 12
        and len(next(s for s in n.secties if s.titel.startswith("Kennisuitwisseling: t")).opsomming)
        == 12
    ),
    "Favoriete vormen voor kennisuitwisseling zijn deelname aan themabijeenkomsten en het ontvangen "
    "van een nieuwsbrief": lambda n: (
        set(n.statement("werkvormen_favoriet").items) == {"Themabijeenkomst", "Nieuwsbrief"}
    ),
    "Ook genoemd: deelnemer van werkbezoeken, deelname aan een provinciaal MBO-netwerk of aan een "
    "intervisiegroep": lambda n: (
        set(n.statement("werkvormen_ook").items)
        == {"Werkbezoek", "Provinciaal MBO-netwerk", "Intervisiegroep"}
    ),
    "De meeste respondenten hebben nog weinig ervaring met samenwerking en activiteiten op het "
    "gebied van MBO": lambda n: says(n, "weinig_ervaring", "de meeste"),
    "Er zijn weinig gemeentelijke middelen om MBO-activiteiten/structuren te faciliteren": lambda n: (
        says(n, "middelen", "geen van de", *FEW)
    ),
    "Er is vooral behoefte aan uitwisseling en ondersteuning bij het ontwikkelen van samenwerking "
    "tussen gemeenten en bedrijven, het organiseren van een match tussen maatschappelijke vraag en "
    "aanbod en het betrekken van ondernemers bij gemeentelijk beleid": lambda n: (
        {
            "Structurele samenwerking met het bedrijfsleven",
            "Match tussen vraag en aanbod",
            "Ondernemers als partners",
        }
        <= set(n.statement("behoefte").items)
    ),
    "De meeste respondenten zijn geïnteresseerd in thematische bijeenkomsten en schriftelijke "
    "informatie via nieuwsbrieven": lambda n: (
        says(n, "werkvorm_werkvorm:themabijeenkomst", "de meeste")
        and says(n, "werkvorm_werkvorm:nieuwsbrief", "de meeste")
    ),
}


@pytest.fixture(scope="module")
def note(shipped_graph: nx.MultiDiGraph) -> RoundNote:
    return round_note(shipped_graph, WAVE, met_voorbeelden=True)


@pytest.mark.parametrize("quote", list(CHECKS))
def test_the_note_says_what_the_2010_summary_says(note: RoundNote, quote: str) -> None:
    assert CHECKS[quote](note), quote


@pytest.mark.parametrize("quote", list(CHECKS))
def test_each_check_is_keyed_by_a_quote(quote: str) -> None:
    assert quoted(quote), quote


def test_the_sections_of_the_2010_note(note: RoundNote) -> None:
    assert [s.titel for s in note.secties] == [
        "Respons",
        "Uitkomsten",
        "Ondernemersverbanden",
        "MBO-activiteiten",
        "Samenwerking gemeenten en MBO'ers",
        "MBO binnen de gemeentelijke organisatie",
        "Actief MBO-beleid en subsidies",
        "MBO stimuleren: ambities en struikelblokken",
        "Kennisuitwisseling: thema's en vragen",
        "Kennisuitwisseling: werkvormen",
        "Conclusies",
    ]
    assert note.vorige is None  # 2010 is the only round shipped


def _statements(note: RoundNote) -> list[Statement]:
    return [s for section in note.secties for s in section.uitspraken]


def test_example_answers_are_said_to_be_examples(note: RoundNote) -> None:
    """Everything resting on the (example) answers says so; the response figures are facts."""
    for s in _statements(note):
        facts = s.sleutel in {"uitgenodigd", "respons", "respondenten", "niet_gereageerd"}
        assert s.voorbeeld is not facts, s.sleutel
        assert (EXAMPLE_SUFFIX.strip(" ()") in s.tekst) is s.voorbeeld, s.tekst


def test_without_examples_only_the_survey_facts_remain(shipped_graph: nx.MultiDiGraph) -> None:
    plain = round_note(shipped_graph, WAVE)
    assert [s.titel for s in plain.secties] == ["Respons", "Uitkomsten"]
    assert plain.weggelaten_voorbeelden == 11 and not plain.has_example_data
    assert "11 van de 24" in plain.statement("respons").tekst
    assert "voorbeelddata" in plain.statement("geen_antwoorden").tekst


def _changed(graph: nx.MultiDiGraph, change: Callable[[dict], None]) -> RoundNote:
    copy = graph.copy()
    for _, _, attrs in copy.edges(data=True):
        if attrs.get("rol") == "antwoorden":
            change(attrs)
    return round_note(copy, WAVE, met_voorbeelden=True)


def test_the_checks_fail_when_the_data_says_otherwise(shipped_graph: nx.MultiDiGraph) -> None:
    everyone = _changed(shipped_graph, lambda a: a.update(ambitie=True, specifiek_mbo_beleid=True))
    assert everyone.statement("ambitie").kwantor == "alle"
    quotes = [q for q in CHECKS if q.startswith(("De helft van de", "Geen van de respondenten"))]
    assert len(quotes) == 2 and not any(CHECKS[q](everyone) for q in quotes)
    nobody = _changed(shipped_graph, lambda a: a.update(interesse_kennisuitwisseling=False))
    assert nobody.statement("interesse").tekst.startswith("Geen van de respondenten heeft")


def test_note_as_pdf_and_docx(shipped_graph: nx.MultiDiGraph, note: RoundNote) -> None:
    for payload, read in (
        (render_note(note, "pdf"), pdf_text),
        (render_note(note, "docx"), docx_text),
    ):
        text = read(payload)
        for expected in ("11 van de 24", "46%", "Conclusies", "Favoriete vormen", "Nieuwsbrief"):
            assert expected in text
        assert "volgens de voorbeeldantwoorden" in text
    pdf = PdfReader(io.BytesIO(render_note(note, "pdf")))
    assert all(round(float(p.mediabox.width)) == 595 for p in pdf.pages)  # A4
    assert sum(len(p.images) for p in pdf.pages) == 4  # activities, obstacles, themes, formats


# --------------------------------------------------------------------------- two rounds


@pytest.fixture(scope="module")
def two_rounds() -> nx.MultiDiGraph:
    return two_round_graph()


def test_a_later_round_is_compared_with_the_one_before(two_rounds: nx.MultiDiGraph) -> None:
    note = round_note(two_rounds, "enquete:w2", met_voorbeelden=True)
    assert note.vorige == "enquete:w1"
    assert note.statement("respons").tekst.startswith("2 van de 3 gemeenten")
    assert note.statement("vergelijking_nieuw").items == ("Bee", "Cee")
    # Cee's answers are examples: they count in the note, never in the comparison
    assert note.statement("ambitie").aantal == 2 and note.statement("ambitie").voorbeeld
    themes = note.statement("vergelijking_themas").tekst
    assert "Meer vraag naar thema's: Beleid (0 → 1)" in themes
    assert "minder: Match (2 → 0)" in themes
    assert round_note(two_rounds, "enquete:w1").vorige is None


def test_unknown_wave(two_rounds: nx.MultiDiGraph) -> None:
    with pytest.raises(ValueError, match="enquête 'enquete:1999' staat niet in de graaf"):
        round_note(two_rounds, "enquete:1999")


# --------------------------------------------------------------------------- the CLI


@pytest.fixture()
def built(workspace: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(capsys, "build")[0] == 0
    return workspace


def test_samenvatting_writes_pdf_and_docx(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, read in (("n.pdf", pdf_text), ("n.docx", docx_text)):
        code, out, err = run(capsys, "samenvatting", "2010", "--out", str(tmp_path / name))
        assert (code, err) == (0, "")
        assert out.count("\n") == 1 and str(tmp_path / name) in out
        text = read((tmp_path / name).read_bytes())
        assert "11 van de 24" in text and "46%" in text
        assert "voorbeeldantwoorden" not in text  # examples only on request
    code, out, _ = run(
        capsys, "samenvatting", "2010", "--out", str(tmp_path / "m.pdf"), "--met-voorbeelden"
    )
    assert code == 0 and "voorbeeldantwoorden" in pdf_text((tmp_path / "m.pdf").read_bytes())


def test_samenvatting_mistakes_in_dutch(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "samenvatting", "1999", "--out", str(tmp_path / "n.pdf"))
    assert (code, out) == (1, "")
    assert err == "fout: Onbekende enquêteronde '1999'; bekende rondes: 2010.\n"
    code, _, err = run(capsys, "samenvatting", "2010", "--out", str(tmp_path / "n.txt"))
    assert code == 1 and "kies .pdf of .docx" in err and err.count("\n") == 1
    assert list(tmp_path.glob("n.*")) == []


def test_hostile_labels_print_literally(shipped_graph: nx.MultiDiGraph) -> None:
    """Vocabulary labels and names may come from uploaded files: in the note they stay text."""
    hostile = shipped_graph.copy()
    labelled = [n for n, a in hostile.nodes(data=True) if a["kind"] == "thema"]  # all listed
    assert len(labelled) >= len(XSS)
    for node, text in zip(labelled, XSS, strict=False):
        hostile.nodes[node]["naam"] = text
    hostile.nodes["gemeente:GM0141"]["naam"] = XSS[0]  # a respondent
    note = round_note(hostile, WAVE, met_voorbeelden=True)
    for payload, read in (
        (render_note(note, "pdf"), pdf_text),
        (render_note(note, "docx"), docx_text),
    ):
        text = "".join(read(payload).split())
        for hostile_text in XSS:
            assert "".join(hostile_text.split()) in text, hostile_text
