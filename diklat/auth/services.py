"""Authentication services: credential check with rate limiting, account creation."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select

from diklat.auth.models import LoginAttempt, User
from diklat.common.time import utcnow
from diklat.extensions import db


class LoginBlocked(Exception):
    """Too many failed attempts for this account or address."""

    def __init__(self, minutes: int) -> None:
        super().__init__(minutes)
        self.minutes = minutes


def _recent_failures(column, value: str, window: timedelta) -> int:  # noqa: ANN001
    since = utcnow() - window
    stmt = select(func.count()).select_from(LoginAttempt).where(column == value, LoginAttempt.created_at >= since)
    return db.session.scalar(stmt) or 0


def authenticate(email: str, password: str, address: str, max_attempts: int, window_seconds: int) -> User | None:
    """Return the user for valid credentials; record failures; raise LoginBlocked past the limit."""
    email = email.strip().lower()
    window = timedelta(seconds=window_seconds)
    if (
        _recent_failures(LoginAttempt.email, email, window) >= max_attempts
        or _recent_failures(LoginAttempt.address, address, window) >= max_attempts * 4
    ):
        raise LoginBlocked(max(1, window_seconds // 60))
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None or not user.active or not user.check_password(password):
        db.session.add(LoginAttempt(email=email, address=address))
        db.session.flush()
        return None
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))
    return user


def find_user_by_email(email: str) -> User | None:
    """Look an account up by e-mail, case-insensitively."""
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def create_user(email: str, name: str, password: str, **fields: object) -> User:
    """Create an account with a hashed password; the caller commits."""
    user = User(email=email.strip().lower(), name=name.strip(), **fields)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user
