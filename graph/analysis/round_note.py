"""A survey round's summary note, written from the graph: every number and list recomputed.

The 2010 round ended in a two-page Dutch note (Respons, Uitkomsten, Kennisuitwisseling,
Conclusies). :func:`round_note` writes the same sections for any wave from
:func:`graph.analysis.survey_findings.survey_findings`, so a new round gets its note without
anyone retyping figures. Quantifier words come from :func:`graph.analysis.quantifier.quantifier`
(one rule for every statement). Each :class:`Statement` keeps its count, total and words, so a
test can check it against the 2010 summary and a writer (PDF, DOCX) only lays it out.

Example data: like every analysis (:mod:`graph.analysis.basis`) the note leaves example rows out
unless asked (``met_voorbeelden``). The 2010 response figures are survey facts and stay; the
2010 answers per municipality are examples, so without them the Uitkomsten say there are none.
With them, every statement that rests on them ends in "(volgens de voorbeeldantwoorden)".
A comparison with the previous wave never counts example data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from graph.analysis.basis import analysis_basis
from graph.analysis.compare import Comparison, compare
from graph.analysis.quantifier import quantifier
from graph.analysis.survey_findings import SurveyFindings, survey_findings, survey_waves
from graph.dutch import nl_join, nl_number
from graph.model import SurveyStatus, is_example

#: Appended (before the full stop) to every statement that rests on example answers.
EXAMPLE_SUFFIX = " (volgens de voorbeeldantwoorden)"
#: Obstacles that say it is unclear where MBO belongs, who pulls it, or who has time for it.
UNCLEAR_OBSTACLES = (
    "struikelblok:plek-onduidelijk",
    "struikelblok:capaciteit",
    "struikelblok:trekker-onduidelijk",
)
#: "Weinig ervaring": at most this many activities and no structural work with entrepreneurs.
FEW_ACTIVITIES = 2


@dataclass(frozen=True)
class Statement:
    """One sentence of the note; ``aantal``/``totaal``/``kwantor`` when it counts something,
    ``items`` the labels it names."""

    sleutel: str
    tekst: str
    voorbeeld: bool = False
    aantal: int | None = None
    totaal: int | None = None
    kwantor: str | None = None
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A heading (level 1 or 2), its statements, an optional bullet list and chart.

    ``grafiek`` names a :class:`SurveyFindings` table a writer draws as a bar chart."""

    titel: str
    niveau: int
    uitspraken: tuple[Statement, ...] = ()
    opsomming: tuple[str, ...] = ()
    grafiek: str | None = None
    grafiek_titel: str = ""


@dataclass(frozen=True)
class RoundNote:
    enquete: str
    titel: str
    jaar: int | None
    #: Where the wave's own facts come from (the survey node's ``bron``).
    bron: str
    findings: SurveyFindings
    secties: tuple[Section, ...]
    met_voorbeelden: bool
    #: Answers left out because they are example data (0 with ``met_voorbeelden``).
    weggelaten_voorbeelden: int
    vorige: str | None

    @property
    def has_example_data(self) -> bool:
        return any(s.voorbeeld for section in self.secties for s in section.uitspraken)

    def statement(self, sleutel: str) -> Statement:
        """The statement with this key (KeyError when the note has none)."""
        for section in self.secties:
            for s in section.uitspraken:
                if s.sleutel == sleutel:
                    return s
        raise KeyError(sleutel)

    def text(self) -> str:
        """The whole note as plain text (headings, sentences, bullets)."""
        lines = [self.titel]
        for section in self.secties:
            lines.append(section.titel)
            lines += [s.tekst for s in section.uitspraken]
            lines += [f"- {item}" for item in section.opsomming]
        return "\n".join(lines)


