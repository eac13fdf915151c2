"""Finding a Java that can run the pinned Neo4j (17 or newer), with a Dutch message naming what
to install when there is none: the most likely reason a first start fails."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from pathlib import Path

from netwerkkaart.services.neo4j_local.errors import Neo4jServerError
from netwerkkaart.services.neo4j_local.fetch import NEO4J_VERSION

log = logging.getLogger(__name__)

MIN_JAVA = 17


def find_java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidate = Path(java_home) / "bin" / "java"
        if os.access(candidate, os.X_OK):
            return str(candidate)
    java = shutil.which("java")
    if java is None:
        raise Neo4jServerError(
            f"Java {MIN_JAVA} of nieuwer is nodig voor de lokale Neo4j, maar 'java' is niet "
            "gevonden (niet op PATH en niet in JAVA_HOME). Installeer bijvoorbeeld "
            "'openjdk-17-jre-headless' (Debian/Ubuntu) of zet JAVA_HOME."
        )
    return java


def java_major(java: str) -> int:
    try:
        out = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise Neo4jServerError(f"Java ({java}) kan niet worden gestart: {exc}") from exc
    text = out.stderr + out.stdout
    match = re.search(r'version "(\d+)(?:\.(\d+))?', text)
    if not match:
        raise Neo4jServerError(
            f"Kan de Java-versie van {java} niet bepalen; uitvoer van 'java -version':\n"
            + text.strip()
        )
    major = int(match.group(1))
    if major == 1 and match.group(2):  # "1.8.0_392" style
        major = int(match.group(2))
    return major


def check_java() -> str:
    """The java executable to run the server with; raises when it is missing or too old."""
    java = find_java()
    major = java_major(java)
    if major < MIN_JAVA:
        raise Neo4jServerError(
            f"Java {MIN_JAVA} of nieuwer is nodig voor Neo4j {NEO4J_VERSION}, maar {java} is "
            f"Java {major}. Installeer Java 17 of 21 en zet die op PATH of in JAVA_HOME."
        )
    if major not in (17, 21):
        log.warning("Java %s gevonden; Neo4j %s is getest met Java 17 en 21.", major, NEO4J_VERSION)
    return java
