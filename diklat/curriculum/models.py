"""Curriculum models: synced module content, per-cohort opening, worksheet answers and review comments."""

from __future__ import annotations

import enum
from datetime import datetime
from functools import cached_property
from typing import Any

from sqlalchemy import JSON, Enum, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diklat.auth.models import User
from diklat.cohorts.models import Team
from diklat.common.models import TimestampMixin, VersionedMixin
from diklat.common.time import utcnow
from diklat.curriculum.content import Module, Worksheet, module_from_dict
from diklat.extensions import db


class ModuleState(enum.StrEnum):
    """A facilitator's explicit choice for a module in a cohort (no row: follow the schedule)."""

    OPEN = "open"
    CLOSED = "closed"


class AnswerStatus(enum.StrEnum):
    """Where a worksheet stands in the review cycle."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])


class CurriculumModule(TimestampMixin, db.Model):
    """One course module as last synced from ``modules/`` (the files are the source of truth)."""

    __tablename__ = "curriculum_modules"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    slug: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200))
    jp: Mapped[float] = mapped_column(Float)
    content_hash: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    synced_at: Mapped[datetime] = mapped_column(default=utcnow)

    worksheets: Mapped[list[WorksheetDefinition]] = relationship(
        back_populates="module", cascade="all, delete-orphan", order_by="WorksheetDefinition.position"
    )

    @cached_property
    def content(self) -> Module:
        """The module as a pure content object."""
        return module_from_dict(self.data)

    @property
    def active_worksheets(self) -> list[WorksheetDefinition]:
        """Worksheets still present in the content."""
        return [w for w in self.worksheets if w.active]


class WorksheetDefinition(db.Model):
    """A worksheet of a module; kept (inactive) when removed from the content so answers stay readable."""

    __tablename__ = "curriculum_worksheets"
    __table_args__ = (UniqueConstraint("module_id", "key", name="uq_curriculum_worksheets_module_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("curriculum_modules.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    scope: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    schema: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Fields removed from the content: key -> {"label", "type"}, so old answers can still be shown.
    retired_fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    module: Mapped[CurriculumModule] = relationship(back_populates="worksheets")

    @property
    def sheet(self) -> Worksheet:
        """The worksheet as a pure content object (from the module's synced data)."""
        found = self.module.content.worksheet(self.key)
        if found is not None:
            return found
        return module_from_dict({**self.module.data, "worksheets": [self.schema]}).worksheets[0]


class CohortModule(db.Model):
    """A facilitator's explicit open/closed setting for one module in one cohort."""

    __tablename__ = "curriculum_cohort_modules"
    __table_args__ = (
        UniqueConstraint("cohort_id", "module_number", name="uq_curriculum_cohort_modules_cohort_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    module_number: Mapped[int]
    state: Mapped[ModuleState] = mapped_column(_enum(ModuleState, "curriculum_module_state"))
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class WorksheetAnswer(TimestampMixin, VersionedMixin, db.Model):
    """The answers of one team (or one participant) to one worksheet, with its review status."""

    __tablename__ = "curriculum_answers"
    __table_args__ = (
        UniqueConstraint("worksheet_id", "cohort_id", "owner_key", name="uq_curriculum_answers_worksheet_cohort_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    worksheet_id: Mapped[int] = mapped_column(ForeignKey("curriculum_worksheets.id", ondelete="CASCADE"), index=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    owner_key: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[AnswerStatus] = mapped_column(
        _enum(AnswerStatus, "curriculum_answer_status"), default=AnswerStatus.DRAFT
    )
    round: Mapped[int] = mapped_column(default=0)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime | None]
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None]
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    worksheet: Mapped[WorksheetDefinition] = relationship()
    team: Mapped[Team | None] = relationship()
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    reviewed_by: Mapped[User | None] = relationship(foreign_keys=[reviewed_by_id])
    comments: Mapped[list[WorksheetComment]] = relationship(
        back_populates="answer", cascade="all, delete-orphan", order_by="WorksheetComment.id"
    )

    def comments_of_round(self, round_: int | None = None) -> dict[str, list[WorksheetComment]]:
        """Review comments of a submission round (default: the latest), by field key ('' = general)."""
        wanted = self.round if round_ is None else round_
        out: dict[str, list[WorksheetComment]] = {}
        for comment in self.comments:
            if comment.round == wanted:
                out.setdefault(comment.field_key, []).append(comment)
        return out


class WorksheetComment(db.Model):
    """A reviewer's comment on one field (or the whole worksheet) in one submission round."""

    __tablename__ = "curriculum_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("curriculum_answers.id", ondelete="CASCADE"), index=True)
    field_key: Mapped[str] = mapped_column(String(64), default="")
    body: Mapped[str] = mapped_column(Text)
    round: Mapped[int] = mapped_column(default=1)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    answer: Mapped[WorksheetAnswer] = relationship(back_populates="comments")
    author: Mapped[User | None] = relationship()
