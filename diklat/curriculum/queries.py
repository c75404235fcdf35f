"""What other features may read from the curriculum (lazy-imported by them)."""

from __future__ import annotations

from sqlalchemy import select

from diklat.cohorts.models import Team
from diklat.curriculum.models import CurriculumModule, WorksheetAnswer, WorksheetDefinition
from diklat.extensions import db


def team_worksheet_answers(team_id: int, module_number: int) -> dict[str, dict]:
    """Worksheet key -> latest saved answers of the team in that module (empty dict when none).

    Only team worksheets count; values are typed (durations in minutes, numbers as numbers).
    """
    team = db.session.get(Team, team_id)
    if team is None:
        return {}
    rows = db.session.execute(
        select(WorksheetDefinition.key, WorksheetAnswer.data)
        .join(WorksheetAnswer, WorksheetAnswer.worksheet_id == WorksheetDefinition.id)
        .join(CurriculumModule, CurriculumModule.id == WorksheetDefinition.module_id)
        .where(
            CurriculumModule.number == module_number,
            WorksheetAnswer.cohort_id == team.cohort_id,
            WorksheetAnswer.owner_key == f"team:{team.id}",
        )
    ).all()
    return {key: dict(data or {}) for key, data in rows}
