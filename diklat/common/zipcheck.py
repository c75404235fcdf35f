"""Zip-bomb checks for ZIP-based uploads (XLSX, DOCX): pure, reads only the central directory.

The entry list of a ZIP file states each member's compressed and uncompressed size, so a bomb is
recognised before a single byte is inflated.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from diklat.common.markers import N_

MAX_ENTRIES = 500
MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_RATIO = 200


def zip_problem(source: bytes | Path) -> str | None:
    """A message id when the archive is broken, has too many entries, unpacks too large or too densely."""
    try:
        handle = io.BytesIO(source) if isinstance(source, bytes) else source
        with zipfile.ZipFile(handle) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return N_("The file is damaged or not a real Office document.")
    if len(entries) > MAX_ENTRIES:
        return N_("The file contains too many parts to be read safely.")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNCOMPRESSED:
        return N_("The file unpacks to more than 50 MB. Split it into smaller files.")
    for entry in entries:
        if entry.file_size > 1024 * 1024 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            return N_("The file is packed suspiciously densely and cannot be read safely.")
    return None
