"""A team's SOP: the working draft, saved versions, status history and review comments."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diklat.auth.models import User
from diklat.cohorts.models import Team
from diklat.common.models import TimestampMixin, VersionedMixin
from diklat.common.time import utcnow
from diklat.extensions import db
from diklat.sops.workflow import STATUSES

SopStatus = enum.StrEnum("SopStatus", {s.upper(): s for s in STATUSES})


def _status_column(name: str) -> Enum:
    return Enum(SopStatus, name=name, native_enum=False, length=30, values_callable=lambda e: [m.value for m in e])


class Sop(TimestampMixin, VersionedMixin, db.Model):
    """One SOP per team; ``draft`` holds the working copy as a SopDocument dict."""

    __tablename__ = "sops"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), unique=True)
    status: Mapped[SopStatus] = mapped_column(_status_column("sop_status"), default=SopStatus.DRAFT)
    draft: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Pages of the generated PDF for the document whose hash is stored next to it.
    page_count: Mapped[int | None]
    page_hash: Mapped[str] = mapped_column(String(64), default="")

    team: Mapped[Team] = relationship()
    updated_by: Mapped[User | None] = relationship()
    versions: Mapped[list[SopVersion]] = relationship(
        back_populates="sop", cascade="all, delete-orphan", order_by="SopVersion.number"
    )
    events: Mapped[list[SopEvent]] = relationship(
        back_populates="sop", cascade="all, delete-orphan", order_by="SopEvent.id"
    )
    comments: Mapped[list[SopComment]] = relationship(
        back_populates="sop", cascade="all, delete-orphan", order_by="SopComment.id"
    )

    @property
    def latest(self) -> SopVersion | None:
        """The most recently saved version."""
        return self.versions[-1] if self.versions else None


class SopVersion(db.Model):
    """A saved, numbered snapshot of the SOP with the reason for the change."""

    __tablename__ = "sop_versions"
    __table_args__ = (UniqueConstraint("sop_id", "number", name="uq_sop_versions_sop_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sop_id: Mapped[int] = mapped_column(ForeignKey("sops.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[SopStatus] = mapped_column(_status_column("sop_version_status"), default=SopStatus.DRAFT)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    sop: Mapped[Sop] = relationship(back_populates="versions")
    author: Mapped[User | None] = relationship()


class SopEvent(db.Model):
    """A status change: from, to, who, when, with an optional note."""

    __tablename__ = "sop_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    sop_id: Mapped[int] = mapped_column(ForeignKey("sops.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[SopStatus] = mapped_column(_status_column("sop_event_from"))
    to_status: Mapped[SopStatus] = mapped_column(_status_column("sop_event_to"))
    version_number: Mapped[int | None]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    sop: Mapped[Sop] = relationship(back_populates="events")
    user: Mapped[User | None] = relationship()


class SopComment(db.Model):
    """A reviewer's comment on one field (``field:<key>``), one step (``step:<uid>``) or the whole SOP."""

    __tablename__ = "sop_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    sop_id: Mapped[int] = mapped_column(ForeignKey("sops.id", ondelete="CASCADE"), index=True)
    version_number: Mapped[int | None]
    target: Mapped[str] = mapped_column(String(80), default="general")
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    sop: Mapped[Sop] = relationship(back_populates="comments")
    author: Mapped[User | None] = relationship()
