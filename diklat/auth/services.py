"""Authentication services: credential check with rate limiting, account creation."""

from __future__ import annotations

import time
from datetime import datetime

from sqlalchemy import delete, select

from diklat.auth import throttle
from diklat.auth.hashing import check_hash_or_decoy
from diklat.auth.models import LoginAttempt, User
from diklat.extensions import db


class LoginBlocked(Exception):
    """Too many failed attempts for this account or address."""

    def __init__(self, minutes: int) -> None:
        super().__init__(minutes)
        self.minutes = minutes


def authenticate(
    email: str, password: str, address: str, max_attempts: int, window_seconds: int, delay_cap: float = 2.0
) -> User | None:
    """Return the user for valid credentials; record failures; raise LoginBlocked when the address is blocked.

    Failures against the account from other addresses only slow the check down (``throttle``).
    """
    email = email.strip().lower()
    if throttle.address_blocked(email, address, max_attempts, window_seconds):
        raise LoginBlocked(max(1, window_seconds // 60))
    delay = throttle.account_delay(throttle.account_failures(email, window_seconds), max_attempts, delay_cap)
    if delay:
        time.sleep(delay)
    user = db.session.scalar(select(User).where(User.email == email))
    stored = user.password_hash if user is not None and user.has_usable_password else None
    matches = check_hash_or_decoy(stored, password)  # the same work whether or not the account exists
    if user is None or not user.active or not matches:
        db.session.add(LoginAttempt(email=email, address=address))
        db.session.flush()
        return None
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.email == email, LoginAttempt.address == address))
    return user


def prune_login_attempts(older_than: datetime) -> int:
    """Delete failed sign-ins older than ``older_than`` (they no longer count); returns how many."""
    result = db.session.execute(delete(LoginAttempt).where(LoginAttempt.created_at < older_than))
    return result.rowcount or 0


def find_user_by_email(email: str) -> User | None:
    """Look an account up by e-mail, case-insensitively."""
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def create_user(email: str, name: str, password: str | None, **fields: object) -> User:
    """Create an account with a hashed password (None: no password until an invitation is used)."""
    user = User(email=email.strip().lower(), name=name.strip(), **fields)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user
