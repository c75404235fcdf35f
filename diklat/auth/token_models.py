"""Sign-in links (invitations, password resets, printed slips) and reset requests for rate limiting."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diklat.auth.models import User
from diklat.common.time import utcnow
from diklat.extensions import db


class Purpose(enum.StrEnum):
    """Why a link was issued."""

    INVITE = "invite"
    RESET = "reset"


class Channel(enum.StrEnum):
    """How the link reaches the person."""

    MAIL = "mail"
    SLIP = "slip"


class MailStatus(enum.StrEnum):
    """Delivery of the link's e-mail."""

    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"
    NONE = "none"  # printed slips are not mailed


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])


class SignInToken(db.Model):
    """A one-time sign-in link (and, on slips, a short code); only sha256 digests are stored."""

    __tablename__ = "sign_in_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    purpose: Mapped[Purpose] = mapped_column(_enum(Purpose, "sign_in_purpose"))
    channel: Mapped[Channel] = mapped_column(_enum(Channel, "sign_in_channel"))
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None]
    opened_at: Mapped[datetime | None]
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    mail_status: Mapped[MailStatus] = mapped_column(_enum(MailStatus, "sign_in_mail_status"), default=MailStatus.QUEUED)
    mail_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id])

    def usable(self, now: datetime) -> bool:
        """Issued, not expired, not used, not revoked."""
        return (
            self.token_hash is not None
            and self.used_at is None
            and self.revoked_at is None
            and self.expires_at is not None
            and now < self.expires_at
        )


class AccessRequest(db.Model):
    """One "forgot password" request, kept for the silent per-account limit (per address: common.limits)."""

    __tablename__ = "access_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # reset | code
    email: Mapped[str] = mapped_column(String(254), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)  # no longer written: empty
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
