"""Each dataset's loader on small hand-checkable files: records, and exact problem lists.

A problem is compared as (row, column, value, message): the row as a spreadsheet user counts it
(the header is row 1), the column as written in the header, the cell's text, the Dutch message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from data import DATA_DIR
from graph.model import BronType, NodeKind, RelType, SurveyStatus, Zekerheid
from loaders.datasets import LoadResult, Source, load_sources, shipped_sources

FIXTURES = Path(__file__).parent / "fixtures" / "input"

GEMEENTEN = """cbs_code;naam;provincie;inwoners_2015;inwoners_recent;inwoners_recent_jaar;lat;lon
GM1773;Olst-Wijhe;Overijssel;17.839;18.843;2024;52,364;6,15
GM0193;Zwolle;Overijssel;;132.411;2024;52,5;6,1
GM0141;Almelo;Overijssel;72.291;74.355;2024;52,347;6,658
"""
VOCABULAIRE = """soort;sleutel;label;synoniemen;themas
thema;klein-bij-groot;Klein bij groot;;
activiteit;nl-doet;NL Doet;NL DOET;klein-bij-groot
werkvorm;nieuwsbrief;Nieuwsbrief;;
"""
ENQUETES = "sleutel;naam;jaar\n2010;Enquête 2010;2010\n"
BASE = {"gemeenten": GEMEENTEN, "vocabulaire": VOCABULAIRE, "enquetes": ENQUETES}

Row = tuple[int | None, str | None, str | None, str]


def load(name: str, text: str, dataset: str | None = None, *, base: bool = True) -> LoadResult:
    """Load one file (UTF-8 text) after the small reference set above."""
    sources = [Source(f"{k}.csv", v.encode(), k) for k, v in BASE.items()] if base else []
    return load_sources([*sources, Source(name, text.encode(), dataset)])


def problems(result: LoadResult, file: str | None = None) -> list[Row]:
    found = [p for p in result.report.problems if file is None or p.file == file]
    return sorted(
        ((p.row, p.column, p.value, p.message) for p in found),
        key=lambda r: (r[0] or 0, r[1] or "", r[3]),
    )


def node(result: LoadResult, identifier: str):
    return next(n for n in result.nodes if n.id == identifier)


def edges(result: LoadResult, rel: RelType) -> list[tuple[str, str]]:
    return sorted((e.source, e.target) for e in result.edges if e.type is rel)


def edges_from(result: LoadResult, file: str) -> list:
    """The relationships a file contributed (``bron`` defaults to the file's name)."""
    return [e for e in result.edges if e.provenance.bron == file]


# --------------------------------------------------------------------------- reference data


def test_small_reference_set_loads_clean_with_dutch_numbers() -> None:
    result = load_sources([Source(f"{k}.csv", v.encode(), k) for k, v in BASE.items()])
    assert result.report.problems == []
    olst = node(result, "gemeente:GM1773")
    assert olst.naam == "Olst-Wijhe"
    assert olst.props["inwoners_recent"] == 18843
    assert olst.props["inwoners_2015"] == 17839
    assert olst.props["lat"] == pytest.approx(52.364)
    assert olst.props["grootteklasse"] == "kleiner dan 20.000"
    assert node(result, "gemeente:GM0193").props["inwoners_2015"] is None  # empty optional cell
    assert node(result, "provincie:overijssel").naam == "Overijssel"
    assert len(edges(result, RelType.LIGT_IN)) == 3
    # an activity's themes are the project's own reading: a derived relationship, no property
    (link,) = [e for e in result.edges if e.type is RelType.RAAKT_THEMA]
    assert (link.source, link.target) == ("activiteit:nl-doet", "thema:klein-bij-groot")
    assert link.provenance.bron_type is BronType.AFGELEID
    assert "eigen koppeling" in link.provenance.bron
    assert "themas" not in node(result, "activiteit:nl-doet").props


def test_gemeenten_missing_extra_and_misspelled_columns() -> None:
    text = "cbs_code;naam;provincie;inwonrs_recent;inwoners_recent_jaar;lat;kleur\nGM0150;Deventer;Overijssel;1;2024;52;rood\n"
    assert problems(load("gemeenten.csv", text, "gemeenten", base=False)) == [
        (1, "inwoners_recent", None, "verplichte kolom 'inwoners_recent' ontbreekt"),
        (1, "inwonrs_recent", None, "onbekende kolom 'inwonrs_recent'; bedoelde u 'inwoners_recent'?"),
        (1, "kleur", None, "onbekende kolom 'kleur'"),
        (1, "lon", None, "verplichte kolom 'lon' ontbreekt"),
    ]  # fmt: skip


def test_duplicated_column_is_reported_once() -> None:
    text = "cbs_code;naam;provincie;inwoners_recent;inwoners_recent_jaar;lat;lon;naam\nGM0150;Deventer;Overijssel;1;2024;52;6;X\n"
    result = load("gemeenten.csv", text, "gemeenten", base=False)
    assert problems(result) == [(1, "naam", None, "kolom 'naam' staat twee keer in de kop")]


def test_gemeenten_bad_values_are_all_reported() -> None:
    text = (
        "cbs_code;naam;provincie;inwoners_recent;inwoners_recent_jaar;lat;lon\n"
        "GM0150;Deventer;Overijssel;veel;2024;52,2;6,2\n"
        "XX;Foo;Overijssel;-5;2024;60;6,6\n"
        "GM0153;;Overijssel;1.000;24;52;6\n"
        "GM0164;Hengelo;Overijssel;80.000;2024;52,26;6,79\n"
    )
    result = load("gemeenten.csv", text, "gemeenten", base=False)
    assert problems(result) == [
        (2, "inwoners_recent", "veel", "'veel' is geen getal"),
        (3, "cbs_code", "XX", "'XX' is geen CBS-gemeentecode (vorm GM0123)"),
        (3, "inwoners_recent", "-5", "moet minstens 0 zijn ('-5')"),
        (3, "lat", "60", "moet hoogstens 53.7 zijn ('60')"),
        (4, "inwoners_recent_jaar", "24", "moet minstens 1900 zijn ('24')"),
        (4, "naam", "", "verplicht veld is leeg"),
    ]
    assert [n.id for n in result.nodes if n.kind is NodeKind.GEMEENTE] == ["gemeente:GM0164"]


def test_gemeenten_duplicated_code_and_name() -> None:
    text = (
        GEMEENTEN
        + "GM0193;Zwolle;Overijssel;;1;2024;52,5;6,1\nGM0141;Almelo-Noord;Overijssel;;1;2024;52;6\n"
    )
    result = load("gemeenten.csv", text, "gemeenten", base=False)
    assert problems(result) == [
        (5, "cbs_code", "GM0193", "code 'GM0193' staat al in rij 3"),
        (5, "naam", "Zwolle", "gemeente 'Zwolle' staat al in rij 3"),
        (6, "cbs_code", "GM0141", "code 'GM0141' staat al in rij 4"),
    ]
    almelo = [n for n in result.nodes if n.id == "gemeente:GM0141"]
    assert [n.naam for n in almelo] == ["Almelo"]  # the repeat builds nothing


def test_a_municipality_defined_again_in_another_file() -> None:
    text = "cbs_code;naam;provincie;inwoners_recent;inwoners_recent_jaar;lat;lon\nGM0141;Almelo;Overijssel;1;2024;52;6\n"
    result = load("meer_gemeenten.csv", text, "gemeenten")
    assert problems(result) == [(None, None, None, "gemeente 'Almelo' staat al in gemeenten.csv")]


def test_gemeenten_decimal_comma_fixture() -> None:
    source = Source.from_path(FIXTURES / "gemeenten_decimale_komma.csv", "gemeenten")
    result = load_sources([source])
    assert result.report.problems == []
    zwolle = node(result, "gemeente:GM0193")
    assert (zwolle.props["inwoners_2015"], zwolle.props["oppervlakte_land_km2"]) == (123861, 1011.5)
    assert node(result, "gemeente:GM1773").props["lon"] == pytest.approx(6.15)


def test_grenzen() -> None:
    text = (
        "van_cbs;naar_cbs;gedeelde_grens_km\n"
        "GM1773;GM0193;3,85\n"
        "GM0193;GM1773;3.85\n"  # the same pair the other way round
        "GM0141;Almelo;1\n"  # code and name of one municipality
        "GM0194;GM1773;1\n"
        "GM0141;zwole;veel\n"
    )
    result = load("grenzen.csv", text, "grenzen")
    assert problems(result) == [
        (3, "naar_cbs", "GM1773", "deze grens staat al in rij 2"),
        (4, "naar_cbs", "Almelo", "een gemeente grenst niet aan zichzelf"),
        (5, "van_cbs", "GM0194", "gemeente 'GM0194' is onbekend"),
        (6, "gedeelde_grens_km", "veel", "'veel' is geen getal"),
        (6, "naar_cbs", "zwole", "gemeente 'zwole' is onbekend; bedoelde u Zwolle?"),
    ]
    (border,) = [e for e in result.edges if e.type is RelType.GRENST_AAN]
    assert (border.source, border.target) == ("gemeente:GM0193", "gemeente:GM1773")  # sorted pair
    assert border.props["gedeelde_grens_km"] == pytest.approx(3.85)


def test_grenzen_misspelled_name_gets_a_suggestion() -> None:
    result = load("grenzen.csv", "van_cbs;naar_cbs\nAlmelo;Zwole\n", "grenzen")
    assert problems(result) == [
        (2, "naar_cbs", "Zwole", "gemeente 'Zwole' is onbekend; bedoelde u Zwolle?")
    ]


def test_regio_memberships_keep_their_certainty() -> None:
    text = (
        "gemeente;regio;lid_in_2010\n"
        "Zwolle;Regio Zwolle;onzeker\n"
        "olst wijhe;Regio Zwolle;ja\n"
        "GM0193;Regio Zwolle;ja\n"  # Zwolle again, by code
        "Olst Wyhe;Regio Zwolle;ja\n"
        "Almelo;Regio Twente;misschien\n"
    )
    result = load("regio.csv", text, "regio")
    assert problems(result) == [
        (4, "regio", "Regio Zwolle", "dit lidmaatschap staat al in rij 2"),
        (5, "gemeente", "Olst Wyhe", "gemeente 'Olst Wyhe' is onbekend; bedoelde u Olst-Wijhe?"),
        (6, "lid_in_2010", "misschien", "onbekende waarde; toegestaan: ja, onzeker ('misschien')"),
    ]
    zekerheid = {e.source: e.props["zekerheid"] for e in result.edges if e.type is RelType.LID_VAN}
    assert zekerheid == {"gemeente:GM0193": "onzeker", "gemeente:GM1773": "ja"}


def test_vocabulaire() -> None:
    text = (
        "soort;sleutel;label;themas\n"
        "activiteit;NL Doet;x;\n"
        "gemeente;abc;y;\n"
        "activiteit;yoga;Yoga;onbekend-thema\n"
        "activiteit;yoga;Yoga twee;\n"
    )
    result = load("vocabulaire.csv", text, "vocabulaire", base=False)
    assert problems(result) == [
        (2, "sleutel", "NL Doet", "heeft niet de vorm ^[a-z0-9][a-z0-9-]*$ ('NL Doet')"),
        (3, "soort", "gemeente", "'gemeente' is geen vocabulaire; toegestaan: activiteit, beleidsterrein, thema, werkvorm, struikelblok"),
        (4, "themas", "onbekend-thema", "thema 'onbekend-thema' is onbekend"),
        (5, "sleutel", "activiteit:yoga", "sleutel 'activiteit:yoga' staat al in rij 4"),
    ]  # fmt: skip
    assert [n.naam for n in result.nodes] == ["Yoga"]


def test_enquetes() -> None:
    text = (
        "sleutel;naam;jaar;uitgenodigd;respondenten;respons_pct\n"
        "2011;Tweede ronde;2011;24;11;45,8\n"
        "2011;Nog een;2011;;;\n"
        "1800;Te vroeg;1800;-1;;120\n"
    )
    result = load("enquetes.csv", text, "enquetes", base=False)
    assert problems(result) == [
        (3, "sleutel", "2011", "enquête '2011' staat al in rij 2"),
        (4, "jaar", "1800", "moet minstens 1990 zijn ('1800')"),
        (4, "respons_pct", "120", "moet hoogstens 100 zijn ('120')"),
        (4, "uitgenodigd", "-1", "moet minstens 0 zijn ('-1')"),
    ]
    (wave,) = result.nodes
    assert (wave.id, wave.props["respons_pct"], wave.props["enquete_jaar"]) == (
        "enquete:2011",
        pytest.approx(45.8),
        2011,
    )


def test_deelname() -> None:
    text = (
        "enquete;gemeente;status\n"
        "2010;Zwolle;weet niet\n"
        "2010;Almelo;respondent\n"
        "2010;almelo;respondent\n"
        "2011;Olst-Wijhe;respondent\n"
        "2010;Olst-Wijhe;afzender\n"
    )
    result = load("deelname.csv", text, "deelname")
    assert problems(result) == [
        (2, "status", "weet niet", "onbekende waarde; toegestaan: afzender, respondent, niet_gerespondeerd, kennispartner ('weet niet')"),
        (4, "gemeente", "almelo", "gemeente staat al in rij 3 voor deze enquête"),
        (5, "enquete", "2011", "enquête '2011' is onbekend"),
    ]  # fmt: skip
    taking_part = [e for e in result.edges if e.type is RelType.NAM_DEEL_AAN]
    status = {e.source: e.props["status"] for e in taking_part}
    assert status == {"gemeente:GM0141": "respondent", "gemeente:GM1773": "afzender"}
    assert {e.provenance.bron_type for e in taking_part} == {BronType.ENQUETE}  # the default
    assert {e.provenance.jaar for e in taking_part} == {2010}  # the wave's year


def test_organisaties() -> None:
    text = (
        "soort;naam;gemeente\n"
        "gemeente;Foo;\n"
        "organisatie;Movisie;Zwole\n"
        "organisatie;movisie;\n"
        "ondernemersnetwerk;Ondernemers Zwolle;zwolle\n"
    )
    result = load("organisaties.csv", text)
    assert problems(result) == [
        (2, "soort", "gemeente", "'gemeente' is geen soort organisatie; toegestaan: ondernemersnetwerk, vrijwilligerscentrale, organisatie"),
        (3, "gemeente", "Zwole", "gemeente 'Zwole' is onbekend; bedoelde u Zwolle?"),
        (4, "naam", "movisie", "organisatie 'movisie' staat al in rij 3"),
    ]  # fmt: skip
    assert edges(result, RelType.ACTIEF_IN) == [
        ("ondernemersnetwerk:ondernemers-zwolle", "gemeente:GM0193")
    ]


def test_relaties() -> None:
    text = (
        "van_soort;van;relatie;naar_soort;naar;niveau\n"
        "gemeente;Zwolle;KENT;gemeente;Almelo;\n"
        "gemeente;Zwolle;haakt aan bij;gemeente;Almelo;hoog\n"
        "gemeente;Zwolle;HAAKT_AAN_BIJ;gemeente;Almere;\n"
        "gemeente;Olst-Wijhe;haakt aan bij;gemeente;zwolle;\n"
        "gemeente;olst wijhe;HAAKT_AAN_BIJ;gemeente;GM0193;\n"
    )
    result = load("relaties.csv", text)
    assert problems(result) == [
        (2, "relatie", "KENT", "onbekende waarde; toegestaan: LIGT_IN, GRENST_AAN, LID_VAN, ACTIEF_IN, FACILITEERT, SUBSIDIEERT, ORGANISEERT, WERKT_SAMEN_MET, BELEGD_BIJ, HEEFT_INTERESSE_IN, HEEFT_ERVARING_MET, VOORKEUR_VOOR, ERVAART, HAAKT_AAN_BIJ, LEERT_VAN, REAGEERT_OP, NAM_DEEL_AAN, UITGENODIGD_VOOR, RAAKT_THEMA ('KENT')"),
        (3, "niveau", "hoog", "onbekende waarde; toegestaan: geen, incidenteel, structureel ('hoog')"),
        (4, "naar", "Almere", "gemeente 'Almere' is onbekend"),
        (6, "relatie", "HAAKT_AAN_BIJ", "deze relatie staat al in rij 5"),
    ]  # fmt: skip
    assert edges(result, RelType.HAAKT_AAN_BIJ) == [("gemeente:GM1773", "gemeente:GM0193")]


def test_unknown_kind_of_file() -> None:
    result = load("iets.csv", "foo;bar\n1;2\n")
    ((row, column, value, message),) = problems(result, "iets.csv")
    assert (row, column, value) == (1, None, None)
    assert message.startswith("onbekend soort bestand: de kop past bij geen bekend formaat.")
    assert "Enquêteantwoorden: enquete, gemeente" in message


def test_unreadable_file_is_a_problem_not_an_exception() -> None:
    result = load_sources([Source.from_path(FIXTURES / "plaatje.csv")])
    assert problems(result) == [(None, None, None, "geen tekstbestand (binaire inhoud)")]


# --------------------------------------------------------------------------- survey answers

ANSWERS_HEADER = (
    "enquete;gemeente;activiteiten;facilitering_vrijwilligerscentrale;vrijwilligerscentrale;"
    "ambitie;werkvormen;subsidie_niveau;subsidie_aan;haakt_aan_bij;bron_type\n"
)


def test_answers_build_relationships_with_their_provenance() -> None:
    text = (
        ANSWERS_HEADER
        + "2010;olst wijhe;NL DOET;structureel;VC Olst;ja;nieuwsbrief;incidenteel;vrijwilligerscentrale;Zwolle;voorbeeld\n"
    )
    result = load("antwoorden.csv", text)
    assert result.report.problems == []
    olst = "gemeente:GM1773"
    assert edges(result, RelType.ORGANISEERT) == [(olst, "activiteit:nl-doet")]
    assert edges(result, RelType.VOORKEUR_VOOR) == [(olst, "werkvorm:nieuwsbrief")]
    assert edges(result, RelType.FACILITEERT) == [(olst, "vrijwilligerscentrale:vc-olst")]
    assert edges(result, RelType.SUBSIDIEERT) == [(olst, "vrijwilligerscentrale:vc-olst")]
    assert edges(result, RelType.HAAKT_AAN_BIJ) == [(olst, "gemeente:GM0193")]
    assert edges(result, RelType.ACTIEF_IN) == [("vrijwilligerscentrale:vc-olst", olst)]
    (answers,) = [e for e in result.edges if e.type is RelType.NAM_DEEL_AAN]
    assert answers.props["ambitie"] is True
    assert answers.props["interesse_kennisuitwisseling"] is None  # column absent
    assert len(edges_from(result, "antwoorden.csv")) == 7
    assert {e.provenance.bron_type for e in edges_from(result, "antwoorden.csv")} == {
        BronType.VOORBEELD
    }
    assert {e.provenance.jaar for e in edges_from(result, "antwoorden.csv")} == {2010}


def test_answers_with_empty_optional_cells_are_valid() -> None:
    text = ANSWERS_HEADER + "2010;Zwolle;;;;;;;;;\n"
    result = load("antwoorden.csv", text)
    assert result.report.problems == []
    (answers,) = edges_from(result, "antwoorden.csv")
    assert answers.type is RelType.NAM_DEEL_AAN
    assert answers.props["ambitie"] is None
    assert answers.provenance.bron_type is BronType.ENQUETE  # the default for real answers


def test_answers_every_problem_of_a_file_in_one_pass() -> None:
    text = ANSWERS_HEADER + (
        "2010;Olst Wyhe;yoga;;;ja;;;;;\n"  # unknown municipality: its other cells are still checked
        "2010;zwolle;nl-doet;;;;krant;;;;\n"
        "2010;GM0193;;;;;;;;;\n"  # Zwolle twice in one wave, by code
        "2010;Almelo;;;;;;;nl-doet;almelo;\n"
        "2011;Almelo;;;;;;;;;\n"
        "2010;Olst-Wijhe;;;;;;incidenteel;vrijwilligerscentrale;;onbekend\n"
        "2010;Olst-Wijhe;;soms;;misschien;;;;;\n"
    )
    result = load("antwoorden.csv", text)
    assert problems(result) == [
        (2, "activiteiten", "yoga", "activiteit 'yoga' is onbekend"),
        (2, "gemeente", "Olst Wyhe", "gemeente 'Olst Wyhe' is onbekend; bedoelde u Olst-Wijhe?"),
        (3, "werkvormen", "krant", "werkvorm 'krant' is onbekend"),
        (4, "gemeente", "GM0193", "Zwolle staat al in rij 3 voor enquête 2010"),
        (5, "haakt_aan_bij", "almelo", "een gemeente haakt niet bij zichzelf aan"),
        (5, "subsidie_niveau", None, "subsidie_aan is ingevuld, maar subsidie_niveau is leeg of 'geen'"),
        (6, "enquete", "2011", "enquête '2011' is onbekend"),
        (7, "bron_type", "onbekend", "onbekende waarde; toegestaan: referentie, enquete, voorbeeld, gebruiker, synthetisch, afgeleid ('onbekend')"),
        (7, "subsidie_aan", "vrijwilligerscentrale", "subsidie aan de vrijwilligerscentrale, maar de kolom vrijwilligerscentrale is leeg"),
        (8, "ambitie", "misschien", "'misschien' is geen ja of nee"),
        (8, "facilitering_vrijwilligerscentrale", "soms", "onbekende waarde; toegestaan: geen, incidenteel, structureel ('soms')"),
        (8, "gemeente", "Olst-Wijhe", "Olst-Wijhe staat al in rij 7 voor enquête 2010"),
    ]  # fmt: skip


def test_a_row_with_a_bad_cell_still_has_its_names_and_terms_checked() -> None:
    text = ANSWERS_HEADER + "2010;Zwole;yoga;soms;;;krant;;;;\n"
    assert problems(load("antwoorden.csv", text)) == [
        (2, "activiteiten", "yoga", "activiteit 'yoga' is onbekend"),
        (2, "facilitering_vrijwilligerscentrale", "soms", "onbekende waarde; toegestaan: geen, incidenteel, structureel ('soms')"),
        (2, "gemeente", "Zwole", "gemeente 'Zwole' is onbekend; bedoelde u Zwolle?"),
        (2, "werkvormen", "krant", "werkvorm 'krant' is onbekend"),
    ]  # fmt: skip


SUGGEST_OLST = "gemeente 'Olst Wyhe' is onbekend; bedoelde u Olst-Wijhe?"
SUGGEST_ZWOLLE = "gemeente 'Zwole' is onbekend; bedoelde u Zwolle?"
EMPTY = "verplicht veld is leeg"


@pytest.mark.parametrize(
    ("dataset", "text", "expected"),
    [
        (
            "antwoorden",
            ANSWERS_HEADER + ";Olst Wyhe;yoga;;;;;;;Zwole;\n",
            [
                (2, "activiteiten", "yoga", "activiteit 'yoga' is onbekend"),
                (2, "enquete", "", EMPTY),
                (2, "gemeente", "Olst Wyhe", SUGGEST_OLST),
                (2, "haakt_aan_bij", "Zwole", SUGGEST_ZWOLLE),
            ],
        ),
        (
            "deelname",
            "enquete;gemeente;status\n;Olst Wyhe;misschien\n",
            [
                (2, "enquete", "", EMPTY),
                (2, "gemeente", "Olst Wyhe", SUGGEST_OLST),
                (2, "status", "misschien", f"onbekende waarde; toegestaan: {', '.join(SurveyStatus)} ('misschien')"),
            ],
        ),
        (
            "relaties",
            "van_soort;van;relatie;naar_soort;naar\ngemeente;;KENT;gemeente;Zwole\n",
            [
                (2, "naar", "Zwole", SUGGEST_ZWOLLE),
                (2, "relatie", "KENT", "onbekende waarde; toegestaan: " + ", ".join(RelType) + " ('KENT')"),
                (2, "van", "", EMPTY),
            ],
        ),
        (
            "grenzen",
            "van_cbs;naar_cbs;gedeelde_grens_km\n;Zwole;veel\n",
            [
                (2, "gedeelde_grens_km", "veel", "'veel' is geen getal"),
                (2, "naar_cbs", "Zwole", SUGGEST_ZWOLLE),
                (2, "van_cbs", "", EMPTY),
            ],
        ),
        (
            "regio",
            "gemeente;regio;lid_in_2010\nOlst Wyhe;;misschien\n",
            [
                (2, "gemeente", "Olst Wyhe", SUGGEST_OLST),
                (2, "lid_in_2010", "misschien", f"onbekende waarde; toegestaan: {', '.join(Zekerheid)} ('misschien')"),
                (2, "regio", "", EMPTY),
            ],
        ),
        (
            "organisaties",
            "soort;naam;gemeente\nondernemersnetwerk;;Zwole\n",
            [(2, "gemeente", "Zwole", SUGGEST_ZWOLLE), (2, "naam", "", EMPTY)],
        ),
        (
            "vocabulaire",
            "soort;sleutel;label;themas\nactiviteit;yoga;;onbekend-thema\n",
            [(2, "label", "", EMPTY), (2, "themas", "onbekend-thema", "thema 'onbekend-thema' is onbekend")],
        ),
    ],
)  # fmt: skip
def test_a_row_with_an_empty_required_cell_reports_its_other_problems_and_builds_nothing(
    dataset: str, text: str, expected: list[Row]
) -> None:
    name = f"{dataset}_fout.csv"
    result = load(name, text, dataset)
    assert problems(result) == expected
    assert edges_from(result, name) == []
    assert [n for n in result.nodes if n.provenance.bron == name] == []


def test_level_outside_its_closed_list() -> None:
    text = ANSWERS_HEADER + "2010;Zwolle;;;;;nieuwsbrief;vaak;;;\n"
    assert problems(load("antwoorden.csv", text)) == [
        (2, "subsidie_niveau", "vaak", "onbekende waarde; toegestaan: geen, incidenteel, structureel ('vaak')")
    ]  # fmt: skip


def test_subsidy_to_a_volunteer_centre_that_is_not_named() -> None:
    text = ANSWERS_HEADER + "2010;Zwolle;;;;;;incidenteel;vrijwilligerscentrale;;\n"
    assert problems(load("antwoorden.csv", text)) == [
        (2, "subsidie_aan", "vrijwilligerscentrale", "subsidie aan de vrijwilligerscentrale, maar de kolom vrijwilligerscentrale is leeg")
    ]  # fmt: skip


# --------------------------------------------------------------------------- with the shipped data


@pytest.mark.parametrize(
    "file_name",
    [
        "organisaties_komma_utf8.csv",
        "organisaties_puntkomma_bom.csv",
        "organisaties_tab.tsv",
        "organisaties_cp1252.csv",
    ],
)
def test_quirky_uploads_give_the_same_records(file_name: str) -> None:
    upload = Source.from_path(FIXTURES / file_name)
    result = load_sources([*shipped_sources(DATA_DIR), upload])
    assert result.report.problems == []
    mine = {n.id: n for n in result.nodes if n.provenance.bron == file_name}
    assert {i: n.naam for i, n in mine.items()} == {
        "ondernemersnetwerk:ondernemerskring-a-straat-test": "Ondernemerskring Â-straat (test)",
        "vrijwilligerscentrale:vrijwilligerscentrale-zwolle-test": "Vrijwilligerscentrale Zwolle (test)",
    }
    kring = mine["ondernemersnetwerk:ondernemerskring-a-straat-test"]
    assert kring.props["omschrijving"] == 'Café "De Zon"; elke maandag\ntweede regel'
    assert kring.provenance.bron_type is BronType.GEBRUIKER
    assert sorted(e.target for e in result.edges if e.source in mine) == [
        "gemeente:GM0193",
        "gemeente:GM1773",
    ]


def test_real_answers_replace_the_example_row_of_that_municipality() -> None:
    real = "enquete;gemeente;activiteiten;werkvormen\n2010;Almelo;beursvloer;nieuwsbrief\n"
    result = load_sources([*shipped_sources(DATA_DIR), Source("almelo.csv", real.encode())])
    assert result.report.ok, [p.line() for p in result.report.problems]
    assert result.report.notes == [
        "enquete_2010_antwoorden_voorbeeld.csv:2: voorbeeldantwoorden van Almelo vervangen "
        "door de antwoorden in almelo.csv"
    ]
    examples = edges_from(result, "enquete_2010_antwoorden_voorbeeld.csv")
    assert "gemeente:GM0141" not in {e.source for e in examples}
    assert "gemeente:GM0148" in {e.source for e in examples}  # other municipalities untouched
    assert not any(n.naam.endswith("Almelo (voorbeeld)") for n in result.nodes)
    assert {
        (e.type, e.target, e.provenance.bron_type) for e in edges_from(result, "almelo.csv")
    } == {
        (RelType.ORGANISEERT, "activiteit:beursvloer", BronType.ENQUETE),
        (RelType.VOORKEUR_VOOR, "werkvorm:nieuwsbrief", BronType.ENQUETE),
        (RelType.NAM_DEEL_AAN, "enquete:2010", BronType.ENQUETE),
    }


def test_example_answers_do_not_replace_each_other() -> None:
    again = "enquete;gemeente;activiteiten;bron_type\n2010;Almelo;beursvloer;voorbeeld\n"
    result = load_sources([*shipped_sources(DATA_DIR), Source("nog_een.csv", again.encode())])
    assert result.report.notes == []
    assert problems(result, "nog_een.csv") == [
        (None, None, None, "relatie 'Almelo nam deel aan Mini-enquête MBO Overijssel 2010' staat al in enquete_2010_antwoorden_voorbeeld.csv"),
        (None, None, None, "relatie 'Almelo organiseert Beursvloer' staat al in enquete_2010_antwoorden_voorbeeld.csv"),
    ]  # fmt: skip
