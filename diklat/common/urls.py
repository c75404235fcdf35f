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


def from_page_script() -> bool:
    """Sent by a page's script (an autosave, a background refresh), not by a tab navigating: it asks for JSON, or
    the browser marks it a fetch (``Sec-Fetch-Mode`` other than ``navigate``). Such a request must never get the
    sign-in page or a flashed message: the flash would rewrite the session cookie, and a cookie written by a
    background request can undo a sign-in made meanwhile in another tab."""
    mode = request.headers.get("Sec-Fetch-Mode")
    return wants_json() or (mode is not None and mode != "navigate")
