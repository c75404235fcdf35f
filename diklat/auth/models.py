"""Account and login-attempt models."""

from __future__ import annotations

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from diklat.auth.hashing import check_hash, make_hash
from diklat.common.models import TimestampMixin
from diklat.common.time import utcnow
from diklat.extensions import db

# Stored instead of a hash for accounts that get in by invitation: matches no password.
UNUSABLE_PASSWORD = "!"


class User(UserMixin, TimestampMixin, db.Model):
    """A person with an account: staff member, facilitator, mentor or admin."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    nip: Mapped[str | None] = mapped_column(String(18), unique=True)
    agency: Mapped[str] = mapped_column(String(200), default="")
    unit: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[str] = mapped_column(String(200), default="")
    rank: Mapped[str] = mapped_column(String(100), default="", server_default="")  # pangkat/golongan
    password_hash: Mapped[str] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str | None] = mapped_column(String(8))
    must_change_password: Mapped[bool] = mapped_column(default=False)
    session_token: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_hex(16))
    last_login_at: Mapped[datetime | None]
    anonymised_at: Mapped[datetime | None]

    def set_password(self, password: str) -> None:
        """Hash and store a new password; sessions opened with the old one end."""
        self.password_hash = make_hash(password)
        self.session_token = secrets.token_hex(16)

    def end_sessions(self) -> None:
        """End every session and remember-me cookie of this account (they carry the old token)."""
        self.session_token = secrets.token_hex(16)

    def set_unusable_password(self) -> None:
        """No password yet (the person sets one through an invitation link); ends open sessions."""
        self.password_hash = UNUSABLE_PASSWORD
        self.session_token = secrets.token_hex(16)

    @property
    def has_usable_password(self) -> bool:
        """Whether a password has been set."""
        return self.password_hash != UNUSABLE_PASSWORD

    def check_password(self, password: str) -> bool:
        """True when ``password`` matches the stored hash."""
        if not self.has_usable_password:
            return False
        return check_hash(self.password_hash, password)

    def get_id(self) -> str:
        """Session identity: id plus a token that changes with the password."""
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return self.active

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class LoginAttempt(db.Model):
    """A failed sign-in, kept for rate limiting per account and per address."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
