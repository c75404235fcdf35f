"""Work that runs once a response has been handed to the server: ``call_after_response(callback)``.

Werkzeug's ``response.call_on_close`` is not enough: its callbacks run from the body's ``close()``, and
Werkzeug's own development server (``flask run``, the browser tests) skips ``close()`` whenever the client
resets the connection while the server drains the request body — Chromium does that after many form posts,
so mail jobs silently never started. :class:`AfterResponse` wraps the WSGI app instead: the callbacks run
when the server has taken the last chunk of the body, or at ``close()``, whichever comes first, and once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from flask import request

log = logging.getLogger(__name__)
ENVIRON_KEY = "diklat.after_response"
Callback = Callable[[], None]


def call_after_response(callback: Callback) -> None:
    """Run ``callback`` (no arguments) after this request's response has been sent."""
    request.environ.setdefault(ENVIRON_KEY, []).append(callback)


def _run(environ: dict) -> None:
    for callback in environ.pop(ENVIRON_KEY, None) or []:
        try:
            callback()
        except Exception:  # one failed callback must not stop the others, nor the server
            log.exception("after-response callback %r failed", callback)


class _Body:
    """The response body, running the request's callbacks after the last chunk or at close."""

    def __init__(self, body: Iterable[bytes], environ: dict) -> None:
        self._body = body
        self._environ = environ

    def __iter__(self) -> Iterator[bytes]:
        sent = False
        for chunk in self._body:
            sent = sent or bool(chunk)
            yield chunk
        if sent:  # an empty body has not reached the client yet (no headers written): wait for close()
            _run(self._environ)

    def close(self) -> None:
        try:
            close = getattr(self._body, "close", None)
            if close is not None:
                close()
        finally:
            _run(self._environ)


class AfterResponse:
    """WSGI middleware for :func:`call_after_response` (bodies without callbacks pass through untouched)."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    def __call__(self, environ: dict, start_response: Callable[..., Any]) -> Iterable[bytes]:
        body = self.app(environ, start_response)
        if not environ.get(ENVIRON_KEY):
            return body
        return _Body(body, environ)
