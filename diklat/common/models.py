"""Mixins shared by models."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import inspect, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.orm.attributes import set_committed_value

from diklat.common.time import utcnow
from diklat.extensions import db


class TimestampMixin:
    """Created/updated timestamps, naive UTC."""

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class VersionedMixin:
    """Optimistic locking: an edit based on an old version is refused, never silently applied."""

    version: Mapped[int] = mapped_column(default=1, server_default="1")


class StaleEditError(Exception):
    """Raised when a form was based on a version that someone else has replaced."""

    def __init__(self, current_version: int) -> None:
        super().__init__(f"stale edit; current version is {current_version}")
        self.current_version = current_version


def _seen(submitted: int | str | None) -> int | None:
    try:
        return int(submitted) if submitted not in (None, "") else None
    except (TypeError, ValueError):
        return None


def check_version(obj: VersionedMixin, submitted: int | str | None) -> None:
    """Claim the next version of ``obj`` for this transaction, or raise :class:`StaleEditError`.

    The claim is one ``UPDATE … SET version = seen + 1 WHERE id = … AND version = seen``: the database
    decides, so of two requests that arrive together exactly one wins, on SQLite and PostgreSQL alike
    (the winner's row stays locked until its transaction ends). An object not yet stored just moves on.
    """
    based_on = _seen(submitted)
    if based_on != obj.version:
        raise StaleEditError(obj.version)
    state = inspect(obj)
    if not state.persistent:
        obj.version = obj.version + 1
        return
    model = type(obj)
    keys = dict(zip([c.key for c in state.mapper.primary_key], state.identity, strict=True))
    where = [getattr(model, k) == v for k, v in keys.items()]
    claimed = db.session.execute(
        update(model).where(*where, model.version == based_on).values(version=based_on + 1),
        execution_options={"synchronize_session": False},
    )
    if claimed.rowcount != 1:
        current = db.session.scalar(select(model.version).where(*where))
        raise StaleEditError(current if current is not None else 0)
    set_committed_value(obj, "version", based_on + 1)


def add_first_version(obj: VersionedMixin, current: Callable[[], VersionedMixin | None]) -> None:
    """Store a new versioned object; if a simultaneous request stored its twin first, raise StaleEditError.

    A unique key (one SOP per team, one answer per owner) makes the database refuse the second insert; the
    refused transaction is rolled back and the caller learns the version now stored (``current()``).
    """
    db.session.add(obj)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        existing = current()
        raise StaleEditError(existing.version if existing is not None else 0) from None


FIRST_USE = "diklat.created_on_first_use"  # session.info key


def created_on_first_use(obj: object) -> None:
    """Add a row a page creates the first time it needs it (default settings, a team's primary service).

    It is flushed at once (so it has an id) and leaves ``session.new``; :func:`commit_first_use` then knows the
    page must commit it, where a check of ``session.new`` would find nothing and the row be rolled back."""
    db.session.add(obj)
    db.session.flush()
    db.session.info[FIRST_USE] = True


def commit_first_use() -> bool:
    """Commit the rows :func:`created_on_first_use` added in this transaction, if any (commit expires: reload)."""
    if not db.session.info.pop(FIRST_USE, False):
        return False
    db.session.commit()
    return True
