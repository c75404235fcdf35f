"""Cohort services: take plain values and models, flush, never commit."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from diklat.auth.models import User
from diklat.auth.services import create_user, find_user_by_email
from diklat.cohorts import checkin
from diklat.cohorts.enrolment import EnrolmentRow
from diklat.cohorts.models import (
    ATTENDED,
    Attendance,
    AttendanceStatus,
    Cohort,
    CohortMember,
    CourseSession,
    Role,
    Team,
)
from diklat.common.audit import AuditAction, record
from diklat.common.markers import N_
from diklat.common.time import now
from diklat.extensions import db


def create_cohort(creator: User, **fields: object) -> Cohort:
    """Create a cohort; its creator becomes its first facilitator."""
    cohort = Cohort(created_by_id=creator.id, **fields)
    db.session.add(cohort)
    db.session.flush()
    db.session.add(CohortMember(cohort_id=cohort.id, user_id=creator.id, role=Role.FACILITATOR))
    db.session.flush()
    return cohort


def get_or_create_person(email: str, name: str, password: str | None = None, **fields: object) -> tuple[User, bool]:
    """Find an account by e-mail or create one; without a password it gets in through an invitation.

    Returns the account and whether it was created. No password is hashed for invited accounts:
    hashing is deliberately slow and the person chooses their own password anyway.
    """
    user = find_user_by_email(email)
    if user is not None:
        return user, False
    return create_user(email, name, password, **fields), True


def add_member(cohort: Cohort, user: User, role: Role, team: Team | None = None) -> CohortMember:
    """Give ``user`` a role in ``cohort`` (participants may have a team)."""
    member = CohortMember(
        cohort_id=cohort.id, user_id=user.id, role=role, team_id=team.id if team and role == Role.PARTICIPANT else None
    )
    db.session.add(member)
    db.session.flush()
    return member


@dataclass
class Enrolled:
    """Who was enrolled: new accounts get an invitation, existing ones a notice."""

    new: list[User] = field(default_factory=list)
    existing: list[User] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.new) + len(self.existing)


def enrol_rows(
    cohort: Cohort, rows: list[EnrolmentRow], default_password: str | None = None, actor_id: int | None = None
) -> Enrolled:
    """Enrol validated participant rows; teams named in the file are created when missing."""
    teams = {t.name: t for t in cohort.teams}
    outcome = Enrolled()
    for row in rows:
        team = teams.get(row.team)
        if team is None:
            team = Team(cohort_id=cohort.id, name=row.team, office=row.agency, service="")
            db.session.add(team)
            db.session.flush()
            teams[row.team] = team
        user, created = get_or_create_person(row.email, row.name, default_password, nip=row.nip)
        refresh_work_details(user, row)
        add_member(cohort, user, Role.PARTICIPANT, team)
        (outcome.new if created else outcome.existing).append(user)
        record(AuditAction.MEMBER_ADDED, actor_id, user.id, cohort.id, role=Role.PARTICIPANT.value, team=team.name)
    return outcome


def refresh_work_details(user: User, row: EnrolmentRow) -> None:
    """The roster is the newest word on where someone works and their grade (moved or promoted since the last
    course): its non-empty agency, unit, position and rank replace the account's, so the certificate and the
    JP export print today's. Name and NIP stay as the person and the admin keep them."""
    for name in ("agency", "unit", "position", "rank"):
        if value := getattr(row, name):
            setattr(user, name, value)


def enrolled_emails(cohort: Cohort) -> set[str]:
    """E-mail addresses of everyone already in the cohort."""
    return {m.user.email for m in cohort.members}


def nip_owners() -> dict[str, str]:
    """NIP → e-mail of every account with a NIP."""
    return {nip: email for nip, email in db.session.execute(select(User.nip, User.email).where(User.nip.is_not(None)))}


