"""Follow-ups' part of a new cohort: the plan's offsets are copied (items are generated later, from them)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select

from diklat.cohorts.models import Cohort
from diklat.extensions import db
from diklat.followups import schedule
from diklat.followups.models import FollowupPlan


def copy_offsets(source: Cohort, target: Cohort, shift: Callable[[date], date]) -> None:
    """The earlier cohort's follow-up offsets and options; never its items, visits or reports."""
    plan = db.session.scalar(select(FollowupPlan).where(FollowupPlan.cohort_id == source.id))
    if plan is None:
        return
    fields = {name: getattr(plan, name) for name in schedule.Offsets.__dataclass_fields__}
    db.session.add(FollowupPlan(cohort_id=target.id, session_place=plan.session_place or target.place, **fields))
    db.session.flush()
