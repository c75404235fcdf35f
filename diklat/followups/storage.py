"""Store uploads under ``UPLOAD_FOLDER`` with generated names; a rejected file only ever lives in a temp file."""

from __future__ import annotations

import os
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from diklat.followups.filetypes import NOT_ALLOWED, detect, size_problem

SUBFOLDER = "followups"
CHUNK = 64 * 1024


class UploadRejected(Exception):
    """The upload was refused; ``message``/``params`` explain why (untranslated)."""

    def __init__(self, message: str, params: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.params = params or {}


@dataclass(frozen=True)
class StoredFile:
    """What was kept: generated name, type by content and size."""

    stored_name: str
    kind: str
    size: int


def folder(upload_root: str) -> Path:
    """The feature's upload folder (created when missing)."""
    path = Path(upload_root) / SUBFOLDER
    path.mkdir(parents=True, exist_ok=True)
    return path


def _copy_limited(stream: BinaryIO, target: BinaryIO, limit: int) -> int:
    size = 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > limit:
            # Count the rest without keeping it so the message can say how large the file was.
            size += sum(len(c) for c in iter(lambda: stream.read(CHUNK), b""))
            return size
        target.write(chunk)
    return size


def store(stream: BinaryIO, upload_root: str, limit: int) -> StoredFile:
    """Copy ``stream`` into a temp file, check size and content, then move it to a generated name."""
    base = folder(upload_root)
    handle, temp_name = tempfile.mkstemp(prefix=".upload-", dir=base)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as fh:
            size = _copy_limited(stream, fh, limit)
        if problem := size_problem(size, limit):
            raise UploadRejected(*problem)
        kind = detect(temp)
        if kind is None:
            raise UploadRejected(NOT_ALLOWED)
        stored_name = f"{uuid.uuid4().hex}.{kind}"
        os.replace(temp, base / stored_name)
        return StoredFile(stored_name, kind, size)
    finally:
        temp.unlink(missing_ok=True)


def path_of(upload_root: str, stored_name: str) -> Path:
    """Where a stored file lives; the name is generated, never taken from a request."""
    return folder(upload_root) / Path(stored_name).name


def remove(upload_root: str, stored_names: list[str]) -> None:
    """Delete stored files (after their rows are gone)."""
    for name in stored_names:
        path_of(upload_root, name).unlink(missing_ok=True)
