"""Knowledge exchange: per theme who asks and who knows, who can teach whom, proposed groups.

A municipality *asks* about a theme when it HEEFT_INTERESSE_IN it; it *has experience* when it
organises an activity that RAAKT_THEMA the theme (a derived link: the project's own reading, said
so in every reason that rests on it), or HEEFT_ERVARING_MET it directly. Callers pass
:func:`graph.analysis.basis.analysis_basis` of the graph, so example rows count only when switched on.
Groups for a themabijeenkomst or intervisiegroep are built per theme: everyone who asks, split
into geographically compact groups when there are too many, joined by the nearest municipalities
with experience. The chosen format is the one most members prefer (VOORKEUR_VOOR). Everything is
ordered by ids and distances only, so the same graph always gives the same groups.

>>> from graph.model import new_graph
>>> g = new_graph()
>>> for key, lon in (("A", 6.0), ("B", 6.1), ("C", 6.2)):
...     g.add_node(f"gemeente:{key}", kind="gemeente", naam=key, lat=52.0, lon=lon)
>>> g.add_node("thema:t", kind="thema", naam="Thema")
>>> g.add_node("activiteit:x", kind="activiteit", naam="X")
>>> _ = g.add_edge("activiteit:x", "thema:t", type="RAAKT_THEMA", bron_type="afgeleid")
>>> for key in ("A", "B"):
...     _ = g.add_edge(f"gemeente:{key}", "thema:t", type="HEEFT_INTERESSE_IN")
>>> _ = g.add_edge("gemeente:C", "activiteit:x", type="ORGANISEERT")
>>> result = knowledge_exchange(g)
>>> [(p.leraar.naam, p.leerling.naam) for p in result.paren]
[('C', 'B'), ('C', 'A')]
>>> [[m.gemeente.naam for m in group.leden] for group in result.groepen]
[['A', 'B', 'C']]
>>> result.paren[0].redenen[0]
"C organiseert X ('Thema'), waar B naar vraagt (via een afgeleide koppeling van activiteit aan thema)"
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

import networkx as nx
import pandas as pd

from graph.analysis.municipal import Municipality, Ties, distance_km, gather
from graph.dutch import nl_join, nl_number, with_derived_note, with_note
from graph.model import NodeKind, node_id

#: Formats a proposed group can take, in order of preference when members' votes tie.
GROUP_FORMATS: tuple[str, ...] = (
    node_id(NodeKind.WERKVORM, "themabijeenkomst"),
    node_id(NodeKind.WERKVORM, "intervisiegroep"),
)

#: ``via`` entry for a direct HEEFT_ERVARING_MET (rather than an activity).
OWN_EXPERIENCE = "eigen ervaring"

#: Cell values of :func:`theme_matrix`.
MATRIX_LEGEND: dict[int, str] = {
    0: "",
    1: "vraagt",
    2: "heeft ervaring",
    3: "vraagt en heeft ervaring",
}


#: Columns of the flat tables of :meth:`KennisResult.frames`.
FRAME_COLUMNS: dict[str, tuple[str, ...]] = {
    "themas": (
        "thema",
        "label",
        "vragen",
        "vragers",
        "ervaring",
        "ervaren",
        "voorbeeld",
        "afgeleid",
    ),
    "paren": (
        "leraar",
        "leraar_cbs",
        "leerling",
        "leerling_cbs",
        "themas",
        "afstand_km",
        "redenen",
        "voorbeeld",
        "afgeleid",
    ),
    "groepen": (
        "groep",
        "thema",
        "werkvorm",
        "aantal",
        "leden",
        "max_afstand_km",
        "redenen",
        "voorbeeld",
        "afgeleid",
    ),
}


@dataclass(frozen=True)
class KennisSettings:
    """Group sizes (inclusive bounds), how many experienced outsiders join a group, formats."""

    min_groep: int = 3
    max_groep: int = 8
    max_ervaren: int = 2
    werkvormen: tuple[str, ...] = GROUP_FORMATS

    def __post_init__(self) -> None:
        if not 2 <= self.min_groep <= self.max_groep:
            raise ValueError(
                f"groepsgrootte: minimum {self.min_groep} moet tussen 2 en het maximum "
                f"{self.max_groep} liggen"
            )


@dataclass(frozen=True)
class ThemeRole:
    """One municipality's stake in a theme; ``via`` names the activities that give experience;
    ``afgeleid`` says the experience rests only on derived links (activity read as touching it)."""

    gemeente: Municipality
    via: tuple[str, ...]
    voorbeeld: bool
    afgeleid: bool = False


@dataclass(frozen=True)
class ThemeOverview:
    thema: str
    label: str
    vragers: tuple[ThemeRole, ...]
    ervaren: tuple[ThemeRole, ...]


@dataclass(frozen=True)
class TeachPair:
    """``leraar`` has experience with themes ``leerling`` asks about."""

    leraar: Municipality
    leerling: Municipality
    themas: tuple[str, ...]
    afstand_km: float | None
    redenen: tuple[str, ...]
    voorbeeld: bool
    afgeleid: bool


@dataclass(frozen=True)
class GroupMember:
    gemeente: Municipality
    rol: str


@dataclass(frozen=True)
class Group:
    """A proposed themabijeenkomst or intervisiegroep and why these members belong together."""

    thema: str
    label: str
    werkvorm: str
    werkvorm_label: str
    leden: tuple[GroupMember, ...]
    redenen: tuple[str, ...]
    voorbeeld: bool
    afgeleid: bool
    max_afstand_km: float | None


@dataclass(frozen=True)
class KennisResult:
    themas: tuple[ThemeOverview, ...]
    paren: tuple[TeachPair, ...]
    groepen: tuple[Group, ...]
    niet_gevormd: tuple[str, ...]
    matrix: pd.DataFrame

    @property
    def has_example_data(self) -> bool:
        """Whether any role, pair or group rests on example data (the banner's test)."""
        roles = [r for t in self.themas for r in (*t.vragers, *t.ervaren)]
        return (
            any(r.voorbeeld for r in roles)
            or any(p.voorbeeld for p in self.paren)
            or any(g.voorbeeld for g in self.groepen)
        )

    @property
    def afgeleid(self) -> bool:
        """Whether any experience, pair or group rests on a derived link (the footnote's test)."""
        return (
            any(r.afgeleid for t in self.themas for r in t.ervaren)
            or any(p.afgeleid for p in self.paren)
            or any(g.afgeleid for g in self.groepen)
        )

    def frames(self) -> dict[str, pd.DataFrame]:
        """Flat tables per part (themas, paren, groepen, matrix) for tables, CSV and the app."""
        labels = {t.thema: t.label for t in self.themas}
        themes = [
            {
                "thema": t.thema,
                "label": t.label,
                "vragen": len(t.vragers),
                "vragers": "; ".join(with_note(r.gemeente.naam, r.voorbeeld) for r in t.vragers),
                "ervaring": len(t.ervaren),
                "ervaren": "; ".join(_experienced(r) for r in t.ervaren),
                "voorbeeld": any(r.voorbeeld for r in (*t.vragers, *t.ervaren)),
                "afgeleid": any(r.afgeleid for r in t.ervaren),
            }
            for t in self.themas
        ]
        pairs = [
            {
                "leraar": p.leraar.naam,
                "leraar_cbs": p.leraar.cbs,
                "leerling": p.leerling.naam,
                "leerling_cbs": p.leerling.cbs,
                "themas": "; ".join(labels[t] for t in p.themas),
                "afstand_km": None if p.afstand_km is None else round(p.afstand_km, 1),
                "redenen": "; ".join(p.redenen),
                "voorbeeld": p.voorbeeld,
                "afgeleid": p.afgeleid,
            }
            for p in self.paren
        ]
        groups = [
            {
                "groep": number,
                "thema": g.label,
                "werkvorm": g.werkvorm_label,
                "aantal": len(g.leden),
                "leden": "; ".join(f"{m.gemeente.naam} ({m.rol})" for m in g.leden),
                "max_afstand_km": None if g.max_afstand_km is None else round(g.max_afstand_km, 1),
                "redenen": "; ".join(g.redenen),
                "voorbeeld": g.voorbeeld,
                "afgeleid": g.afgeleid,
            }
            for number, g in enumerate(self.groepen, start=1)
        ]
        return {  # columns named, so an empty part still has its header (CSV, app)
            "themas": pd.DataFrame(themes, columns=FRAME_COLUMNS["themas"]),
            "paren": pd.DataFrame(pairs, columns=FRAME_COLUMNS["paren"]),
            "groepen": pd.DataFrame(groups, columns=FRAME_COLUMNS["groepen"]),
            "matrix": self.matrix.rename_axis("gemeente").reset_index(),
        }

    def as_dict(self) -> dict[str, object]:
        """Plain data for JSON (the matrix as {gemeente: {thema: code}})."""
        return {
            "themas": [asdict(t) for t in self.themas],
            "paren": [asdict(p) for p in self.paren],
            "groepen": [asdict(g) for g in self.groepen],
            "niet_gevormd": list(self.niet_gevormd),
            "matrix": self.matrix.to_dict(orient="index"),
        }


def _theme_labels(graph: nx.MultiDiGraph) -> dict[str, str]:
    return {
        n: a.get("naam", n) for n, a in sorted(graph.nodes(data=True)) if a.get("kind") == "thema"
    }


def _role(ties: Ties, theme: str, names: Mapping[str, str]) -> ThemeRole:
    """Experience with ``theme``: example only if every route is, derived only if every route
    rests on a derived link (no own HEEFT_ERVARING_MET, no activity linked otherwise)."""
    routes = ties.experience[theme]
    via = tuple(sorted(names[r] for r in routes if r != theme))
    own = (OWN_EXPERIENCE,) if theme in routes else ()
    return ThemeRole(
        ties.info,
        own + via,
        all(r.voorbeeld for r in routes.values()),
        all(r.afgeleid for r in routes.values()),
    )


def _experienced(role: ThemeRole) -> str:
    """One entry of the themes table's ``ervaren`` column, marked like the reasons."""
    via = ", ".join(role.via) + (", via afgeleide koppeling" if role.afgeleid else "")
    return with_note(f"{role.gemeente.naam} ({via})", role.voorbeeld)


def theme_overviews(
    ties: Mapping[str, Ties], labels: Mapping[str, str], names: Mapping[str, str]
) -> list[ThemeOverview]:
    """Per theme (in id order) who asks and who has experience (municipalities by name)."""
    overviews = []
    for theme, label in labels.items():
        people = sorted(ties.values(), key=lambda t: (t.info.naam, t.info.id))
        asking = tuple(
            ThemeRole(t.info, (), t.interests[theme]) for t in people if theme in t.interests
        )
        knowing = tuple(_role(t, theme, names) for t in people if theme in t.experience)
        overviews.append(ThemeOverview(theme, label, asking, knowing))
    return overviews


def _experience_text(role: ThemeRole) -> str:
    activities = [v for v in role.via if v != OWN_EXPERIENCE]
    parts = ["heeft eigen ervaring met het thema"] if OWN_EXPERIENCE in role.via else []
    if activities:
        parts.append(f"organiseert {nl_join(activities)}")
    return " en ".join(parts)


# Per (teacher, learner) pair: both places and (theme, reason, example?, derived?) per theme.
_PairEntry = tuple[Municipality, Municipality, list[tuple[str, str, bool, bool]]]


def teach_pairs(overviews: Sequence[ThemeOverview]) -> list[TeachPair]:
    """Every (experienced, asking) pair of different municipalities, most shared themes first."""
    found: dict[tuple[str, str], _PairEntry] = {}
    for overview in overviews:
        for teacher in overview.ervaren:
            for learner in overview.vragers:
                if teacher.gemeente.id == learner.gemeente.id:
                    continue
                entry = found.setdefault(
                    (teacher.gemeente.id, learner.gemeente.id),
                    (teacher.gemeente, learner.gemeente, []),
                )
                example = teacher.voorbeeld or learner.voorbeeld
                text = with_derived_note(
                    f"{teacher.gemeente.naam} {_experience_text(teacher)} ('{overview.label}'), "
                    f"waar {learner.gemeente.naam} naar vraagt",
                    teacher.afgeleid,
                )
                entry[2].append(
                    (overview.thema, with_note(text, example), example, teacher.afgeleid)
                )
    pairs = []
    for teacher_place, learner_place, items in found.values():
        km = distance_km(teacher_place, learner_place)
        reasons = [text for _, text, _, _ in items]
        if km is not None:
            reasons.append(f"op {nl_number(km, 1)} km afstand")
        pairs.append(
            TeachPair(
                leraar=teacher_place,
                leerling=learner_place,
                themas=tuple(theme for theme, _, _, _ in items),
                afstand_km=km,
                redenen=tuple(reasons),
                voorbeeld=any(example for _, _, example, _ in items),
                afgeleid=any(derived for *_, derived in items),
            )
        )
    pairs.sort(
        key=lambda p: (
            -len(p.themas),
            math.inf if p.afstand_km is None else p.afstand_km,
            p.leraar.naam,
            p.leerling.naam,
        )
    )
    return pairs


# --- groups --------------------------------------------------------------------------------------


def _centre(members: Sequence[Municipality]) -> Municipality | None:
    placed = [m for m in members if m.lat is not None and m.lon is not None]
    if not placed:
        return None
    lat = sum(m.lat for m in placed if m.lat is not None) / len(placed)
    lon = sum(m.lon for m in placed if m.lon is not None) / len(placed)
    return Municipality("", "", "", None, None, lat, lon)


def _km_or_inf(a: Municipality | None, b: Municipality) -> float:
    km = distance_km(a, b) if a is not None else None
    return math.inf if km is None else km


def split_nearby(members: Sequence[Municipality], parts: int) -> list[list[Municipality]]:
    """Split into ``parts`` groups of balanced size, each gathered around an outlying seed.

    The seed is the remaining member farthest from the remaining members' centre (so the
    outskirts are grouped first); its nearest remaining members fill the group.
    """
    remaining = sorted(members, key=lambda m: m.id)
    sizes = [len(remaining) // parts + (i < len(remaining) % parts) for i in range(parts)]
    groups = []
    for size in sizes:
        centre = _centre(remaining)
        placed = [m for m in remaining if _km_or_inf(centre, m) < math.inf]
        seed = min(placed or remaining, key=lambda m: (-_km_or_inf(centre, m), m.id))
        chosen = sorted(remaining, key=lambda m: (m.id != seed.id, _km_or_inf(seed, m), m.id))
        group = chosen[:size]
        groups.append(sorted(group, key=lambda m: m.naam))
        remaining = [m for m in remaining if m not in group]
    return groups


def _max_distance(members: Sequence[Municipality]) -> float | None:
    distances = [distance_km(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]
    known = [d for d in distances if d is not None]
    return max(known) if known else None


def _format_choice(
    members: Sequence[Ties], settings: KennisSettings, names: Mapping[str, str]
) -> tuple[str, str, bool]:
    votes = {w: [t for t in members if w in t.formats] for w in settings.werkvormen}
    best = max(settings.werkvormen, key=lambda w: (len(votes[w]), -settings.werkvormen.index(w)))
    label = names.get(best, best)
    if not votes[best]:
        return best, f"geen voorkeur voor een groepsvorm bekend; {label} als standaard", False
    example = any(t.formats[best] for t in votes[best])
    text = f"{len(votes[best])} van {len(members)} leden noemen {label} als voorkeur"
    return best, with_note(text, example), example


def _shared_interests(
    members: Sequence[Ties], theme: str, labels: Mapping[str, str]
) -> list[tuple[str, bool]]:
    counts: dict[str, list[Ties]] = {}
    for t in members:
        for other in t.interests:
            if other != theme:
                counts.setdefault(other, []).append(t)
    shared = sorted(
        ((o, ts) for o, ts in counts.items() if len(ts) >= 2), key=lambda x: (-len(x[1]), x[0])
    )
    return [
        (
            with_note(
                f"{nl_join(t.info.naam for t in ts)} vragen ook naar '{labels[o]}'",
                any(t.interests[o] for t in ts),
            ),
            any(t.interests[o] for t in ts),
        )
        for o, ts in shared[:3]
    ]


def propose_groups(
    overviews: Sequence[ThemeOverview],
    ties: Mapping[str, Ties],
    settings: KennisSettings,
    names: Mapping[str, str],
) -> tuple[list[Group], list[str]]:
    """Groups per theme within the size bounds, and a note for each theme that gets none."""
    groups, notes = [], []
    for overview in overviews:
        askers = [r.gemeente for r in overview.vragers]
        if not askers:
            continue
        asking_ids = {m.id for m in askers}
        outsiders = [r for r in overview.ervaren if r.gemeente.id not in asking_ids]
        # keep seats for experienced outsiders, so large themes still get teachers in each group
        reserve = min(settings.max_ervaren, len(outsiders), settings.max_groep - 1)
        parts = math.ceil(len(askers) / (settings.max_groep - reserve))
        for cluster in split_nearby(askers, parts):
            centre = _centre(cluster)
            nearest = sorted(
                outsiders, key=lambda r: (_km_or_inf(centre, r.gemeente), r.gemeente.id)
            )
            helpers = nearest[: min(reserve, settings.max_groep - len(cluster))]
            size = len(cluster) + len(helpers)
            if size < settings.min_groep:
                who = nl_join([*(m.naam for m in cluster), *(r.gemeente.naam for r in helpers)])
                notes.append(
                    f"'{overview.label}': alleen {who} ({size} deelnemer(s), minder dan "
                    f"{settings.min_groep}); geen groep voorgesteld"
                )
                continue
            groups.append(_group(overview, cluster, helpers, ties, settings, names))
    return groups, notes


def _group(
    overview: ThemeOverview,
    cluster: Sequence[Municipality],
    helpers: Sequence[ThemeRole],
    ties: Mapping[str, Ties],
    settings: KennisSettings,
    names: Mapping[str, str],
) -> Group:
    knowing = {r.gemeente.id: r for r in overview.ervaren}
    asking = {r.gemeente.id: r for r in overview.vragers}
    members = [
        GroupMember(m, "vraagt en heeft ervaring" if m.id in knowing else "vraagt") for m in cluster
    ] + [GroupMember(r.gemeente, "heeft ervaring") for r in helpers]
    member_ties = [ties[m.gemeente.id] for m in members]
    ask_example = any(asking[m.id].voorbeeld for m in cluster)
    verb = "vraagt" if len(cluster) == 1 else "vragen"
    reasons = [
        with_note(f"{nl_join(m.naam for m in cluster)} {verb} naar '{overview.label}'", ask_example)
    ]
    examples, derived = [ask_example], False
    for member in members:
        role = knowing.get(member.gemeente.id)
        if role is not None:
            derived |= role.afgeleid
            reasons.append(
                with_note(
                    with_derived_note(
                        f"{member.gemeente.naam} {_experience_text(role)}", role.afgeleid
                    ),
                    role.voorbeeld,
                )
            )
            examples.append(role.voorbeeld)
    for text, example in _shared_interests(member_ties, overview.thema, names):
        reasons.append(text)
        examples.append(example)
    werkvorm, format_reason, format_example = _format_choice(member_ties, settings, names)
    reasons.append(format_reason)
    examples.append(format_example)
    spread = _max_distance([m.gemeente for m in members])
    if spread is not None:
        reasons.append(f"grootste afstand tussen twee leden: {nl_number(spread, 1)} km")
    return Group(
        thema=overview.thema,
        label=overview.label,
        werkvorm=werkvorm,
        werkvorm_label=names.get(werkvorm, werkvorm),
        leden=tuple(members),
        redenen=tuple(reasons),
        voorbeeld=any(examples),
        afgeleid=derived,
        max_afstand_km=spread,
    )


def theme_matrix(ties: Mapping[str, Ties], labels: Mapping[str, str]) -> pd.DataFrame:
    """Municipality (rows, by name) x theme (columns, labels) with :data:`MATRIX_LEGEND` codes."""
    rows = {}
    for t in sorted(ties.values(), key=lambda t: (t.info.naam, t.info.id)):
        rows[t.info.naam] = {
            label: int(theme in t.interests) + 2 * int(theme in t.experience)
            for theme, label in labels.items()
        }
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(labels.values()), dtype=int)


def knowledge_exchange(
    graph: nx.MultiDiGraph, thema: str | None = None, settings: KennisSettings | None = None
) -> KennisResult:
    """Overviews, teach/learn pairs and groups (for one theme id, or all), plus the matrix."""
    settings = settings or KennisSettings()
    ties = gather(graph)
    names = {n: a.get("naam", n) for n, a in graph.nodes(data=True)}
    labels = _theme_labels(graph)
    if thema is not None and thema not in labels:
        raise KeyError(f"{thema} is geen thema in de graaf")
    chosen = {thema: labels[thema]} if thema is not None else labels
    overviews = theme_overviews(ties, chosen, names)
    groups, notes = propose_groups(overviews, ties, settings, names)
    return KennisResult(
        themas=tuple(overviews),
        paren=tuple(teach_pairs(overviews)),
        groepen=tuple(groups),
        niet_gevormd=tuple(notes),
        matrix=theme_matrix(ties, labels),
    )
