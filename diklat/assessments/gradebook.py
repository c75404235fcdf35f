"""The cohort's gradebook: per participant attendance, worksheets, team SOP, pre/post and a weighted final grade.

Reads everything with a fixed number of set-based queries (one per source), never one query per participant.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from diklat.assessments.exam_services import DEFAULT_PASS_MARK, find_test
from diklat.assessments.models import GradeWeights, TestKind
from diklat.assessments.results import counted_attempts
from diklat.cohorts.models import ATTENDED, Attendance, Cohort, CohortMember, CourseSession, Role, Team
from diklat.common.markers import N_
from diklat.common.time import today
from diklat.curriculum.models import AnswerStatus, WorksheetAnswer
from diklat.extensions import db
from diklat.sops.models import Sop

PARTS = ("attendance", "worksheets", "pre", "post")


@dataclass
class GradeRow:
    """One participant's line in the gradebook (percentages 0–100, None where nothing to count)."""

    member: CohortMember
    attendance: float | None
    worksheets_accepted: int
    worksheets_percent: float | None
    sop_status: str | None
    pre: float | None
    post: float | None
    final: float | None = None
    passed: bool | None = None


def final_grade(parts: dict[str, float | None], weights: dict[str, int]) -> float | None:
    """Weighted mean of the parts (weights in %, summing to 100); a missing part counts as 0."""
    if sum(weights.values()) != 100:
        return None
    return sum((parts.get(name) or 0.0) * weights.get(name, 0) for name in PARTS) / 100


def weights_problem(weights: dict[str, int]) -> str | None:
    """Why the weights cannot be used (msgid), or None."""
    if any(w < 0 or w > 100 for w in weights.values()):
        return N_("Each weight must be between 0 and 100.")
    if sum(weights.values()) != 100:
        return N_("The weights must add up to 100 (now %(total)d).")
    return None


def weights_of(cohort_id: int) -> GradeWeights:
    """The cohort's weights (defaults when never set; not added to the session)."""
    found = db.session.scalar(select(GradeWeights).where(GradeWeights.cohort_id == cohort_id))
    return found or GradeWeights(cohort_id=cohort_id, attendance=20, worksheets=30, pre=0, post=50)


def save_weights(cohort_id: int, weights: dict[str, int]) -> GradeWeights:
    """Store the cohort's weights."""
    row = db.session.scalar(select(GradeWeights).where(GradeWeights.cohort_id == cohort_id))
    if row is None:
        row = GradeWeights(cohort_id=cohort_id)
        db.session.add(row)
    for name in PARTS:
        setattr(row, name, weights[name])
    db.session.flush()
    return row


def _attendance(cohort: Cohort) -> tuple[int, Counter]:
    held = db.session.scalar(
        select(func.count())
        .select_from(CourseSession)
        .where(CourseSession.cohort_id == cohort.id, CourseSession.day <= today(cohort))
    )
    rows = db.session.execute(
        select(Attendance.user_id, func.count())
        .join(CourseSession, CourseSession.id == Attendance.session_id)
        .where(
            CourseSession.cohort_id == cohort.id,
            CourseSession.day <= today(cohort),
            Attendance.status.in_(list(ATTENDED)),
        )
        .group_by(Attendance.user_id)
    ).all()
    return held or 0, Counter(dict(rows))


def _accepted_worksheets(cohort: Cohort) -> tuple[Counter, Counter, int]:
    rows = db.session.execute(
        select(WorksheetAnswer.team_id, WorksheetAnswer.user_id, func.count())
        .where(WorksheetAnswer.cohort_id == cohort.id, WorksheetAnswer.status == AnswerStatus.ACCEPTED)
        .group_by(WorksheetAnswer.team_id, WorksheetAnswer.user_id)
    ).all()
    by_team, by_user = Counter(), Counter()
    for team_id, user_id, count in rows:
        if user_id is not None:
            by_user[user_id] += count
        elif team_id is not None:
            by_team[team_id] += count
    total = db.session.scalar(
        select(func.count(func.distinct(WorksheetAnswer.worksheet_id))).where(
            WorksheetAnswer.cohort_id == cohort.id,
            or_(WorksheetAnswer.team_id.is_not(None), WorksheetAnswer.user_id.is_not(None)),
        )
    )
    return by_team, by_user, total or 0


def _participants(cohort: Cohort) -> list[CohortMember]:
    return list(
        db.session.scalars(
            select(CohortMember)
            .options(selectinload(CohortMember.user), selectinload(CohortMember.team))
            .where(CohortMember.cohort_id == cohort.id, CohortMember.role == Role.PARTICIPANT)
        )
    )


def gradebook(cohort: Cohort) -> tuple[list[GradeRow], GradeWeights, float]:
    """Every participant of the cohort with their figures and final grade, the weights and the KKM used."""
    members = sorted(_participants(cohort), key=lambda m: m.user.name)
    held, attended = _attendance(cohort)
    by_team, by_user, worksheet_total = _accepted_worksheets(cohort)
    sops = dict(
        db.session.execute(
            select(Sop.team_id, Sop.status).join(Team, Team.id == Sop.team_id).where(Team.cohort_id == cohort.id)
        ).all()
    )
    pre_test, post_test = find_test(cohort.id, TestKind.PRE), find_test(cohort.id, TestKind.POST)
    pre, post = counted_attempts(pre_test), counted_attempts(post_test)
    weights = weights_of(cohort.id)
    pass_mark = post_test.pass_mark if post_test else DEFAULT_PASS_MARK
    shares = {name: getattr(weights, name) for name in PARTS}
    rows = []
    for m in members:
        accepted = by_user[m.user_id] + (by_team[m.team_id] if m.team_id else 0)
        status = sops.get(m.team_id) if m.team_id else None
        row = GradeRow(
            member=m,
            attendance=100 * attended[m.user_id] / held if held else None,
            worksheets_accepted=accepted,
            worksheets_percent=100 * accepted / worksheet_total if worksheet_total else None,
            sop_status=status.value if status is not None else None,
            pre=pre[m.user_id].percent if m.user_id in pre else None,
            post=post[m.user_id].percent if m.user_id in post else None,
        )
        parts = {"attendance": row.attendance, "worksheets": row.worksheets_percent, "pre": row.pre, "post": row.post}
        row.final = final_grade(parts, shares)
        row.passed = None if row.final is None else row.final >= pass_mark - 1e-9
        rows.append(row)
    return rows, weights, pass_mark


SORT_KEYS = {
    "name": lambda r: r.member.user.name.lower(),
    "team": lambda r: r.member.team.name if r.member.team else "~",
    "attendance": lambda r: r.attendance if r.attendance is not None else -1,
    "worksheets": lambda r: r.worksheets_accepted,
    "sop": lambda r: r.sop_status or "",
    "pre": lambda r: r.pre if r.pre is not None else -1,
    "post": lambda r: r.post if r.post is not None else -1,
    "final": lambda r: r.final if r.final is not None else -1,
}


def sort_rows(rows: list[GradeRow], key: str, descending: bool) -> list[GradeRow]:
    """Rows sorted by one column (unknown columns sort by name)."""
    return sorted(rows, key=SORT_KEYS.get(key, SORT_KEYS["name"]), reverse=descending)
