"""Background jobs: ``enqueue(func, *args)`` runs work outside the request that asked for it.

Embedded default (no queue configured): the job runs in-process right after the response has been sent,
inside its own application context, so a slow mail server never slows the page. A job is a module-level
function taking plain values (ids, strings), so a real queue can serialise it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import Flask, after_this_request, current_app, has_request_context
from flask.wrappers import Response

log = logging.getLogger(__name__)


def _run(app: Flask, func: Callable[..., Any], args: tuple, kwargs: dict) -> None:
    with app.app_context():
        try:
            func(*args, **kwargs)
        except Exception:  # a failed job must never break the request that queued it
            log.exception("job %s.%s failed", func.__module__, func.__qualname__)
            from diklat.extensions import db

            db.session.rollback()


def enqueue(func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Run ``func(*args, **kwargs)`` after the current response (or now, outside a request)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if not has_request_context():
        _run(app, func, args, kwargs)
        return

    @after_this_request
    def _schedule(response: Response) -> Response:
        response.call_on_close(lambda: _run(app, func, args, kwargs))
        return response
