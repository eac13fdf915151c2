"""The server's jars, fetched once from Maven Central and kept in a cache folder.

``pom.xml`` next to this module pins ``org.neo4j:neo4j``; Maven copies its runtime jars to
``<cache>/neo4j-<version>/lib``, so no Docker and no download site are needed. The version is
read from the pom, so it is written in one place only.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

from netwerkkaart.services.locking import locked
from netwerkkaart.services.neo4j_local.errors import Neo4jServerError
from netwerkkaart.services.neo4j_local.logs import LOG_TAIL_LINES, tail_text

log = logging.getLogger(__name__)

POM_PATH = Path(__file__).resolve().parent / "pom.xml"
APPROX_DOWNLOAD_MB = 125  # measured size of the lib dir for 5.26.31, see docs/neo4j-local.md
#: The source tree this package sits in when it is not installed (it holds pyproject.toml).
_PROJECT_ROOT = Path(__file__).resolve().parents[3]


def read_version(pom: Path = POM_PATH) -> str:
    match = re.search(r"<neo4j\.version>\s*([^<\s]+)\s*</neo4j\.version>", pom.read_text("utf-8"))
    if not match:
        raise Neo4jServerError(f"Kan de Neo4j-versie niet lezen uit {pom}.")
    return match.group(1)


NEO4J_VERSION = read_version()


def cache_root() -> Path:
    env = os.environ.get("NETWERKKAART_CACHE")
    if env:
        return Path(env).expanduser().resolve()
    if (_PROJECT_ROOT / "pyproject.toml").exists():
        return _PROJECT_ROOT / ".cache"
    # Installed as a package (no source tree): use the user's cache dir.
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "netwerkkaart"


def lib_dir() -> Path:
    return cache_root() / f"neo4j-{NEO4J_VERSION}" / "lib"


def ensure_lib() -> Path:
    """The directory with the server's jars; fetched with Maven on first use.

    The jars go to ``lib.partial`` first and are renamed to ``lib`` only when Maven succeeded,
    so a failed or killed download is never taken for a cache.
    """
    lib = lib_dir()
    marker = lib / ".complete"
    if marker.exists():
        return lib
    with locked(lib.parent / ".fetch.lock"):
        if marker.exists():
            return lib
        mvn = shutil.which("mvn")
        if mvn is None:
            raise Neo4jServerError(
                f"Maven ('mvn') is nodig om Neo4j {NEO4J_VERSION} eenmalig op te halen, maar is "
                "niet gevonden op PATH. Installeer Maven (Debian/Ubuntu: 'apt-get install "
                "maven') en probeer opnieuw."
            )
        log.info(
            "Neo4j %s ophalen via Maven (eenmalig, ~%d MB) naar %s ...",
            NEO4J_VERSION,
            APPROX_DOWNLOAD_MB,
            lib,
        )
        partial = lib.with_name("lib.partial")
        shutil.rmtree(partial, ignore_errors=True)
        shutil.rmtree(lib, ignore_errors=True)
        partial.mkdir(parents=True)
        began = time.monotonic()
        cmd = [
            mvn,
            "-q",
            "-B",
            "-f",
            str(POM_PATH),
            "dependency:copy-dependencies",
            "-DincludeScope=runtime",
            f"-DoutputDirectory={partial}",
        ]
        try:
            out = subprocess.run(
                cmd, capture_output=True, text=True, timeout=1800, cwd=POM_PATH.parent
            )
        except (OSError, subprocess.SubprocessError) as exc:
            shutil.rmtree(partial, ignore_errors=True)
            raise Neo4jServerError(f"Neo4j ophalen via Maven is mislukt: {exc}") from exc
        jars = list(partial.glob("*.jar"))
        if out.returncode != 0 or not jars:
            shutil.rmtree(partial, ignore_errors=True)
            tail = tail_text((out.stdout or "") + (out.stderr or ""), LOG_TAIL_LINES)
            raise Neo4jServerError(
                f"Neo4j {NEO4J_VERSION} ophalen via Maven is mislukt (exitcode "
                f"{out.returncode}). Is Maven Central bereikbaar? Laatste regels van Maven:\n"
                f"{tail}"
            )
        size_mb = sum(p.stat().st_size for p in jars) / 1e6
        (partial / ".complete").write_text(NEO4J_VERSION + "\n")
        os.replace(partial, lib)
        log.info(
            "Neo4j %s opgehaald: %d jars, %.0f MB in %.0f s.",
            NEO4J_VERSION,
            len(jars),
            size_mb,
            time.monotonic() - began,
        )
    return lib
