"""The database password: NEO4J_PASSWORD or a generated one, kept in ``<home>/password``.

The password file has mode 0600 and is written atomically, so later commands (and the app) find
the server without configuration and nobody else can read it. The password never appears on a
command line: the initial password goes to Neo4j through a 0600 java @argfile.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
from pathlib import Path

from graph.files import write_atomically
from netwerkkaart.services.neo4j_local.errors import Neo4jServerError
from netwerkkaart.services.neo4j_local.logs import LOG_TAIL_LINES, tail_text

USER = "neo4j"
MIN_PASSWORD_LENGTH = 8  # Neo4j's default dbms.security.auth_minimum_password_length
ADMIN_CLASS = "org.neo4j.cli.AdminTool"


def password_file(home: Path) -> Path:
    return home / "password"


def read_password(home: Path) -> str | None:
    try:
        return password_file(home).read_text("utf-8").strip() or None
    except OSError:
        return None


def env_password() -> str | None:
    """NEO4J_PASSWORD when set (checked against Neo4j's minimum length), else None."""
    env_pw = os.environ.get("NEO4J_PASSWORD")
    if env_pw and len(env_pw) < MIN_PASSWORD_LENGTH:
        raise Neo4jServerError(
            f"NEO4J_PASSWORD is te kort: Neo4j eist minstens {MIN_PASSWORD_LENGTH} tekens."
        )
    return env_pw or None


def ensure_password(home: Path, database_exists: bool) -> str:
    """The server's password: NEO4J_PASSWORD when set, else the one kept in ``password``
    (generated once). Always kept in ``password`` (mode 0600) so later commands find it."""
    env_pw = env_password()
    stored = read_password(home)
    if env_pw:
        if database_exists and stored is not None and stored != env_pw:
            raise Neo4jServerError(
                "NEO4J_PASSWORD verschilt van het wachtwoord van de bestaande lokale database "
                f"({password_file(home)}). Een wachtwoord geldt alleen voor een nieuwe database: "
                "haal NEO4J_PASSWORD weg, of verwijder "
                f"{home / 'data'} om opnieuw te beginnen."
            )
        password = env_pw
    elif stored:
        password = stored
    else:
        if database_exists:
            raise Neo4jServerError(
                f"Het wachtwoordbestand {password_file(home)} ontbreekt, maar de database in "
                f"{home / 'data'} bestaat al. Zet NEO4J_PASSWORD op het wachtwoord van die "
                "database, of verwijder de map data om opnieuw te beginnen."
            )
        password = secrets.token_urlsafe(24)
    if stored != password:
        write_atomically(password_file(home), (password + "\n").encode("utf-8"))
    else:
        os.chmod(password_file(home), 0o600)
    return password


def _argfile_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def set_initial_password(java: str, lib: Path, home: Path, password: str) -> None:
    """Sets the password of a new database (before its first start).

    The password goes through a 0600 java @argfile, not the command line, so it never shows up
    in `ps`. AdminTool is what `neo4j-admin` runs; calling it directly saves a second JVM.
    """
    argfile = home / "run" / "set-password.args"
    argfile.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        argfile.unlink()
    fd = os.open(argfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        # "--" ends the options: a password starting with "-" (1 in 64 generated ones) is no option
        handle.write(f"{ADMIN_CLASS}\ndbms\nset-initial-password\n--\n{_argfile_quote(password)}\n")
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    try:
        out = subprocess.run(
            [java, "-Xmx256m", "-cp", f"{lib}/*", f"@{argfile}"],
            capture_output=True,
            text=True,
            env=env,
            cwd=home,
            timeout=300,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise Neo4jServerError(f"Het wachtwoord van Neo4j instellen is mislukt: {exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            argfile.unlink()
    if out.returncode != 0:
        text = (out.stdout + out.stderr).replace(password, "***")
        raise Neo4jServerError(
            f"Het wachtwoord van Neo4j instellen is mislukt (exitcode {out.returncode}):\n"
            + tail_text(text, LOG_TAIL_LINES)
        )
