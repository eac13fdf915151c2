"""The reverse-proxy test's nginx: the committed config in a real nginx, run as a normal user.

``deploy/nginx/netwerkkaart-vragenlijst.conf`` is the file the README documents; :func:`render`
changes only its ports, the app's address, the certificate and the log paths (each replacement
must hit, so an edited config cannot silently slip past the test). The server runs with a
temporary prefix, a self-signed certificate made with ``openssl`` and, when the tests run as
root, as the user ``nobody``, as nginx's workers would. Without nginx the test is skipped with one
line (:func:`nginx_unavailable`), except under ``CI=true``, where ``scripts/ensure-nginx``
installs it and a missing nginx fails.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parents[1] / "deploy" / "nginx" / "netwerkkaart-vragenlijst.conf"
#: The host name the committed config serves (a placeholder the user replaces).
HOST = "vragenlijst.example.nl"
STARTUP_TIMEOUT_S = 20


def nginx_unavailable(reason: str) -> None:
    """The one way a test gives up for want of nginx: skipped here, a failure under CI=true."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"de proxytest kan niet draaien onder CI: {reason}")
    pytest.skip(f"proxytest overgeslagen: {reason} (installeer met: scripts/ensure-nginx)")


def nginx_binary() -> Path:
    """Debian's nginx (in /usr/sbin, often not on a normal user's PATH)."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
    if not found:
        nginx_unavailable("nginx ontbreekt")
    return Path(str(found))


def _replace(text: str, old: str, new: str, times: int) -> str:
    assert text.count(old) == times, f"{old!r} staat niet {times}x in {CONFIG.name}"
    return text.replace(old, new)


def render(config: str, *, http: int, https: int, app: int, folder: Path) -> str:
    """The committed config with this run's ports, app address, certificate and logs."""
    config = _replace(config, "listen 80;", f"listen 127.0.0.1:{http};", 1)
    config = _replace(config, "listen 443 ssl http2;", f"listen 127.0.0.1:{https} ssl http2;", 1)
    # Only IPv4 here: a test machine may have no IPv6 at all.
    config = _replace(config, "    listen [::]:80;\n", "", 1)
    config = _replace(config, "    listen [::]:443 ssl http2;\n", "", 1)
    config = _replace(config, "server 127.0.0.1:8501;", f"server 127.0.0.1:{app};", 1)
    config = _replace(config, f"/etc/letsencrypt/live/{HOST}/", f"{folder}/", 2)
    config = _replace(config, "/var/log/nginx/", f"{folder}/", 2)
    return _replace(config, "/var/www/certbot", f"{folder}/certbot", 1)


def _main_config(folder: Path) -> str:
    """What /etc/nginx/nginx.conf gives a site file, with every path in ``folder``."""
    temp = "\n".join(
        f"    {kind}_temp_path {folder}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"worker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log info;\n"
        "events { worker_connections 256; }\n"
        f"http {{\n{temp}\n    include {folder}/site.conf;\n}}\n"
    )


def self_signed_certificate(folder: Path) -> None:
    """fullchain.pem and privkey.pem for :data:`HOST`, as certbot names them."""
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={HOST}",
            "-addext",
            f"subjectAltName=DNS:{HOST}",
            "-keyout",
            str(folder / "privkey.pem"),
            "-out",
            str(folder / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
    )


def _as_normal_user() -> tuple[int, int] | None:
    """(uid, gid) of ``nobody`` when running as root, else None (already a normal user)."""
    if os.geteuid() != 0:
        return None
    nobody = pwd.getpwnam("nobody")
    return nobody.pw_uid, nobody.pw_gid


def _drop_to(ids: tuple[int, int] | None) -> Callable[[], None] | None:
    """What the child runs before nginx: give up root for ``ids`` (nothing when not root)."""
    if ids is None:
        return None

    def drop() -> None:
        os.setgroups([])
        os.setgid(ids[1])
        os.setuid(ids[0])

    return drop


def _listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@dataclass(frozen=True)
class Proxy:
    """A running nginx: its ports, its folder (config, certificate, logs)."""

    http_port: int
    https_port: int
    folder: Path

    @property
    def https(self) -> str:
        return f"https://{HOST}:{self.https_port}"

    @property
    def http(self) -> str:
        return f"http://{HOST}:{self.http_port}"

    def log(self, name: str) -> str:
        path = self.folder / name
        return path.read_text(errors="replace") if path.exists() else ""


@contextmanager
def running_proxy(app_port: int, http_port: int, https_port: int) -> Iterator[Proxy]:
    """nginx with the committed config in front of 127.0.0.1:``app_port``; stopped afterwards."""
    binary = nginx_binary()
    if shutil.which("openssl") is None:
        nginx_unavailable("openssl ontbreekt (voor het testcertificaat)")
    user = _as_normal_user()
    # Not under pytest's tmp_path: nginx as 'nobody' must reach its folder.
    folder = Path(tempfile.mkdtemp(prefix="netwerkkaart-nginx-"))
    try:
        folder.chmod(0o755)
        self_signed_certificate(folder)
        (folder / "certbot").mkdir()
        site = render(
            CONFIG.read_text(encoding="utf-8"),
            http=http_port,
            https=https_port,
            app=app_port,
            folder=folder,
        )
        (folder / "site.conf").write_text(site, encoding="utf-8")
        (folder / "nginx.conf").write_text(_main_config(folder), encoding="utf-8")
        if user is not None:
            for path in [folder, *folder.iterdir()]:
                os.chown(path, *user)
        command = [str(binary), "-p", str(folder), "-c", str(folder / "nginx.conf")]
        command += ["-e", str(folder / "error.log")]
        checked = subprocess.run(
            [*command, "-t"], capture_output=True, text=True, preexec_fn=_drop_to(user)
        )
        assert checked.returncode == 0, f"nginx -t weigert de config:\n{checked.stderr}"
        process = subprocess.Popen(
            [*command, "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=_drop_to(user),
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + STARTUP_TIMEOUT_S
            while not (_listening(http_port) and _listening(https_port)):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"nginx startte niet:\n{(folder / 'error.log').read_text()}")
                time.sleep(0.1)
            yield Proxy(http_port, https_port, folder)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