def record_attendance(session: CourseSession, statuses: dict[int, AttendanceStatus]) -> None:
    """Set the attendance status of each participant id for a session."""
    existing = {a.user_id: a for a in session.attendance}
    for user_id, status in statuses.items():
        if user_id in existing:
            existing[user_id].status = status
        else:
            db.session.add(Attendance(session_id=session.id, user_id=user_id, status=status))
    db.session.flush()


def _attendance_rows(cohort: Cohort, user_id: int | None = None) -> list:
    query = (
        select(Attendance.user_id, Attendance.status)
        .join(CourseSession, CourseSession.id == Attendance.session_id)
        .where(CourseSession.cohort_id == cohort.id)
    )
    if user_id is not None:
        query = query.where(Attendance.user_id == user_id)
    return list(db.session.execute(query).all())


def _summary(c: Counter) -> dict:
    recorded = sum(c.values())
    attended = sum(c[s] for s in ATTENDED)
    return {
        "counts": {s.value: c[s] for s in AttendanceStatus},
        "recorded": recorded,
        "rate": attended / recorded if recorded else None,
    }


def attendance_summary(cohort: Cohort) -> dict[int, dict]:
    """Per participant: counts per status and the rate of attended (present or late) over recorded sessions."""
    counts: dict[int, Counter] = {}
    for user_id, status in _attendance_rows(cohort):
        counts.setdefault(user_id, Counter())[status] += 1
    return {m.user_id: _summary(counts.get(m.user_id, Counter())) for m in cohort.members_with_role(Role.PARTICIPANT)}


def attendance_of(cohort: Cohort, user_id: int) -> dict:
    """One participant's line of :func:`attendance_summary` (without reading the whole cohort)."""
    return _summary(Counter(status for _user, status in _attendance_rows(cohort, user_id)))


def total_jp(cohort: Cohort) -> float:
    """Lesson hours (JP) of the whole schedule."""
    return sum(s.jp for s in cohort.sessions)


def sessions_not_ended(cohort: Cohort, limit: int) -> list[CourseSession]:
    """The next ``limit`` sessions that have not ended yet on the cohort's wall clock (times are kept in it)."""
    wall_clock = now(cohort).replace(tzinfo=None)
    return [s for s in cohort.sessions if datetime.combine(s.day, s.end_time) > wall_clock][:limit]


def sessions_by_day(cohort: Cohort) -> list[tuple[date, list[CourseSession]]]:
    """The schedule grouped by day, in order."""
    days: dict[date, list[CourseSession]] = {}
    for session in cohort.sessions:
        days.setdefault(session.day, []).append(session)
    return sorted(days.items())


@dataclass(frozen=True)
class CheckInOutcome:
    """Whether a self check-in was accepted, with the (untranslated) message to show."""

    ok: bool
    message: str


def self_check_in(
    session: CourseSession, user_id: int, code: str, at: datetime, secret: str, grace_minutes: int
) -> CheckInOutcome:
    """Mark ``user_id`` present (late after the grace period) when the code and the time window allow it."""
    local = at.replace(tzinfo=None)
    state = checkin.window_state(session.day, session.start_time, session.end_time, local)
    if state == "before":
        return CheckInOutcome(False, N_("Check-in for this session has not opened yet."))
    if state == "closed":
        return CheckInOutcome(False, N_("Check-in for this session is closed. Ask the facilitator to record you."))
    if not checkin.code_valid(secret, session.id, code, at):
        return CheckInOutcome(False, N_("This code is not valid for this session or has expired. Scan the code again."))
    late = checkin.is_late(session.day, session.start_time, local, grace_minutes)
    existing = next((a for a in session.attendance if a.user_id == user_id), None)
    if existing is not None and existing.status in ATTENDED:
        return CheckInOutcome(True, N_("You were already checked in."))
    status = AttendanceStatus.LATE if late else AttendanceStatus.PRESENT
    record_attendance(session, {user_id: status})
    if late:
        return CheckInOutcome(True, N_("Checked in — recorded as late."))
    return CheckInOutcome(True, N_("Checked in — recorded as present."))
