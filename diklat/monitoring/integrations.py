"""What monitoring reads from (and tells) the features below it: curriculum, sops, assessments, followups.

Monitoring sits at the top of the layering (docs/ARCHITECTURE.md): it imports their query modules directly,
and none of them imports monitoring. "No data yet" is ``None`` so pages show "not available yet", not a zero.
"""

from __future__ import annotations

from diklat.assessments.queries import cohort_learning_summary
from diklat.curriculum.queries import team_worksheet_answers
from diklat.followups import queries as followups
from diklat.sops import queries as sops


def promised_minutes(team_id: int) -> int | None:
    """The promised service time from the team's Module 4 SLA worksheet, if any."""
    answers = team_worksheet_answers(team_id, 4)
    value = (answers.get("sla") or {}).get("standard_time_minutes")
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        return None
    return minutes if minutes > 0 else None


def sop_versions(team_id: int) -> list[dict]:
    """The team's SOP versions (id, number, reason, created_at, author), oldest first."""
    return sops.sop_versions(team_id)


def sop_status_counts(cohort_id: int) -> dict[str, int]:
    """SOP status → number of teams."""
    return sops.sop_status_counts(cohort_id)


def learning_summary(cohort_id: int) -> dict | None:
    """Pre/post results of the cohort; None without paired results."""
    return cohort_learning_summary(cohort_id)


def step_application(cohort_id: int) -> dict:
    """Share of SOP steps applied, from the mentoring visits."""
    return followups.step_application(cohort_id)


def complete_evaluation(team_id: int, year: int, quarter: int, user_id: int | None) -> bool:
    """Tell the follow-up plan that the team's quarterly review is done."""
    return followups.complete_evaluation(team_id, year, quarter, user_id)
