"""Monitoring models: monitored services, monthly indicators, SKM responses, reviews, course feedback."""

from __future__ import annotations

import enum
import secrets
from datetime import date, datetime

from sqlalchemy import JSON, Enum, ForeignKey, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diklat.auth.models import User
from diklat.cohorts.models import Team
from diklat.common.models import TimestampMixin, VersionedMixin
from diklat.common.time import utcnow
from diklat.extensions import db


class ResponseSource(enum.StrEnum):
    """How an SKM response reached us."""

    ONLINE = "online"
    PAPER = "paper"


def _new_token() -> str:
    return secrets.token_urlsafe(12)


class MonitoredService(TimestampMixin, VersionedMixin, db.Model):
    """A service type a team reports on; the team's SOP service is the primary one."""

    __tablename__ = "monitoring_services"
    __table_args__ = (UniqueConstraint("team_id", "name", name="uq_monitoring_services_team_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    is_primary: Mapped[bool] = mapped_column(default=False)
    # Fallback for the promised service time when the team's Module 4 SLA worksheet has none.
    promised_minutes: Mapped[int | None]
    survey_token: Mapped[str] = mapped_column(String(32), unique=True, default=_new_token)
    survey_open: Mapped[bool] = mapped_column(default=True)

    team: Mapped[Team] = relationship()
    months: Mapped[list[IndicatorMonth]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="IndicatorMonth.month"
    )


class IndicatorMonth(VersionedMixin, db.Model):
    """One month of one service: counts, service times, complaints and first-visit completions."""

    __tablename__ = "monitoring_months"
    __table_args__ = (UniqueConstraint("service_id", "month", name="uq_monitoring_months_service_month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("monitoring_services.id", ondelete="CASCADE"), index=True)
    month: Mapped[date]  # first day of the month
    services: Mapped[int]
    avg_minutes: Mapped[float | None]
    median_minutes: Mapped[float | None]
    received: Mapped[int]
    resolved: Mapped[int]
    first_visit: Mapped[int]
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    service: Mapped[MonitoredService] = relationship(back_populates="months")


class PendingImport(db.Model):
    """A validated upload waiting for the user to confirm replacing existing months (kept server-side)."""

    __tablename__ = "monitoring_pending_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    filename: Mapped[str] = mapped_column(String(255), default="")
    payload: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class SkmResponse(db.Model):
    """One questionnaire of the citizen satisfaction survey: nine answers 1–4, no personal data."""

    __tablename__ = "monitoring_skm_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("monitoring_services.id", ondelete="CASCADE"), index=True)
    answered_on: Mapped[date] = mapped_column(index=True)
    source: Mapped[ResponseSource] = mapped_column(
        Enum(
            ResponseSource,
            name="skm_source",
            native_enum=False,
            length=10,
            values_callable=lambda e: [m.value for m in e],
        )
    )
    u1: Mapped[int] = mapped_column(SmallInteger)
    u2: Mapped[int] = mapped_column(SmallInteger)
    u3: Mapped[int] = mapped_column(SmallInteger)
    u4: Mapped[int] = mapped_column(SmallInteger)
    u5: Mapped[int] = mapped_column(SmallInteger)
    u6: Mapped[int] = mapped_column(SmallInteger)
    u7: Mapped[int] = mapped_column(SmallInteger)
    u8: Mapped[int] = mapped_column(SmallInteger)
    u9: Mapped[int] = mapped_column(SmallInteger)
    sex: Mapped[str] = mapped_column(String(1), default="")
    age_group: Mapped[str] = mapped_column(String(10), default="")
    education: Mapped[str] = mapped_column(String(20), default="")
    suggestion: Mapped[str] = mapped_column(Text, default="")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    service: Mapped[MonitoredService] = relationship()

    @property
    def answers(self) -> list[int]:
        """The nine answers in the regulation's element order."""
        return [self.u1, self.u2, self.u3, self.u4, self.u5, self.u6, self.u7, self.u8, self.u9]


class QuarterlyReview(TimestampMixin, VersionedMixin, db.Model):
    """A team's quarterly evaluation: what the mentor saw, decisions, an SOP revision if any."""

    __tablename__ = "monitoring_reviews"
    __table_args__ = (UniqueConstraint("team_id", "year", "quarter", name="uq_monitoring_reviews_team_quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    quarter: Mapped[int]
    observation: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    revise_sop: Mapped[bool] = mapped_column(default=False)
    # The SOP version from the sops feature (no foreign key: that feature may not be installed).
    sop_version_id: Mapped[int | None]
    sop_reference: Mapped[str] = mapped_column(String(200), default="")
    revision_reason: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    team: Mapped[Team] = relationship()
    author: Mapped[User | None] = relationship()


class CourseFeedback(TimestampMixin, VersionedMixin, db.Model):
    """A participant's reaction to the course (Kirkpatrick level 1): ratings 1–5 and comments."""

    __tablename__ = "monitoring_course_feedback"
    __table_args__ = (UniqueConstraint("cohort_id", "user_id", name="uq_monitoring_course_feedback_cohort_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    module_ratings: Mapped[dict] = mapped_column(JSON, default=dict)  # "1".."8" → 1–5
    facilitator_ratings: Mapped[dict] = mapped_column(JSON, default=dict)  # user id as text → 1–5
    liked: Mapped[str] = mapped_column(Text, default="")
    improve: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User] = relationship()
