"""Mixins shared by models."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column

from diklat.common.time import utcnow


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


def check_version(obj: VersionedMixin, submitted: int | str | None) -> None:
    """Raise :class:`StaleEditError` unless ``submitted`` is the object's current version; then bump it."""
    try:
        based_on = int(submitted) if submitted not in (None, "") else None
    except (TypeError, ValueError):
        based_on = None
    if based_on != obj.version:
        raise StaleEditError(obj.version)
    obj.version = obj.version + 1
