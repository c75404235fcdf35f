"""Validate uploads and keep them in the app's storage under generated names.

A rejected file only ever lives in a local temp file; an accepted one goes to
:mod:`diklat.common.storage` (the local folder, or object storage when configured) under
``followups/<generated name>``. These functions are the entry points other features call too.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from diklat.common.storage import backend_for
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


def key_of(stored_name: str) -> str:
    """The storage key of a generated name (any folder part a caller passes is dropped)."""
    return f"{SUBFOLDER}/{Path(stored_name).name}"


def store(stream: BinaryIO, upload_root: str, limit: int) -> StoredFile:
    """Copy ``stream`` into a temp file, check size and content, then keep it under a generated name."""
    handle, temp_name = tempfile.mkstemp(prefix=".upload-", dir=folder(upload_root))
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
        backend_for(upload_root).put(key_of(stored_name), temp)
        return StoredFile(stored_name, kind, size)
    finally:
        temp.unlink(missing_ok=True)


def read_bytes(upload_root: str, stored_name: str) -> bytes | None:
    """The stored file's bytes, or None when it is gone."""
    try:
        with backend_for(upload_root).open(key_of(stored_name)) as fh:
            return fh.read()
    except FileNotFoundError:
        return None


def path_of(upload_root: str, stored_name: str) -> Path:
    """A local path to the stored file (for tools that need one, e.g. PDF rendering).

    With the local folder this is the file itself; with object storage the object is fetched into a
    cache folder under ``upload_root`` first. A missing file gives a path that does not exist.
    """
    local = folder(upload_root) / Path(stored_name).name
    backend = backend_for(upload_root)
    if getattr(backend, "root", None) == Path(upload_root):
        return local
    cached = Path(upload_root) / ".cache" / SUBFOLDER / Path(stored_name).name
    if not cached.is_file() and (data := read_bytes(upload_root, stored_name)) is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(data)
    return cached


def remove(upload_root: str, stored_names: list[str]) -> None:
    """Delete stored files (after their rows are gone)."""
    backend = backend_for(upload_root)
    for name in stored_names:
        backend.delete(key_of(name))
        (Path(upload_root) / ".cache" / SUBFOLDER / Path(name).name).unlink(missing_ok=True)
