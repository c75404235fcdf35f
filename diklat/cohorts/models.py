"""Cohort, membership, team, course session and attendance models."""

from __future__ import annotations

import enum
from datetime import date, datetime, time

from sqlalchemy import Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diklat.auth.models import User
from diklat.common.models import TimestampMixin, VersionedMixin
from diklat.common.time import utcnow
from diklat.extensions import db

JP_MINUTES = 45


class Role(enum.StrEnum):
    """A person's role within one cohort."""

    FACILITATOR = "facilitator"
    MENTOR = "mentor"
    PARTICIPANT = "participant"


class AttendanceStatus(enum.StrEnum):
    """Attendance at one course session."""

    PRESENT = "present"
    LATE = "late"
    EXCUSED = "excused"
    ABSENT = "absent"


ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])


class Cohort(TimestampMixin, VersionedMixin, db.Model):
    """One run of the course (angkatan) with its people, teams and schedule."""

    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    course: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date]
    end_date: Mapped[date]
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Jakarta")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The next certificate sequence number; incremented atomically, never reused (issue 14).
    certificate_next_seq: Mapped[int] = mapped_column(default=1, server_default="1")

    members: Mapped[list[CohortMember]] = relationship(
        back_populates="cohort", cascade="all, delete-orphan", order_by="CohortMember.id"
    )
    teams: Mapped[list[Team]] = relationship(
        back_populates="cohort", cascade="all, delete-orphan", order_by="Team.name"
    )
    sessions: Mapped[list[CourseSession]] = relationship(
        back_populates="cohort",
        cascade="all, delete-orphan",
        order_by="(CourseSession.day, CourseSession.start_time)",
    )

    @property
    def days(self) -> int:
        """Length of the course in calendar days."""
        return (self.end_date - self.start_date).days + 1

    def status(self, today: date) -> str:
        """upcoming, running or finished, derived from the dates."""
        if today < self.start_date:
            return "upcoming"
        if today > self.end_date:
            return "finished"
        return "running"

    def members_with_role(self, role: Role) -> list[CohortMember]:
        """Members holding ``role``, in enrolment order."""
        return [m for m in self.members if m.role == role]

    def __repr__(self) -> str:
        return f"<Cohort {self.name}>"


class Team(TimestampMixin, VersionedMixin, db.Model):
    """A team (kelompok): one office, one public service, one mentor."""

    __tablename__ = "teams"
    __table_args__ = (UniqueConstraint("cohort_id", "name", name="uq_teams_cohort_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    office: Mapped[str] = mapped_column(String(200))
    service: Mapped[str] = mapped_column(String(200))
    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    cohort: Mapped[Cohort] = relationship(back_populates="teams")
    mentor: Mapped[User | None] = relationship()
    members: Mapped[list[CohortMember]] = relationship(back_populates="team", order_by="CohortMember.id")

    def __repr__(self) -> str:
        return f"<Team {self.name}>"


class CohortMember(db.Model):
    """A person's role in one cohort; participants belong to a team."""

    __tablename__ = "cohort_members"
    __table_args__ = (UniqueConstraint("cohort_id", "user_id", name="uq_cohort_members_cohort_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(_enum(Role, "cohort_role"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"), index=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    cohort: Mapped[Cohort] = relationship(back_populates="members")
    user: Mapped[User] = relationship(lazy="selectin")
    team: Mapped[Team | None] = relationship(back_populates="members", lazy="selectin")


class CourseSession(db.Model):
    """A slot in the course schedule: date, start–end, module, room."""

    __tablename__ = "course_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    day: Mapped[date]
    start_time: Mapped[time]
    end_time: Mapped[time]
    title: Mapped[str] = mapped_column(String(200))
    module_number: Mapped[int | None]
    room: Mapped[str] = mapped_column(String(100), default="")

    cohort: Mapped[Cohort] = relationship(back_populates="sessions")
    attendance: Mapped[list[Attendance]] = relationship(back_populates="session", cascade="all, delete-orphan")

    @property
    def minutes(self) -> int:
        """Length of the session in minutes."""
        return (self.end_time.hour * 60 + self.end_time.minute) - (self.start_time.hour * 60 + self.start_time.minute)

    @property
    def jp(self) -> float:
        """Lesson hours (jam pelajaran) at 45 minutes each."""
        return self.minutes / JP_MINUTES


class Attendance(db.Model):
    """One participant's attendance at one session."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("session_id", "user_id", name="uq_attendance_session_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("course_sessions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[AttendanceStatus] = mapped_column(_enum(AttendanceStatus, "attendance_status"))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    session: Mapped[CourseSession] = relationship(back_populates="attendance")
    user: Mapped[User] = relationship()
