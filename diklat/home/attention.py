"""Attention items from the platform itself: unrecorded attendance, teams without a mentor."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import and_, or_, select

from diklat.cohorts.access import memberships_of
from diklat.cohorts.models import Attendance, Cohort, CourseSession, Role, Team
from diklat.common.nav import AttentionItem
from diklat.common.time import today
from diklat.extensions import db


def _managed_cohort_ids(user) -> list[int]:  # noqa: ANN001
    return [m.cohort_id for m in memberships_of(user.id) if m.role == Role.FACILITATOR]


def cohort_attention(user) -> list[AttentionItem]:  # noqa: ANN001
    """For facilitators: past sessions without attendance, teams without mentor or service."""
    cohort_ids = _managed_cohort_ids(user)
    if not cohort_ids:
        return []
    items = []
    # "past" is decided per cohort in its own time zone
    past = or_(
        *(
            and_(CourseSession.cohort_id == cohort.id, CourseSession.day < today(cohort))
            for cohort in db.session.scalars(select(Cohort).where(Cohort.id.in_(cohort_ids)))
        )
    )
    recorded = select(Attendance.session_id).distinct()
    missing = db.session.scalars(
        select(CourseSession).where(past, CourseSession.id.not_in(recorded)).order_by(CourseSession.day)
    ).all()
    for session in missing:
        items.append(
            AttentionItem(
                _("Attendance not recorded: %(title)s (%(day)s)", title=session.title, day=session.day.isoformat()),
                url_for("cohorts.session_attendance", cohort_id=session.cohort_id, session_id=session.id),
                overdue=True,
                category="attendance",
                due=session.day,
            )
        )
    teams = db.session.scalars(
        select(Team).where(Team.cohort_id.in_(cohort_ids), (Team.mentor_id.is_(None)) | (Team.service == ""))
    ).all()
    for team in teams:
        cohort = db.session.get(Cohort, team.cohort_id)
        items.append(
            AttentionItem(
                _("%(team)s (%(cohort)s) has no mentor or no service yet", team=team.name, cohort=cohort.name),
                url_for("cohorts.edit_team", cohort_id=team.cohort_id, team_id=team.id),
                category="teams",
            )
        )
    return items
