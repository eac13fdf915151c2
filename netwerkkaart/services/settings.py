"""Every setting the project reads from the environment, declared once.

The README's configuration table is checked against :data:`SETTINGS` by a test, so the docs
cannot drift from the code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    meaning: str

    def value(self) -> str:
        return os.environ.get(self.name, "") or self.default


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "NETWERKKAART_HOME",
        ".netwerkkaart",
        "Werkmap: snapshot, uploads, opgeslagen views, lokale Neo4j.",
    ),
    Setting("NETWERKKAART_STORE", "memory", "Standaardopslag: `memory` (ingebouwd) of `neo4j`."),
    Setting(
        "NEO4J_URI",
        "",
        "Bolt-adres van een eigen Neo4j (bijv. `neo4j://localhost:7687`); leeg = lokale server van het project, als die draait.",
    ),
    Setting("NEO4J_USER", "neo4j", "Gebruikersnaam voor Neo4j."),
    Setting(
        "NEO4J_PASSWORD",
        "",
        "Wachtwoord voor Neo4j; leeg = het gegenereerde wachtwoord van de lokale server.",
    ),
    Setting("NEO4J_DATABASE", "neo4j", "Neo4j-database."),
    Setting("NETWERKKAART_NEO4J_PORT", "7687", "Bolt-poort van de lokale Neo4j-server."),
    Setting(
        "NETWERKKAART_BASIS_URL",
        "http://localhost:8501",
        "Adres waaronder respondenten de vragenlijst openen: het begin van elke link van `ronde uitnodigen` en `ronde intrekken`.",
    ),
    Setting(
        "NETWERKKAART_CACHE",
        "",
        "Map voor de gedownloade Neo4j-jars (standaard `.cache/` in de projectmap).",
    ),
    Setting(
        "NETWERKKAART_ALLEEN_VRAGENLIJST",
        "",
        "`1`: de app toont alleen de vragenlijst (zoals `netwerkkaart app --alleen-vragenlijst`); zonder geldige link ziet een bezoeker één regel uitleg.",
    ),
)
BY_NAME = {s.name: s for s in SETTINGS}


def setting(name: str) -> str:
    return BY_NAME[name].value()


def workspace() -> Path:
    """The workspace folder (created on first use by whoever writes into it)."""
    return Path(setting("NETWERKKAART_HOME")).expanduser().resolve()


def questionnaire_only() -> bool:
    """Whether the app serves only the questionnaire (respondents reach it from outside)."""
    return setting("NETWERKKAART_ALLEEN_VRAGENLIJST").strip().lower() in {"1", "ja", "true"}
