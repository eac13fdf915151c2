"""A zip archive whose entries carry the export's date, so the same export gives the same bytes.

``zipfile`` stamps an entry written by name with the current time (and a file added with
``write`` with that file's time), and openpyxl writes a workbook both ways; this archive stamps every entry with one fixed moment instead (the CSV zip and
the Excel report both use it).

>>> import io
>>> from datetime import date
>>> buffer = io.BytesIO()
>>> with PinnedZipFile(buffer, date(2025, 3, 7)) as archive:
...     archive.writestr("a.txt", "x")
>>> zipfile.ZipFile(buffer).getinfo("a.txt").date_time
(2025, 3, 7, 0, 0, 0)
"""

from __future__ import annotations

import os
import zipfile
from datetime import date
from pathlib import Path
from typing import IO, Any


class PinnedZipFile(zipfile.ZipFile):
    """A deflated zip for writing in which every entry is dated ``day`` at midnight."""

    def __init__(self, file: IO[bytes], day: date) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self._date_time = (day.year, day.month, day.day, 0, 0, 0)

    def writestr(
        self, zinfo_or_arcname: str | zipfile.ZipInfo, data: Any, *args: Any, **kwargs: Any
    ) -> None:
        """Write ``data`` as an entry; a name becomes an entry with the pinned date."""
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=self._date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(
        self,
        filename: str | os.PathLike[str],
        arcname: str | os.PathLike[str] | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        """Add a file's content as an entry with the pinned date (not the file's own time)."""
        self.writestr(str(arcname or Path(filename).name), Path(filename).read_bytes())
