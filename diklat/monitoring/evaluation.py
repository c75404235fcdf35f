"""The cohort's four-level (Kirkpatrick) evaluation: one function per level, each returning a plain dict.

Every level carries ``available``; a missing source gives ``available: False`` and no figures,
never zeros. Every figure carries its n (participants, teams, months or respondents).
"""

from __future__ import annotations

from sqlalchemy import select

from diklat.cohorts.access import cohort_teams
from diklat.cohorts.models import Cohort, Role
from diklat.extensions import db
from diklat.monitoring import integrations, skm
from diklat.monitoring.indicators import by_quarter, compare, latest_quarter, split_baseline, summarize
from diklat.monitoring.levels23 import behaviour_rows, learning_rows
from diklat.monitoring.models import CourseFeedback
from diklat.monitoring.periods import month_start
from diklat.monitoring.reaction import summarise
from diklat.monitoring.services import figures, services_by_team
from diklat.monitoring.skm_services import quarters_by_group as skm_quarters_by_group

L4_KEYS = ("avg_minutes", "complaints_per_month", "first_visit_percent")


def build_report(cohort: Cohort) -> dict:
    """All four levels of one cohort."""
    return {
        "cohort": {
            "id": cohort.id,
            "name": cohort.name,
            "course": cohort.course,
            "place": cohort.place,
            "start": cohort.start_date.isoformat(),
            "end": cohort.end_date.isoformat(),
        },
        "l1": level1_reaction(cohort),
        "l2": level2_learning(cohort.id),
        "l3": level3_behaviour(cohort.id),
        "l4": level4_results(cohort),
    }


def level1_reaction(cohort: Cohort) -> dict:
    """L1: the participants' course-feedback forms, summarised per module and facilitator."""
    participants = len(cohort.members_with_role(Role.PARTICIPANT))
    forms = db.session.scalars(select(CourseFeedback).where(CourseFeedback.cohort_id == cohort.id)).all()
    facilitators = {str(m.user_id): m.user.name for m in cohort.members_with_role(Role.FACILITATOR)}
    data = summarise(
        [
            {
                "module_ratings": f.module_ratings or {},
                "facilitator_ratings": f.facilitator_ratings or {},
                "liked": f.liked,
                "improve": f.improve,
            }
            for f in forms
        ],
        facilitators,
    )
    return {"level": 1, "available": bool(forms), "participants": participants, **data}


def level2_learning(cohort_id: int) -> dict:
    """L2: pre/post-test results from the assessments feature, as it reports them."""
    summary = integrations.learning_summary(cohort_id)
    return {"level": 2, "available": bool(summary), **(learning_rows(summary) if summary else {})}


def level3_behaviour(cohort_id: int) -> dict:
    """L3: SOP steps applied (mentoring visits) and teams whose SOP is in trial or revised after trial."""
    steps = integrations.step_application(cohort_id)
    statuses = integrations.sop_status_counts(cohort_id)
    observed = bool(steps and (steps.get("overall") or {}).get("observed"))
    rows = behaviour_rows(steps, statuses)
    return {"level": 3, "available": observed or bool(rows["statuses"]), "observed": observed, **rows}


def level4_results(cohort: Cohort) -> dict:
    """L4: per team, indicators baseline → latest quarter and SKM first → latest quarter."""
    course_month = month_start(cohort.start_date)
    teams_of_cohort = cohort_teams(cohort.id)
    services = services_by_team(teams_of_cohort)
    skm_by_team = skm_quarters_by_group({t: [s.id for s in found] for t, found in services.items()})
    teams = [_team_results(t, services[t.id], skm_by_team[t.id], course_month) for t in teams_of_cohort]
    with_indicators = [t for t in teams if t["latest_quarter"] is not None and t["baseline_months"]]
    with_skm = [t for t in teams if t["skm_latest"] is not None]
    return {
        "level": 4,
        "available": bool(with_indicators or with_skm),
        "teams": teams,
        "n_teams": len(teams),
        "n_teams_indicators": len(with_indicators),
        "n_teams_skm": len(with_skm),
        "improved": _improved_counts(with_indicators),
    }


def _team_results(team, services, skm_per_quarter, course_month) -> dict:  # noqa: ANN001
    primary = services[0] if services else None
    result = {
        "team": team.name,
        "office": team.office,
        "service": primary.name if primary else team.service,
        "baseline_months": 0,
        "latest_quarter": None,
        "quarter_months": 0,
        "indicators": [],
        "skm_first": None,
        "skm_latest": None,
        "skm_change": None,
    }
    if primary is not None:
        baseline, after = split_baseline(figures(primary), course_month)
        quarters = by_quarter(after)
        result["baseline_months"] = len(baseline)
        if quarters and baseline:
            key = latest_quarter(quarters)
            result["latest_quarter"] = list(key)
            result["quarter_months"] = len(quarters[key])
            changes = compare(summarize(baseline), summarize(quarters[key]))
            result["indicators"] = [_change_dict(c) for c in changes if c.key in L4_KEYS]
    per_quarter = [q for q in skm_per_quarter if q.result is not None]
    if per_quarter:
        first, last = per_quarter[0], per_quarter[-1]
        result["skm_first"] = _skm_dict(first)
        result["skm_latest"] = _skm_dict(last)
        result["skm_change"] = float(skm.change(first.result, last.result)) if len(per_quarter) > 1 else None
    return result


def _change_dict(change) -> dict:  # noqa: ANN001
    return {
        "key": change.key,
        "label": change.label,
        "unit": change.unit,
        "baseline": change.baseline,
        "latest": change.value,
        "difference": change.difference,
        "percent": change.percent,
        "improved": change.improved,
    }


def _skm_dict(quarter) -> dict:  # noqa: ANN001
    result = quarter.result
    return {
        "quarter": [quarter.year, quarter.quarter],
        "index": float(result.index),
        "grade": result.grade,
        "label": result.label,
        "n": result.respondents,
        "too_few": result.too_few,
    }


def _improved_counts(teams: list[dict]) -> dict[str, dict[str, int]]:
    """Per indicator: teams that improved, worsened, and the n of teams with both figures."""
    out: dict[str, dict[str, int]] = {}
    for key in L4_KEYS:
        items = [i for t in teams for i in t["indicators"] if i["key"] == key and i["difference"] is not None]
        out[key] = {
            "improved": sum(1 for i in items if i["improved"] is True),
            "worse": sum(1 for i in items if i["improved"] is False),
            "n": len(items),
        }
    return out
