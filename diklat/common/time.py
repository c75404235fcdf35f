"""Time helpers: the database stores naive UTC; the interface speaks the cohort's zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    """Current time as naive UTC, the form stored in every DateTime column."""
    return datetime.now(UTC).replace(tzinfo=None)


def to_local(value: datetime, tz: str = "Asia/Jakarta") -> datetime:
    """Convert a naive-UTC datetime to an aware local one."""
    return value.replace(tzinfo=UTC).astimezone(ZoneInfo(tz))
