"""Sign-in throttling: blocking by address, slowing by account.

A stranger who knows an address must not be able to lock its owner out, so failures counted for
an account from every address only slow attempts down (a growing, capped delay); refusals (429)
come from the address that failed: too many failures for one account from it, or too many in all.
``address_blocked`` is the one per-address rule, kept small so it can move to Flask-Limiter.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from diklat.auth.models import LoginAttempt
from diklat.common.time import utcnow
from diklat.extensions import db

ADDRESS_FACTOR = 4  # an address may fail this many times the per-account limit, across accounts


def _failures(window_seconds: int, **where: str) -> int:
    since = utcnow() - timedelta(seconds=window_seconds)
    stmt = select(func.count()).select_from(LoginAttempt).where(LoginAttempt.created_at >= since)
    for column, value in where.items():
        stmt = stmt.where(getattr(LoginAttempt, column) == value)
    return db.session.scalar(stmt) or 0


def address_blocked(email: str, address: str, max_attempts: int, window_seconds: int) -> bool:
    """True when this address failed too often: for this account, or for all accounts together."""
    if _failures(window_seconds, email=email, address=address) >= max_attempts:
        return True
    return _failures(window_seconds, address=address) >= max_attempts * ADDRESS_FACTOR


def account_delay(failures: int, max_attempts: int, cap_seconds: float) -> float:
    """Seconds to wait before checking a password: 0 up to the limit, then doubling from 0.25 s, capped."""
    if failures < max_attempts:
        return 0.0
    return min(cap_seconds, 0.25 * 2 ** (failures - max_attempts))


def account_failures(email: str, window_seconds: int) -> int:
    """Failed sign-ins for this account from any address within the window."""
    return _failures(window_seconds, email=email)
