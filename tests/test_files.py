"""graph.files.write_atomically: a writer killed at any step leaves the previous file whole.

The kill is real: a child process writes through the helper and SIGKILLs itself at the chosen
step (after the fsync of the new bytes, just before the rename), so no Python cleanup runs.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from graph.files import leftover_temporaries, write_atomically

ROOT = Path(__file__).resolve().parent.parent

#: A child that writes ``sys.argv[2]`` to ``sys.argv[1]`` and kills itself when ``os.<step>``
#: (``sys.argv[3]``) is first called: the new bytes are written, the target not yet replaced.
KILLED_AT = """
import os, signal, sys
from pathlib import Path
from graph.files import write_atomically
target, payload, step = Path(sys.argv[1]), sys.argv[2].encode(), sys.argv[3]
real = getattr(os, step)
def die(*args, **kwargs):
    if step == "fsync":
        real(*args, **kwargs)  # the new bytes are on disk ...
    os.kill(os.getpid(), signal.SIGKILL)  # ... and the writer dies before the rename
setattr(os, step, die)
write_atomically(target, payload)
"""


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_writer_killed_before_the_rename_leaves_the_previous_file(
    tmp_path: Path, step: str
) -> None:
    target = tmp_path / "server.json"
    write_atomically(target, b'{"pid": 1}\n')
    child = subprocess.run(
        [sys.executable, "-c", KILLED_AT, str(target), '{"pid": 2}\n' * 1000, step],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    assert target.read_bytes() == b'{"pid": 1}\n'
    leftovers = leftover_temporaries(tmp_path, "server.json")
    assert len(leftovers) == 1  # the killed writer's own, uniquely named temporary file
    assert leftovers[0].read_bytes() == b'{"pid": 2}\n' * 1000
    # the next writer is not hindered by it
    write_atomically(target, b'{"pid": 3}\n')
    assert target.read_bytes() == b'{"pid": 3}\n'


def test_the_file_is_private_and_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "password"
    target.write_text("oud\n")
    target.chmod(0o644)
    write_atomically(target, b"nieuw-geheim\n")
    assert target.read_bytes() == b"nieuw-geheim\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["password"]


def test_the_file_and_its_folder_are_fsynced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rename is only durable once the folder is fsynced, after the file's own fsync."""
    synced: list[str] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        kind = "map" if stat.S_ISDIR(os.fstat(fd).st_mode) else "bestand"
        target_there = (tmp_path / "graph.json").exists()
        synced.append(f"{kind}{'+hernoemd' if target_there else ''}")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    write_atomically(tmp_path / "graph.json", b"{}")
    assert synced == ["bestand", "map+hernoemd"]
