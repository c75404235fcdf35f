"""Data from features built alongside this one, read lazily.

Every function returns ``None`` when the other feature is not installed (ImportError) or has no
data yet, so the caller shows "not available yet" instead of a made-up zero.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)


def _call(module: str, name: str, *args: Any) -> Any:
    """Call ``module.name(*args)``; None when the module or function is absent."""
    try:
        function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None
    return function(*args)


def promised_minutes(team_id: int) -> int | None:
    """The promised service time from the team's Module 4 SLA worksheet, if any."""
    answers = _call("diklat.curriculum.queries", "team_worksheet_answers", team_id, 4)
    if not answers:
        return None
    value = (answers.get("sla") or {}).get("standard_time_minutes")
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        return None
    return minutes if minutes > 0 else None


def sop_versions(team_id: int) -> list[dict] | None:
    """The team's SOP versions (id, number, reason, created_at, author); None without the sops feature."""
    return _call("diklat.sops.queries", "sop_versions", team_id)


def sop_status_counts(cohort_id: int) -> dict[str, int] | None:
    """SOP status → number of teams; None without the sops feature."""
    return _call("diklat.sops.queries", "sop_status_counts", cohort_id)


def learning_summary(cohort_id: int) -> dict | None:
    """Pre/post results of the cohort; None without the assessments feature or data."""
    return _call("diklat.assessments.queries", "cohort_learning_summary", cohort_id)


def step_application(cohort_id: int) -> dict | None:
    """Share of SOP steps applied from mentoring visits; None without the followups feature."""
    return _call("diklat.followups.queries", "step_application", cohort_id)


def complete_evaluation(team_id: int, year: int, quarter: int, user_id: int | None) -> bool:
    """Tell the follow-up plan that the team's quarterly review is done; False without that feature."""
    return bool(_call("diklat.followups.queries", "complete_evaluation", team_id, year, quarter, user_id))
