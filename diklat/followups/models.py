"""Follow-up plan, items with their history, field visits, trial reports, attachments, reminders."""

from __future__ import annotations

import enum
import secrets
from datetime import date, datetime, time

from sqlalchemy import JSON, Enum, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diklat.auth.models import User
from diklat.cohorts.models import Cohort, Team
from diklat.common.models import TimestampMixin, VersionedMixin
from diklat.common.time import utcnow
from diklat.extensions import db
from diklat.followups import schedule


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])


class ItemKind(enum.StrEnum):
    """What a follow-up item is."""

    VISIT = schedule.VISIT
    FOLLOWUP_SESSION = schedule.FOLLOWUP_SESSION
    GROUP_REVIEW = schedule.GROUP_REVIEW
    REPORT_DUE = schedule.REPORT_DUE
    EVALUATION = schedule.EVALUATION


class ItemStatus(enum.StrEnum):
    """Where a follow-up item stands; overdue is derived from the dates."""

    PLANNED = schedule.PLANNED
    CONFIRMED = schedule.CONFIRMED
    DONE = schedule.DONE
    MISSED = schedule.MISSED
    RESCHEDULED = schedule.RESCHEDULED
    CANCELLED = schedule.CANCELLED


class Rating(enum.StrEnum):
    """How far one SOP step was applied at the office."""

    APPLIED = "applied"
    PARTLY = "partly"
    NOT_APPLIED = "not_applied"


class ReportStatus(enum.StrEnum):
    """Life of a trial-implementation report."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    NEEDS_MORE = "needs_more"
    ACCEPTED = "accepted"


class Indicator(enum.StrEnum):
    """The minimal service indicators a trial report carries."""

    SERVICE_TIME = "service_time"  # average minutes, per service type
    COMPLAINTS = "complaints"  # per month
    FIRST_VISIT = "first_visit"  # % completed on the first visit
    SKM = "skm"  # satisfaction index 25–100


class FollowupPlan(TimestampMixin, VersionedMixin, db.Model):
    """A cohort's follow-up offsets and when its items were generated."""

    __tablename__ = "followup_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), unique=True)
    visit_days_after: Mapped[int] = mapped_column(default=30)
    visit_length_days: Mapped[int] = mapped_column(default=2)
    session_days_after: Mapped[int] = mapped_column(default=30)
    review_days_after: Mapped[int] = mapped_column(default=60)
    report_days_after: Mapped[int] = mapped_column(default=90)
    evaluation_first_days_after: Mapped[int] = mapped_column(default=90)
    evaluation_interval_days: Mapped[int] = mapped_column(default=91)
    evaluation_count: Mapped[int] = mapped_column(default=2)
    collective_leave: Mapped[bool] = mapped_column(default=True)
    session_place: Mapped[str] = mapped_column(String(200), default="")
    generated_at: Mapped[datetime | None]
    generated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    cohort: Mapped[Cohort] = relationship()

    def offsets(self) -> schedule.Offsets:
        """The plan's settings as plain values for the scheduling rules."""
        return schedule.Offsets(**{f: getattr(self, f) for f in schedule.Offsets.__dataclass_fields__})


class FollowupItem(TimestampMixin, VersionedMixin, db.Model):
    """One dated thing after the course: a visit, a session, a review, a report deadline, an evaluation."""

    __tablename__ = "followup_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ItemKind] = mapped_column(_enum(ItemKind, "followup_kind"))
    sequence: Mapped[int] = mapped_column(default=1)
    starts_on: Mapped[date] = mapped_column(index=True)
    ends_on: Mapped[date]
    start_time: Mapped[time]
    end_time: Mapped[time]
    place: Mapped[str] = mapped_column(String(200), default="")
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[ItemStatus] = mapped_column(_enum(ItemStatus, "followup_status"), default=ItemStatus.PLANNED)
    note: Mapped[str] = mapped_column(Text, default="")
    auto_dates: Mapped[bool] = mapped_column(default=True)  # still follows the plan's offsets

    cohort: Mapped[Cohort] = relationship()
    team: Mapped[Team | None] = relationship()
    assignee: Mapped[User | None] = relationship()
    changes: Mapped[list[FollowupChange]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="FollowupChange.id"
    )

    def is_overdue(self, today: date) -> bool:
        """Still open after its last day."""
        return schedule.is_overdue(self.status.value, self.ends_on, today)


class FollowupChange(db.Model):
    """History of an item: status changes and reschedules with their reason."""

    __tablename__ = "followup_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("followup_items.id", ondelete="CASCADE"), index=True)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    from_starts_on: Mapped[date | None]
    to_starts_on: Mapped[date | None]
    reason: Mapped[str] = mapped_column(Text, default="")

    item: Mapped[FollowupItem] = relationship(back_populates="changes")
    changed_by: Mapped[User | None] = relationship()


