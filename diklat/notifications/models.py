"""Notifications: one row per person and event, read in the app and mailed according to a preference."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from diklat.common.time import utcnow
from diklat.extensions import db


class MailMode(enum.StrEnum):
    """How a person wants notifications by e-mail."""

    IMMEDIATE = "immediate"
    DIGEST = "digest"
    OFF = "off"


class Notification(db.Model):
    """Something that happened which a person should know about; ``key`` makes it happen once."""

    __tablename__ = "notifications"
    __table_args__ = (UniqueConstraint("user_id", "key", name="uq_notifications_user_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(120))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    url: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    read_at: Mapped[datetime | None]
    # Set when a mail run claims the row: the claim is one UPDATE ... WHERE mailed_at IS NULL, so two runs
    # (or a run and the immediate job) never both send it.
    mailed_at: Mapped[datetime | None] = mapped_column(index=True)
    mail_batch: Mapped[str] = mapped_column(String(32), default="")


class NotificationPreference(db.Model):
    """A person's e-mail preference (no row = immediately)."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    mail: Mapped[MailMode] = mapped_column(
        Enum(
            MailMode,
            name="notification_mail_mode",
            native_enum=False,
            length=20,
            values_callable=lambda e: [m.value for m in e],
        ),
        default=MailMode.IMMEDIATE,
    )
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
