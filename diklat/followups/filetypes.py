"""Recognise an uploaded file's type by its content, never by its name.

Pure: reads bytes from a path. PDF, JPEG and PNG by magic bytes (``filetype``); DOCX and XLSX
are ZIP files, so their inner structure is checked too (an ordinary ZIP renamed to .docx fails).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import filetype

from diklat.common.formatting import decimal, number
from diklat.common.markers import N_
from diklat.common.zipcheck import zip_problem

ALLOWED = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_OOXML_MAIN = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
_MAGIC = {"pdf": "pdf", "jpg": "jpg", "png": "png"}
NOT_ALLOWED = N_("This file type is not accepted. Send a PDF, DOCX, XLSX, JPG or PNG file.")


def _ooxml_kind(path: Path) -> str | None:
    if zip_problem(path):  # a zip bomb or a damaged archive is not accepted as a document
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for kind, main in _OOXML_MAIN.items():
        if main in names:
            return kind
    return None


def detect(path: Path) -> str | None:
    """``pdf``/``jpg``/``png``/``docx``/``xlsx`` when the content is one of those, else None."""
    with path.open("rb") as fh:
        head = fh.read(8192)
    if not head:
        return None
    guess = filetype.guess(head)
    extension = guess.extension if guess else None
    if extension in _MAGIC:
        return _MAGIC[extension]
    if head.startswith(b"PK\x03\x04"):
        return _ooxml_kind(path)
    return None


def size_problem(size: int, limit: int) -> tuple[str, dict] | None:
    """(message, params) when ``size`` exceeds ``limit`` bytes or is empty."""
    if size == 0:
        return N_("The file is empty."), {}
    if size > limit:
        return N_("The file is %(size)s; the limit is %(limit)s."), {
            "size": human_size(size),
            "limit": human_size(limit),
        }
    return None


def human_size(size: int) -> str:
    """Bytes as MB with one decimal ("10,4 MB" next to a "10,0 MB" limit), or KB below one megabyte."""
    if size >= 1_048_576:
        return f"{decimal(size / 1_048_576, 1)} MB"
    return f"{number(max(1, size / 1024))} KB"


def safe_download_name(original: str, kind: str) -> str:
    """A download name without path parts or control characters, ending in the real type's extension."""
    stem = Path(original.replace("\\", "/")).name.rsplit(".", 1)[0]
    cleaned = "".join(c for c in stem if c.isprintable() and c not in '<>:"/\\|?*;').strip(" .")
    return f"{(cleaned or 'lampiran')[:100]}.{kind}"