class _Writer:
    """Makes statements for one wave's findings, marking those that rest on example answers."""

    def __init__(self, findings: SurveyFindings) -> None:
        self.f = findings
        self.example = findings.has_example_data

    def say(
        self,
        sleutel: str,
        text: str,
        count: int | None = None,
        total: int | None = None,
        words: str | None = None,
        items: Iterable[str] = (),
        answers: bool = True,
    ) -> Statement:
        """A statement; ``n van de N`` and the example mark go in one bracket at its end."""
        example = answers and self.example
        counted = words is not None and count is not None and total is not None
        notes = [f"{count} van de {total}"] if counted else []
        notes += [EXAMPLE_SUFFIX.strip(" ()")] if example else []
        body = text.rstrip(".") + (f" ({', '.join(notes)})" if notes else "") + "."
        return Statement(sleutel, _capital(body), example, count, total, words, tuple(items))

    def share(
        self, sleutel: str, count: int, noun: str, verbs: tuple[str, str], rest: str
    ) -> Statement:
        """``<quantifier> <noun> <verb> <rest> (n van de N)``: the standard counted sentence."""
        total = self.f.beantwoord
        q = quantifier(count, total)
        return self.say(
            sleutel,
            f"{q.zin(noun, *verbs)} {rest}",
            count,
            total,
            q.woorden,
        )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _count(frame: pd.DataFrame, *keys: str) -> int:
    """Municipalities that gave at least one of ``keys``."""
    return len(_names(frame, *keys))


def _names(frame: pd.DataFrame, *keys: str) -> set[str]:
    return {
        g for gemeenten in frame.loc[frame["sleutel"].isin(keys), "gemeenten"] for g in gemeenten
    }


