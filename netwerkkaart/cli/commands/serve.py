"""`netwerkkaart app`: start the dashboard with Streamlit and print where it runs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import typer

from netwerkkaart.services.errors import UserError
from netwerkkaart.services.settings import workspace
from netwerkkaart.services.workspace import MEGABYTE, UPLOAD_LIMIT_BYTES

#: app.py sits beside the package folders, in the source tree and in site-packages alike.
APP_PATH = Path(__file__).resolve().parents[3] / "app.py"

#: Streamlit options: no browser of its own, no telemetry, the project's colours, and the
#: upload limit of netwerkkaart.services.workspace (also in .streamlit/config.toml for `streamlit run`).
STREAMLIT_OPTIONS = (
    "--server.headless=true",
    f"--server.maxUploadSize={UPLOAD_LIMIT_BYTES // MEGABYTE}",
    "--server.runOnSave=false",
    "--browser.gatherUsageStats=false",
    "--client.toolbarMode=minimal",
    "--theme.base=light",
    "--theme.primaryColor=#0b6e99",
)


#: For respondents (--alleen-vragenlijst): an unexpected error shows a generic line, never the
#: exception or its traceback (they stay in the server's log).
QUESTIONNAIRE_OPTIONS = ("--client.showErrorDetails=none",)


def streamlit_command(port: int, host: str, *, alleen_vragenlijst: bool = False) -> list[str]:
    """The command line that serves app.py on ``host:port``."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP_PATH),
        f"--server.port={port}",
        f"--server.address={host}",
        *STREAMLIT_OPTIONS,
        *(QUESTIONNAIRE_OPTIONS if alleen_vragenlijst else ()),
    ]


def _check_port(host: str, port: int) -> None:
    if not 1 <= port <= 65535:
        raise UserError(f"Poort {port} bestaat niet; kies een poort tussen 1 en 65535.")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise UserError(
                f"Kan niet luisteren op {host}:{port} ({exc.strerror}); kies een andere poort "
                "met --port of stop het programma dat hem gebruikt."
            ) from exc


def app(
    port: int = typer.Option(8501, "--port", help="Poort van het dashboard."),
    host: str = typer.Option("127.0.0.1", "--host", help="Adres waarop het dashboard luistert."),
    alleen_vragenlijst: bool = typer.Option(
        False,
        "--alleen-vragenlijst",
        help="Toon alleen de vragenlijst (voor respondenten van buiten); de rest van de app is "
        "dan niet bereikbaar.",
    ),
) -> int:
    """Start het dashboard en toon het lokale adres (stoppen met Ctrl+C)."""
    if not APP_PATH.is_file():
        raise UserError(f"Het dashboard ({APP_PATH}) ontbreekt in deze installatie.")
    _check_port(host, port)
    env = dict(os.environ, NETWERKKAART_HOME=str(workspace()))
    if alleen_vragenlijst:
        env["NETWERKKAART_ALLEEN_VRAGENLIJST"] = "1"
    shown = "127.0.0.1" if host == "0.0.0.0" else host
    what = "De vragenlijst" if alleen_vragenlijst else "Netwerkkaart MBO"
    typer.echo(f"{what} draait op http://{shown}:{port}  (stoppen met Ctrl+C)")
    try:
        command = streamlit_command(port, host, alleen_vragenlijst=alleen_vragenlijst)
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 0


def register(app_: typer.Typer) -> None:
    app_.command("app")(app)
