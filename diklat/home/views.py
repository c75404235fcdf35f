"""The home page: one page, sections for each role the person holds."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from diklat.auth.models import User
from diklat.cohorts.access import membership_in, user_cohorts
from diklat.cohorts.models import Cohort, CourseSession, Role, Team
from diklat.cohorts.services import attendance_of, sessions_not_ended
from diklat.common.nav import attention_for
from diklat.extensions import db

bp = Blueprint("home", __name__)


@bp.get("/")
def index() -> str | Response:
    """Home for the signed-in person; the sign-in page otherwise."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    return dashboard()


@login_required
def dashboard() -> str:
    """Sections per role: facilitator, participant, mentor, admin."""
    cohorts = user_cohorts(current_user.id)
    by_role: dict[str, list[Cohort]] = {}
    for cohort, role in cohorts:
        by_role.setdefault(role, []).append(cohort)
    context = {
        "by_role": by_role,
        "attention": attention_for(current_user),
        "participation": _participation(by_role.get(Role.PARTICIPANT.value, [])),
        "mentored": _mentored_teams(),
        "admin_counts": _admin_counts() if current_user.is_admin else None,
    }
    return render_template("home/index.html", **context)


def _participation(cohorts: list[Cohort]) -> list[dict]:
    """For each cohort the person takes part in: team, upcoming sessions, own attendance."""
    result = []
    for cohort in cohorts:
        member = membership_in(current_user.id, cohort.id)
        upcoming = sessions_not_ended(cohort, 4)
        result.append(
            {
                "cohort": cohort,
                "team": member.team if member else None,
                "upcoming": upcoming,
                "attendance": attendance_of(cohort, current_user.id)
                if member and member.role == Role.PARTICIPANT
                else None,
            }
        )
    return result


def _mentored_teams() -> list[Team]:
    return list(db.session.scalars(select(Team).where(Team.mentor_id == current_user.id).order_by(Team.name)))


def _admin_counts() -> dict[str, int]:
    return {
        "users": db.session.scalar(select(func.count()).select_from(User)) or 0,
        "cohorts": db.session.scalar(select(func.count()).select_from(Cohort)) or 0,
        "sessions": db.session.scalar(select(func.count()).select_from(CourseSession)) or 0,
    }
