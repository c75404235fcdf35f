"""The demo step: idempotent, every module open, answers valid and in several states."""

from __future__ import annotations

from sqlalchemy import func, select

from diklat.curriculum.answers import raw_from_clean, validate
from diklat.curriculum.models import WorksheetAnswer
from diklat.curriculum.queries import team_worksheet_answers
from diklat.curriculum.services import availability
from diklat.demo import run_demo_seed
from diklat.extensions import db


def test_demo_seed_twice(app_ctx):
    ctx = run_demo_seed()
    count = db.session.scalar(select(func.count()).select_from(WorksheetAnswer))
    run_demo_seed()
    assert db.session.scalar(select(func.count()).select_from(WorksheetAnswer)) == count
    assert all(a.is_open for a in availability(ctx.cohort))
    answers = list(db.session.scalars(select(WorksheetAnswer)))
    assert {a.status.value for a in answers} == {"draft", "submitted", "returned", "accepted"}
    for answer in answers:
        sheet = answer.worksheet.sheet
        _clean, errors = validate(sheet, raw_from_clean(sheet, answer.data), strict=answer.status.value != "draft")
        assert not errors, (answer.worksheet.key, answer.owner_key, errors)
    for team in ctx.cohort.teams:
        assert team_worksheet_answers(team.id, 4)["sla"]["standard_time_minutes"] > 0
        assert "SP4N-LAPOR!" in team_worksheet_answers(team.id, 6)["complaint_form"]["channels"]