class SentReminder(db.Model):
    """A reminder mail claimed for sending; the unique key makes a second run skip it."""

    __tablename__ = "followup_reminders"
    __table_args__ = (
        UniqueConstraint("subject", "subject_id", "kind", "recipient_id", name="uq_followup_reminders_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(20))  # item | action
    subject_id: Mapped[int]
    kind: Mapped[str] = mapped_column(String(40))
    recipient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)


class CalendarToken(db.Model):
    """The secret in a person's private calendar-feed address; regenerating it revokes the old one."""

    __tablename__ = "followup_calendar_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    token: Mapped[str] = mapped_column(String(64), unique=True, default=lambda: secrets.token_urlsafe(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class VisitLog(TimestampMixin, VersionedMixin, db.Model):
    """The mentor's record of one field visit to a team's office."""

    __tablename__ = "followup_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("followup_items.id", ondelete="SET NULL"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    started_on: Mapped[date]
    ended_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(200))
    attendees: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[str] = mapped_column(Text, default="")
    unclear_wording: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    sop_version: Mapped[int | None]  # the SOP version whose steps were observed, when known

    team: Mapped[Team] = relationship()
    author: Mapped[User | None] = relationship()
    observations: Mapped[list[StepObservation]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="StepObservation.position"
    )
    actions: Mapped[list[AgreedAction]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="AgreedAction.id"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="Attachment.id"
    )


class StepObservation(db.Model):
    """How one SOP step was seen applied during a visit."""

    __tablename__ = "followup_observations"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("followup_visits.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    step_number: Mapped[int | None]
    label: Mapped[str] = mapped_column(String(300))
    rating: Mapped[Rating] = mapped_column(_enum(Rating, "followup_rating"))
    note: Mapped[str] = mapped_column(Text, default="")

    visit: Mapped[VisitLog] = relationship(back_populates="observations")


class AgreedAction(db.Model):
    """An action agreed during a visit, tracked until done."""

    __tablename__ = "followup_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("followup_visits.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date]
    done_on: Mapped[date | None]
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    visit: Mapped[VisitLog] = relationship(back_populates="actions")
    team: Mapped[Team] = relationship()

    def is_overdue(self, today: date) -> bool:
        """Not done and past its due date."""
        return self.done_on is None and self.due_on < today


class TrialReport(TimestampMixin, VersionedMixin, db.Model):
    """A team's trial-implementation report on its SOP at the office."""

    __tablename__ = "followup_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), unique=True)
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    what_worked: Mapped[str] = mapped_column(Text, default="")
    obstacles: Mapped[str] = mapped_column(Text, default="")
    sop_changes: Mapped[str] = mapped_column(Text, default="")
    sop_version_ids: Mapped[list] = mapped_column(JSON, default=list)
    testimonials: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ReportStatus] = mapped_column(
        _enum(ReportStatus, "followup_report_status"), default=ReportStatus.DRAFT
    )
    submitted_at: Mapped[datetime | None]
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    team: Mapped[Team] = relationship()
    indicators: Mapped[list[ReportIndicator]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="ReportIndicator.position"
    )
    reviews: Mapped[list[ReportReview]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="ReportReview.id"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="Attachment.id"
    )


class ReportIndicator(db.Model):
    """One indicator value before and during the trial."""

    __tablename__ = "followup_report_indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("followup_reports.id", ondelete="CASCADE"), index=True)
    indicator: Mapped[Indicator] = mapped_column(_enum(Indicator, "followup_indicator"))
    label: Mapped[str] = mapped_column(String(200), default="")  # service type for service time
    position: Mapped[int] = mapped_column(default=0)
    before: Mapped[float | None] = mapped_column(Float)
    during: Mapped[float | None] = mapped_column(Float)

    report: Mapped[TrialReport] = relationship(back_populates="indicators")


class ReportReview(db.Model):
    """A reviewer's decision on a submitted report, kept as history."""

    __tablename__ = "followup_report_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("followup_reports.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decision: Mapped[ReportStatus] = mapped_column(_enum(ReportStatus, "followup_review_decision"))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    report: Mapped[TrialReport] = relationship(back_populates="reviews")
    reviewer: Mapped[User | None] = relationship()


class Attachment(db.Model):
    """An uploaded photo or document of a visit or a report, stored outside ``static/``."""

    __tablename__ = "followup_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("followup_visits.id", ondelete="CASCADE"), index=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("followup_reports.id", ondelete="CASCADE"), index=True)
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(10))  # pdf, docx, xlsx, jpg, png
    size: Mapped[int]
    caption: Mapped[str] = mapped_column(String(300), default="")
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    visit: Mapped[VisitLog | None] = relationship(back_populates="attachments")
    report: Mapped[TrialReport | None] = relationship(back_populates="attachments")

    @property
    def is_image(self) -> bool:
        """Photos are shown inline on the page."""
        return self.kind in ("jpg", "png")
