"""What other features may read from follow-ups."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from diklat.cohorts.models import Team
from diklat.common.periods import next_quarter, quarter_bounds
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
    visits_of: dict[int, list[VisitLog]] = {team.id: [] for team in teams}
    all_visits = db.session.scalars(
        select(VisitLog)
        .where(VisitLog.team_id.in_(list(visits_of)))
        .options(selectinload(VisitLog.observations))
        .order_by(VisitLog.started_on.desc(), VisitLog.id.desc())
    )
    for visit in all_visits:
        visits_of[visit.team_id].append(visit)
    rows = []
    for team in teams:
        visits = visits_of[team.id]
        observed = next((v for v in visits if v.observations), None)
        summary = summarize(o.rating.value for o in observed.observations) if observed else summarize([])
        rows.append(
            {
                "team_id": team.id,
                "team_name": team.name,
                "visits": len(visits),
                "latest_visit_on": observed.started_on if observed else None,
                **summary,
            }
        )
    overall = combine(rows)
    overall["visits"] = sum(r["visits"] for r in rows)
    overall["teams_observed"] = sum(1 for r in rows if r["observed"])
    return {"teams": rows, "overall": overall}


def complete_evaluation(team_id: int, year: int, quarter: int, user_id: int | None) -> bool:
    """A saved quarterly review of (year, quarter) completes the team's open evaluation held the quarter after.

    The evaluation planned in a quarter reviews the quarter just ended; returns True when an item was completed.
    """
    from diklat.auth.models import User
    from diklat.followups.models import FollowupItem, ItemKind
    from diklat.followups.plan_services import REVIEW_SAVED, mark_done_by_evidence
    from diklat.followups.schedule import OPEN_STATUSES

    first, after = quarter_bounds(*next_quarter(year, quarter))
    item = db.session.scalar(
        select(FollowupItem)
        .where(
            FollowupItem.team_id == team_id,
            FollowupItem.kind == ItemKind.EVALUATION,
            FollowupItem.starts_on >= first,
            FollowupItem.starts_on < after,
            FollowupItem.status.in_(list(OPEN_STATUSES)),
        )
        .order_by(FollowupItem.starts_on)
        .limit(1)
    )
    user = db.session.get(User, user_id) if user_id else None
    if item is None or user is None:
        return False
    mark_done_by_evidence(item, user, REVIEW_SAVED)
    return True
