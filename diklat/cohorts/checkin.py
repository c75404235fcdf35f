"""Self check-in rules: a rotating code per session and minute, and the session's check-in window. Pure."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date, datetime, time, timedelta

OPENS_BEFORE = timedelta(minutes=15)
CODE_DIGITS = 6


def minute_index(at: datetime) -> int:
    """Minutes since the epoch of an aware datetime (the code's rotation step)."""
    return int(at.timestamp() // 60)


def code_for(secret: str, session_id: int, minute: int) -> str:
    """The six-digit check-in code of a session for one minute: HMAC-SHA256 of (session, minute)."""
    digest = hmac.new(secret.encode(), f"checkin:{session_id}:{minute}".encode(), hashlib.sha256).digest()
    return str(int.from_bytes(digest[:8], "big") % 10**CODE_DIGITS).zfill(CODE_DIGITS)


def code_valid(secret: str, session_id: int, code: str, at: datetime) -> bool:
    """Whether ``code`` is this session's code for the current or the previous minute."""
    now = minute_index(at)
    return any(hmac.compare_digest(code_for(secret, session_id, m), code.strip()) for m in (now, now - 1))


def window(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """Naive local (opens, closes): from 15 minutes before the start to the end of the session."""
    return datetime.combine(day, start) - OPENS_BEFORE, datetime.combine(day, end)


def window_state(day: date, start: time, end: time, local_now: datetime) -> str:
    """``before``, ``open`` or ``closed`` for a naive local time."""
    opens, closes = window(day, start, end)
    if local_now < opens:
        return "before"
    if local_now > closes:
        return "closed"
    return "open"


def is_late(day: date, start: time, local_now: datetime, grace_minutes: int) -> bool:
    """Checked in after the start plus the grace period."""
    return local_now > datetime.combine(day, start) + timedelta(minutes=grace_minutes)
