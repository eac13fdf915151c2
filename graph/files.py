"""Atomic file writes: the one way the project replaces a file that others may read.

A reader (another session, the CLI, a server started earlier) must see either the old file or
the whole new one, and a crash or kill at any moment must leave the old file intact. So the new
bytes go to a temporary file with a unique name next to the target, are fsynced, and are renamed
over the target; the folder is fsynced too, so the rename itself survives a power loss.

It lives in ``graph/`` because that is the lowest layer: the snapshot store, the workspace, the
CLI and the local Neo4j launcher all write through it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

#: fsync on a folder is refused by a few filesystems; the rename has happened all the same.
_DIR_FSYNC_UNSUPPORTED = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EBADF})


def leftover_temporaries(folder: Path, name: str = "*") -> list[Path]:
    """Temporary files :func:`write_atomically` left in ``folder`` for file ``name`` (any file
    by default) when its writer was killed; only safe to remove while holding the writers' lock."""
    return sorted(Path(folder).glob(f".{name}.*.tmp"))


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _DIR_FSYNC_UNSUPPORTED:
            raise
    finally:
        os.close(fd)


def write_atomically(path: Path, payload: bytes) -> None:
    """Write ``payload`` so that readers see either the old file or the whole new one.

    The file gets mode 0600 (that of :func:`tempfile.mkstemp`), so a secret is never readable
    by others, not even for a moment.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(payload)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp_name).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)
