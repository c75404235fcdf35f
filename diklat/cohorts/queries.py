"""Read-only cohort queries other features build on (the gradebook, completion, the participant's page)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from diklat.cohorts.models import ATTENDED, JP_MINUTES, Attendance, CohortMember, CourseSession, Role
from diklat.extensions import db


@dataclass(frozen=True)
class AttendanceRecord:
    """One participant's attendance over the whole schedule."""

    user_id: int
    sessions: int  # sessions held (attendance taken)
    attended: int  # present or late
    jp: float  # lesson hours of the sessions attended

    @property
    def percent(self) -> float:
        """Attended sessions ÷ sessions held, 0–100 (0 before any session was held)."""
        return 100.0 * self.attended / self.sessions if self.sessions else 0.0


def _minutes(start, end) -> int:  # noqa: ANN001 - datetime.time
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def attendance_records(cohort_id: int) -> dict[int, AttendanceRecord]:
    """Per participant user id: sessions attended, attendance % and JP attended — in ONE statement."""
    attended = (
        select(Attendance.user_id, CourseSession.start_time, CourseSession.end_time)
        .join(CourseSession, CourseSession.id == Attendance.session_id)
        .where(CourseSession.cohort_id == cohort_id, Attendance.status.in_(ATTENDED))
        .subquery()
    )
    # Sessions held = sessions whose attendance was taken; a session not yet taken counts against no one.
    total = (
        select(func.count(func.distinct(Attendance.session_id)))
        .join(CourseSession, CourseSession.id == Attendance.session_id)
        .where(CourseSession.cohort_id == cohort_id)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(CohortMember.user_id, attended.c.start_time, attended.c.end_time, total.label("total"))
        .outerjoin(attended, attended.c.user_id == CohortMember.user_id)
        .where(CohortMember.cohort_id == cohort_id, CohortMember.role == Role.PARTICIPANT)
    ).all()
    counts: dict[int, list] = {}
    sessions = 0
    for user_id, start, end, total_sessions in rows:
        sessions = total_sessions
        entry = counts.setdefault(user_id, [0, 0])
        if start is not None:
            entry[0] += 1
            entry[1] += _minutes(start, end)
    return {
        uid: AttendanceRecord(uid, sessions, n, round(minutes / JP_MINUTES, 2)) for uid, (n, minutes) in counts.items()
    }


def session_counts(cohort_id: int) -> dict[int, dict[str, int]]:
    """Per session id: how many of each attendance status were recorded (one statement)."""
    rows = db.session.execute(
        select(Attendance.session_id, Attendance.status, func.count(Attendance.id))
        .join(CourseSession, CourseSession.id == Attendance.session_id)
        .where(CourseSession.cohort_id == cohort_id)
        .group_by(Attendance.session_id, Attendance.status)
    ).all()
    counts: dict[int, dict[str, int]] = {}
    for session_id, status, n in rows:
        counts.setdefault(session_id, {})[status.value] = n
    return counts
