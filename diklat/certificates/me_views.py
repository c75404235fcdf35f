"""The participant's own page: attendance, worksheets, test scores, the team SOP, JP, completion, certificate."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user, login_required
from sqlalchemy import or_, select

from diklat.certificates.blueprint import bp
from diklat.certificates.queries import completions, valid_certificates
from diklat.cohorts.access import load_cohort
from diklat.cohorts.models import Role
from diklat.cohorts.queries import attendance_records
from diklat.common.time import today
from diklat.extensions import db


def _worksheets(cohort_id: int, user_id: int, team_id: int | None) -> list:
    from diklat.curriculum.models import WorksheetAnswer

    owner = WorksheetAnswer.user_id == user_id
    if team_id is not None:
        owner = or_(owner, WorksheetAnswer.team_id == team_id)
    return list(db.session.scalars(select(WorksheetAnswer).where(WorksheetAnswer.cohort_id == cohort_id, owner)))


def _tests(cohort_id: int, user_id: int) -> list[tuple[str, float | None]]:
    from diklat.assessments.exam_services import find_test
    from diklat.assessments.models import TestKind
    from diklat.assessments.results import counted_attempts

    out = []
    for kind in (TestKind.PRE, TestKind.POST):
        test = find_test(cohort_id, kind)
        if test is not None:
            attempt = counted_attempts(test).get(user_id)
            out.append((test.title, attempt.percent if attempt else None))
    return out


def _sop(team_id: int | None):
    from diklat.sops.models import Sop

    return db.session.scalar(select(Sop).where(Sop.team_id == team_id)) if team_id else None


@bp.get("/cohorts/<int:cohort_id>/me")
@login_required
def me(cohort_id: int) -> str:
    """Everything the participant has done in the course, with the certificate when issued."""
    access = load_cohort(cohort_id, frozenset({Role.PARTICIPANT.value}))
    cohort, uid = access.cohort, current_user.id
    team_id = access.membership.team_id if access.membership else None
    return render_template(
        "certificates/me.html",
        access=access,
        cohort=cohort,
        record=attendance_records(cohort.id).get(uid),
        worksheets=_worksheets(cohort.id, uid, team_id),
        tests=_tests(cohort.id, uid),
        sop=_sop(team_id),
        completion=completions(cohort).get(uid),
        certificate=valid_certificates(cohort.id).get(uid),
        year=today(cohort).year,
    )
