"""URL and request helpers."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import request


def safe_next(target: str | None) -> str | None:
    """Return ``target`` only when it is a local path (no open redirects)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def wants_json() -> bool:
    """The request comes from a page script that reads JSON (an autosave, an answer save), not from a browser tab."""
    return request.accept_mimetypes.best == "application/json"
