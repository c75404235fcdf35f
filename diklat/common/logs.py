"""Logging: one ``dictConfig``, a request id on every line, and an info line for every change a person makes.

- Every log record carries ``request_id`` (from the ``X-Request-ID`` header, or generated; echoed in the
  response) and ``user_id`` (the signed-in person, ``-`` outside a request), whatever logger wrote it.
- ``diklat.changes`` logs each insert, update and delete of a model after a flush: who, what, which object
  and, for updates, which fields (never their values: passwords and personal data stay out of logs).
"""

from __future__ import annotations

import logging
import logging.config
import re
import uuid
from typing import Any

from flask import Flask, Response, g, has_request_context, request
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

CHANGES = logging.getLogger("diklat.changes")
REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] user=%(user_id)s %(name)s: %(message)s"
_base_factory = logging.getLogRecordFactory()


def current_request_id() -> str:
    """The id of the request being served, or ``-``."""
    return g.get("request_id", "-") if has_request_context() else "-"


def current_user_id() -> str:
    """The signed-in person's id as already loaded for this request (never queried here), or ``-``."""
    if not has_request_context():
        return "-"
    user = g.get("_login_user")
    if user is None or not getattr(user, "is_authenticated", False):
        return "-"
    identity = inspect(user).identity
    return str(identity[0]) if identity else "-"


def _record_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record = _base_factory(*args, **kwargs)
    record.request_id = current_request_id()
    record.user_id = current_user_id()
    return record


def logging_config(level: str, configure_root: bool = True) -> dict[str, Any]:
    """The one logging configuration: a console handler with request id and user on every line."""
    config: dict[str, Any] = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"default": {"format": FORMAT}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "default"}},
        "loggers": {"diklat": {"level": level}, "diklat.changes": {"level": level}},
    }
    if configure_root:
        config["root"] = {"level": level, "handlers": ["console"]}
    return config


def configure_logging(app: Flask) -> None:
    """Apply the configuration (tests keep pytest's own handlers) and tag requests with an id."""
    logging.setLogRecordFactory(_record_factory)
    logging.config.dictConfig(logging_config(app.config.get("LOG_LEVEL", "INFO"), configure_root=not app.testing))
    app.before_request(_assign_request_id)
    app.after_request(_echo_request_id)


def _assign_request_id() -> None:
    given = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = given if _VALID_ID.match(given) else uuid.uuid4().hex


def _echo_request_id(response: Response) -> Response:
    response.headers[REQUEST_ID_HEADER] = current_request_id()
    return response


def _describe(obj: object) -> str:
    state = inspect(obj)
    # New objects have their primary key set by the INSERT but no identity key until the flush ends.
    identity = state.identity or state.mapper.primary_key_from_instance(obj)
    key = ",".join(str(part) for part in identity if part is not None) or "?"
    return f"{type(obj).__name__} id={key}"


def _changed_fields(obj: object) -> list[str]:
    state = inspect(obj)
    return sorted(attr.key for attr in state.attrs if attr.history.has_changes())


@event.listens_for(Session, "after_flush")
def _log_changes(session: Session, _context: object) -> None:
    """One info line per inserted, updated or deleted object (models only; values never logged)."""
    if not CHANGES.isEnabledFor(logging.INFO):
        return
    for obj in session.new:
        CHANGES.info("insert %s", _describe(obj))
    for obj in session.dirty:
        if session.is_modified(obj, include_collections=False):
            CHANGES.info("update %s fields=%s", _describe(obj), ",".join(_changed_fields(obj)))
    for obj in session.deleted:
        CHANGES.info("delete %s", _describe(obj))