def _named(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows somebody chose, most first (tables are sorted already)."""
    return frame[frame["aantal"] > 0]


def _counted(rows: pd.DataFrame) -> list[str]:
    return [f"{r.label} ({r.aantal})" for r in rows.itertuples()]


def _leading(frame: pd.DataFrame, places: int) -> pd.DataFrame:
    """The rows named at least as often as the one in place ``places`` (ties included)."""
    named = _named(frame)
    if named.empty:
        return named
    floor = named["aantal"].iloc[min(places, len(named)) - 1]
    return named[named["aantal"] >= floor]


def _by_quantifier(frame: pd.DataFrame, total: int) -> list[tuple[str, pd.DataFrame]]:
    """Named rows grouped by their quantifier words, most named group first."""
    named = _named(frame)
    words = [quantifier(int(n), total).woorden for n in named["aantal"]]
    return [(w, named[[x == w for x in words]]) for w in dict.fromkeys(words)]


# --- sections ------------------------------------------------------------------------------------


def _response(w: _Writer, graph: nx.MultiDiGraph, survey: dict[str, object]) -> Section:
    f = w.f
    facts_example = _participation_is_example(graph, f.enquete)
    respondents = f.gemeenten_per_status.get(SurveyStatus.RESPONDENT, ())
    silent = f.gemeenten_per_status.get(SurveyStatus.NIET_GERESPONDEERD, ())
    statements = []
    periode = survey.get("periode")
    if f.uitgenodigd:
        when = f"In {periode} ontvingen" if periode else "Uitgenodigd waren"
        what = " de enquête" if periode else ""
        statements.append(
            w.say(
                "uitgenodigd",
                f"{when} {f.uitgenodigd} gemeenten{what}",
                f.uitgenodigd,
                answers=facts_example,
            )
        )
        pct = f.respons_pct if f.respons_pct is not None else 0.0
        statements.append(
            w.say(
                "respons",
                f"{f.respondenten} van de {f.uitgenodigd} gemeenten hebben de vragenlijst "
                f"ingevuld, een respons van {nl_number(pct)}%",
                f.respondenten,
                f.uitgenodigd,
                answers=facts_example,
            )
        )
    else:
        statements.append(
            w.say(
                "respons",
                f"{f.respondenten} gemeenten hebben de vragenlijst ingevuld",
                f.respondenten,
                answers=facts_example,
            )
        )
    if respondents:
        statements.append(
            w.say(
                "respondenten",
                f"Dit zijn de respondenten: {nl_join(respondents)}",
                items=respondents,
                answers=facts_example,
            )
        )
    if silent:
        statements.append(
            w.say(
                "niet_gereageerd",
                f"Niet gereageerd hebben: {nl_join(silent)}",
                items=silent,
                answers=facts_example,
            )
        )
    return Section("Respons", 1, tuple(statements))


def _participation_is_example(graph: nx.MultiDiGraph, enquete: str) -> bool:
    return any(is_example(a) for *_, a in graph.in_edges(enquete, data=True) if a.get("status"))


def _activities_per_municipality(f: SurveyFindings) -> dict[str, int]:
    found = dict.fromkeys(_names(f.ambitie, *f.ambitie["sleutel"]), 0)
    for names in f.activiteiten["gemeenten"]:
        for name in names:
            found[name] = found.get(name, 0) + 1
    return found


def _outcomes(w: _Writer) -> list[Section]:
    f = w.f
    total = f.beantwoord
    per = _activities_per_municipality(f)
    none = sum(1 for k in per.values() if k == 0)
    intro = [
        w.say(
            "spreiding",
            f"Het aantal genoemde MBO-activiteiten per gemeente loopt uiteen van "
            f"{min(per.values(), default=0)} tot {max(per.values(), default=0)}",
        ),
        w.share(
            "geen_activiteit", none, "gemeenten", ("noemt", "noemen"), "geen enkele MBO-activiteit"
        ),
    ]
    networks = _count(f.ondernemersnetwerk_actief, "ja")
    q = quantifier(networks, total)
    verbanden = w.say(
        "ondernemersverbanden",
        f"In {q.woorden} gemeenten zijn ondernemersnetwerken/samenwerkingsverbanden van "
        f"ondernemers actief",
        networks,
        total,
        q.woorden,
    )
    return [
        Section("Uitkomsten", 1, tuple(intro)),
        Section("Ondernemersverbanden", 2, (verbanden,)),
        _activities(w),
        _cooperation(w),
        _organisation(w),
        _policy(w),
        _ambitions(w),
    ]


def _top_and_rest(
    w: _Writer,
    frame: pd.DataFrame,
    sleutel: str,
    top_text: str,
    none_text: str,
) -> list[Statement]:
    """The most named row(s) of ``frame``, then the others grouped by their quantifier."""
    named = _named(frame)
    if named.empty:
        return [w.say(sleutel, none_text, 0, w.f.beantwoord, "geen van de")]
    top = named[named["aantal"] == named["aantal"].max()]
    count = int(top["aantal"].iloc[0])
    q = quantifier(count, w.f.beantwoord)
    labels = [str(x) for x in top["label"]]
    statements = [
        w.say(
            sleutel,
            top_text.format(
                namen=nl_join(labels), kwantor=q.woorden, aantal=count, totaal=w.f.beantwoord
            ),
            count,
            w.f.beantwoord,
            q.woorden,
            labels,
        )
    ]
    others = named[named["aantal"] < count]
    for words, group in _by_quantifier(others, w.f.beantwoord):
        statements.append(
            w.say(
                f"{sleutel}_ook_{words.replace(' ', '_')}",
                f"Ook genoemd, telkens door {_who(words)}: {nl_join(_counted(group))}",
                words=words,
                items=[str(x) for x in group["label"]],
            )
        )
    return statements


def _who(words: str) -> str:
    """``enkele gemeenten``, but ``één gemeente`` (telkens een andere)."""
    return "één gemeente" if words == "één van de" else f"{words} gemeenten"


def _activities(w: _Writer) -> Section:
    statements = _top_and_rest(
        w,
        w.f.activiteiten,
        "activiteiten",
        "De meest genoemde MBO-activiteit: {namen}",
        "Geen van de respondenten noemt een MBO-activiteit",
    )
    return Section(
        "MBO-activiteiten", 2, tuple(statements), grafiek="activiteiten",
        grafiek_titel="MBO-activiteiten (aantal gemeenten)",
    )  # fmt: skip


def _cooperation(w: _Writer) -> Section:
    f = w.f
    structural = _count(f.samenwerking_ondernemers, "structureel")
    centre = _count(f.facilitering_vrijwilligerscentrale, "incidenteel", "structureel")
    return Section(
        "Samenwerking gemeenten en MBO'ers",
        2,
        (
            w.share(
                "samenwerking_structureel",
                structural,
                "gemeenten",
                ("werkt", "werken"),
                "m.b.t. MBO structureel samen met ondernemers",
            ),
            w.share(
                "vrijwilligerscentrale",
                centre,
                "gemeenten",
                ("faciliteert", "faciliteren"),
                "een vrijwilligerscentrale die voor de contacten en matches zorgt",
            ),
        ),
    )


def _organisation(w: _Writer) -> Section:
    statements = _top_and_rest(
        w,
        w.f.beleidsterreinen,
        "belegd",
        "MBO valt bij {kwantor} gemeenten onder {namen}",
        "Geen van de respondenten zegt onder welk beleidsterrein MBO valt",
    )
    return Section("MBO binnen de gemeentelijke organisatie", 2, tuple(statements))


def _policy(w: _Writer) -> Section:
    f = w.f
    total = f.beantwoord
    statements = [
        w.share(
            "specifiek_beleid",
            _count(f.specifiek_mbo_beleid, "ja"),
            "respondenten",
            ("voert", "voeren"),
            "een specifiek mbo-beleid",
        )
    ]
    levels = _named(
        f.subsidie_niveau[f.subsidie_niveau["sleutel"].isin(["incidenteel", "structureel", "geen"])]
    )
    for r in levels.sort_values("aantal", ascending=False, kind="stable").itertuples():
        q = quantifier(int(r.aantal), total)
        how = (
            "niet"
            if r.sleutel == "geen"
            else f"{'slechts ' if r.sleutel == 'incidenteel' else ''}{r.sleutel}"
        )
        statements.append(
            w.say(
                f"subsidie_{r.sleutel}",
                f"Subsidies zijn er bij {q.woorden} gemeenten {how} beschikbaar",
                int(r.aantal),
                total,
                q.woorden,
            )
        )
    targets = _named(f.subsidie_aan)
    giving = _count(f.subsidie_aan, *f.subsidie_aan["sleutel"])
    if giving:
        top = list(targets["sleutel"][:2])
        labels = [_target_label(str(x)) for x in targets["label"][:2]]
        count = _count(f.subsidie_aan, *top)
        q = quantifier(count, giving)
        statements.append(
            w.say(
                "subsidie_aan",
                f"{q.woorden} gemeenten die zeggen waaraan zij subsidie besteden, "
                f"{'besteedt' if q.enkelvoud else 'besteden'} die aan {' of '.join(labels)}",
                count,
                giving,
                q.woorden,
                labels,
            )
        )
    return Section("Actief MBO-beleid en subsidies", 2, tuple(statements))


def _target_label(label: str) -> str:
    return "de vrijwilligerscentrale" if label == "vrijwilligerscentrale" else label


def _ambitions(w: _Writer) -> Section:
    f = w.f
    unclear = _count(f.struikelblokken, *UNCLEAR_OBSTACLES)
    statements = [
        w.share(
            "ambitie",
            _count(f.ambitie, "ja"),
            "respondenten",
            ("heeft", "hebben"),
            "ambities om mbo duidelijker onderdeel te laten worden van gemeentelijk beleid en "
            "handelen",
        ),
        w.share(
            "onduidelijk",
            unclear,
            "respondenten",
            ("vindt", "vinden"),
            "het onduidelijk waar het thema binnen de gemeentelijke organisatie hoort, of er "
            "ambtelijke capaciteit voor vrijkomt of wie intern trekker is",
        ),
    ]
    named = _named(f.struikelblokken)
    if not named.empty:
        statements.append(
            w.say(
                "struikelblokken",
                f"Genoemde struikelblokken: {nl_join(_counted(named))}",
                items=[str(x) for x in named["label"]],
            )
        )
    return Section(
        "MBO stimuleren: ambities en struikelblokken", 2, tuple(statements),
        grafiek="struikelblokken", grafiek_titel="Struikelblokken (aantal gemeenten)",
    )  # fmt: skip


def _exchange(w: _Writer) -> list[Section]:
    f = w.f
    themes = _named(f.themas)
    interest = w.share(
        "interesse",
        _count(f.interesse_kennisuitwisseling, "ja"),
        "respondenten",
        ("heeft", "hebben"),
        "interesse in een kennisuitwisseling",
    )
    listed = w.say(
        "themas",
        f"Dit zijn de {len(themes)} thema's en vragen daarvoor, met het aantal gemeenten dat ze noemt",
        len(themes),
        items=[str(x) for x in themes["label"]],
    )
    formats = _named(f.werkvormen)
    favourite = formats[formats["aantal"] > f.beantwoord / 2]
    if favourite.empty:
        favourite = _leading(formats, 1)
    labels = [str(x) for x in favourite["label"]]
    statements = [
        w.say(
            "werkvormen_favoriet",
            f"Favoriete vormen voor kennisuitwisseling: {nl_join(_counted(favourite))}",
            items=labels,
        )
    ]
    rest = formats[~formats["sleutel"].isin(favourite["sleutel"])]
    if not rest.empty:
        statements.append(
            w.say(
                "werkvormen_ook",
                f"Ook genoemd: {nl_join(_counted(rest))}",
                items=[str(x) for x in rest["label"]],
            )
        )
    return [
        Section(
            "Kennisuitwisseling: thema's en vragen", 1, (interest, listed),
            opsomming=tuple(_counted(themes)), grafiek="themas",
            grafiek_titel="Thema's voor kennisuitwisseling (aantal gemeenten)",
        ),
        Section(
            "Kennisuitwisseling: werkvormen", 1, tuple(statements), grafiek="werkvormen",
            grafiek_titel="Gewenste werkvormen (aantal gemeenten)",
        ),
    ]  # fmt: skip


def _conclusions(w: _Writer) -> Section:
    f = w.f
    structural = _names(f.samenwerking_ondernemers, "structureel")
    little = sum(
        1
        for name, k in _activities_per_municipality(f).items()
        if k <= FEW_ACTIVITIES and name not in structural
    )
    resources = _count(f.subsidie_niveau, "structureel")
    leading = _leading(f.themas, 3)
    statements = [
        w.share(
            "weinig_ervaring",
            little,
            "respondenten",
            ("heeft", "hebben"),
            f"nog weinig ervaring met samenwerking en activiteiten op het gebied van MBO "
            f"(hoogstens {FEW_ACTIVITIES} activiteiten en geen structurele samenwerking met "
            "ondernemers)",
        ),
        w.share(
            "middelen",
            resources,
            "respondenten",
            ("heeft", "hebben"),
            "structureel gemeentelijke middelen om MBO-activiteiten te faciliteren",
        ),
    ]
    if not leading.empty:
        labels = [str(x) for x in leading["label"]]
        statements.append(
            w.say(
                "behoefte",
                f"Er is vooral behoefte aan uitwisseling over {nl_join(labels)}",
                items=labels,
            )
        )
    for r in _leading(f.werkvormen, 2).itertuples():
        count = int(r.aantal)
        statements.append(
            w.share(
                f"werkvorm_{r.sleutel}",
                count,
                "respondenten",
                ("is", "zijn"),
                f"geïnteresseerd in de werkvorm {str(r.label).lower()}",
            )
        )
    return Section("Conclusies", 1, tuple(statements))


def _no_answers(w: _Writer, left_out: int) -> Section:
    why = (
        f"De {left_out} antwoorden per gemeente van deze ronde zijn voorbeelddata en tellen "
        "zonder voorbeelddata niet mee (de notitie met voorbeelden: --met-voorbeelden)"
        if left_out
        else "Voor deze ronde zijn nog geen antwoorden per gemeente geladen"
    )
    return Section("Uitkomsten", 1, (w.say("geen_antwoorden", why, answers=False),))


# --- the previous round --------------------------------------------------------------------------


def previous_wave(graph: nx.MultiDiGraph, enquete: str) -> str | None:
    """The wave before ``enquete`` (by year), or None when it is the first."""
    waves = survey_waves(graph)
    index = waves.index(enquete)
    return waves[index + 1] if index + 1 < len(waves) else None


def _moves(pairs: Iterable[tuple[str, int, int]]) -> tuple[list[str], list[str]]:
    """(label, before, after) as "label (before → after)", those that rose and those that fell."""
    up: list[str] = []
    down: list[str] = []
    for label, before, after in pairs:
        if after != before:
            (up if after > before else down).append(f"{label} ({before} → {after})")
    return up, down


def _activity_moves(comparison: Comparison) -> tuple[list[str], list[str]]:
    """Activities added and dropped by the municipalities compared, with how many did."""
    added: dict[str, int] = {}
    dropped: dict[str, int] = {}
    for entry in comparison.gemeenten:
        for name in entry["toegevoegd"].get("activiteiten", ()):
            added[name] = added.get(name, 0) + 1
        for name in entry["vervallen"].get("activiteiten", ()):
            dropped[name] = dropped.get(name, 0) + 1
    return (
        [f"{name} ({count})" for name, count in sorted(added.items())],
        [f"{name} ({count})" for name, count in sorted(dropped.items())],
    )


def _comparison(graph: nx.MultiDiGraph, enquete: str, vorige: str) -> Section:
    """The previous wave against this one by graph.analysis.compare's rule: response and who is
    new or gone, demand per theme, and the activities of those who answered both times; never
    example data."""
    comparison = compare(graph, vorige, enquete)
    w = _Writer(survey_findings(analysis_basis(graph), enquete))
    respons = comparison.respons
    now, then = respons["naar"], respons["van"]

    def pct(response: dict[str, object]) -> str:
        value = response["respons_pct"]
        return nl_number(float(value)) if isinstance(value, int | float) else "onbekend"

    themes = [(t["thema"], t["vraag_van"], t["vraag_naar"]) for t in comparison.themas]
    up, down = _moves(sorted(themes, key=lambda t: t[0].casefold()))
    added, dropped = _activity_moves(comparison)
    compared = len(respons["vergeleken"])
    statements = [
        w.say(
            "vergelijking_respons",
            f"Respons: {now['respondenten']} gemeenten ({pct(now)}%), in "
            f"{comparison.van['naam']} {then['respondenten']} ({pct(then)}%)",
            answers=False,
        ),
        w.say(
            "vergelijking_nieuw",
            f"Nieuw als respondent: {nl_join(respons['nieuw']) or 'geen'}; niet meer: "
            f"{nl_join(respons['weg']) or 'geen'}",
            items=sorted({*respons["nieuw"], *respons["weg"]}),
            answers=False,
        ),
        w.say(
            "vergelijking_themas",
            f"Meer vraag naar thema's: {nl_join(up) or 'geen'}; minder: {nl_join(down) or 'geen'}",
            answers=False,
        ),
        w.say(
            "vergelijking_activiteiten",
            f"MBO-activiteiten erbij bij de {compared} gemeente(n) die beide keren antwoordden: "
            f"{nl_join(added) or 'geen'}; vervallen: {nl_join(dropped) or 'geen'}",
            answers=False,
        ),
    ]
    note = w.say(
        "vergelijking_basis",
        "Deze vergelijking telt alleen enquêtegegevens, geen voorbeelddata",
        answers=False,
    )
    return Section(f"Vergeleken met {comparison.van['naam']}", 1, (*statements, note))


def round_note(graph: nx.MultiDiGraph, enquete: str, met_voorbeelden: bool = False) -> RoundNote:
    """The note of wave ``enquete`` (a node id such as ``enquete:2010``)."""
    if enquete not in graph or graph.nodes[enquete].get("kind") != "enquete":
        raise ValueError(f"enquête '{enquete}' staat niet in de graaf")
    survey = dict(graph.nodes[enquete])
    basis = analysis_basis(graph, met_voorbeelden)
    findings = survey_findings(basis, enquete)
    left_out = (
        0 if met_voorbeelden else survey_findings(graph, enquete).beantwoord - findings.beantwoord
    )
    w = _Writer(findings)
    sections = [_response(w, graph, survey)]
    if findings.beantwoord:
        sections += [*_outcomes(w), *_exchange(w)]
    else:
        sections.append(_no_answers(w, left_out))
    vorige = previous_wave(graph, enquete)
    if vorige is not None:
        sections.append(_comparison(graph, enquete, vorige))
    if findings.beantwoord:
        sections.append(_conclusions(w))
    jaar = survey.get("jaar")
    return RoundNote(
        enquete=enquete,
        titel=f"Samenvatting {findings.naam}",
        jaar=int(jaar) if isinstance(jaar, int) else None,
        bron=str(survey.get("bron", "")),
        findings=findings,
        secties=tuple(sections),
        met_voorbeelden=met_voorbeelden,
        weggelaten_voorbeelden=left_out,
        vorige=vorige,
    )
