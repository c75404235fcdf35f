"""The one clock: the database stores naive UTC; dates are decided in the cohort's time zone.

Every place that needs "now" or "today" calls :func:`utcnow`, :func:`now` or :func:`today` from here,
so tests can freeze the clock with time-machine and the whole product agrees on what day it is.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Protocol
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Asia/Jakarta"
ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")  # WIB, WITA, WIT


class HasTimezone(Protocol):
    """Anything with a ``timezone`` attribute (a cohort)."""

    timezone: str | None


Zoned = HasTimezone | str | None


def zone_name(where: Zoned = None) -> str:
    """The IANA zone of a cohort, a zone name, or the default zone."""
    if where is None:
        return DEFAULT_TZ
    if isinstance(where, str):
        return where or DEFAULT_TZ
    return where.timezone or DEFAULT_TZ


def zone(where: Zoned = None) -> ZoneInfo:
    """The zone of a cohort (or zone name) as a ``ZoneInfo``."""
    return ZoneInfo(zone_name(where))


def utcnow() -> datetime:
    """Current time as naive UTC, the form stored in every DateTime column."""
    return datetime.now(UTC).replace(tzinfo=None)


def now(where: Zoned = None) -> datetime:
    """Current time, aware, in the cohort's zone (default Asia/Jakarta)."""
    return datetime.now(UTC).astimezone(zone(where))


def today(where: Zoned = None) -> date:
    """Today's date in the cohort's zone (default Asia/Jakarta): the date every rule decides with."""
    return now(where).date()


def latest_today() -> date:
    """The latest date any supported zone has reached: the bound for a query across cohorts.

    Rows found with it are then decided one by one with :func:`today` of their own cohort.
    """
    return max(today(name) for name in ZONES)


def to_local(value: datetime, where: Zoned = None) -> datetime:
    """Convert a naive-UTC datetime to an aware local one."""
    return value.replace(tzinfo=UTC).astimezone(zone(where))


def to_utc(value: datetime, where: Zoned = None) -> datetime:
    """Convert a naive local datetime (in the cohort's zone) to naive UTC for storage."""
    local = value if value.tzinfo else value.replace(tzinfo=zone(where))
    return local.astimezone(UTC).replace(tzinfo=None)


def local_to_utc(day: date, at: time, where: Zoned = None) -> datetime:
    """A local date and wall-clock time in the cohort's zone as naive UTC."""
    return to_utc(datetime.combine(day, at), where)
