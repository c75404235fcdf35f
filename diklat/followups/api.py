"""What other features may read from follow-ups."""

from __future__ import annotations

from sqlalchemy import select

from diklat.cohorts.models import Team
from diklat.extensions import db
from diklat.followups.models import VisitLog
from diklat.followups.step_stats import combine, summarize


def step_application(cohort_id: int) -> dict:
    """How far each team applies its SOP, from the step observations of its latest visit.

    ``{"teams": [{"team_id", "team_name", "visits", "latest_visit_on", "observed", "applied", "partly",
    "not_applied", "share_applied"}], "overall": {"teams_observed", "visits", "observed", "applied", "partly",
    "not_applied", "share_applied"}}``; ``share_applied`` is None when nothing was observed.
    """
    teams = db.session.scalars(select(Team).where(Team.cohort_id == cohort_id).order_by(Team.name)).all()
    rows = []
    for team in teams:
        visits = db.session.scalars(select(VisitLog).where(VisitLog.team_id == team.id)
                                    .order_by(VisitLog.started_on.desc(), VisitLog.id.desc())).all()
        observed = next((v for v in visits if v.observations), None)
        summary = summarize(o.rating.value for o in observed.observations) if observed else summarize([])
        rows.append({"team_id": team.id, "team_name": team.name, "visits": len(visits),
                     "latest_visit_on": observed.started_on if observed else None, **summary})
    overall = combine(rows)
    overall["visits"] = sum(r["visits"] for r in rows)
    overall["teams_observed"] = sum(1 for r in rows if r["observed"])
    return {"teams": rows, "overall": overall}
