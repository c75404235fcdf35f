"""Access helpers for the busiest test pages."""

from __future__ import annotations

from sqlalchemy.orm import lazyload

from diklat.cohorts.access import CohortAccess, load_cohort
from diklat.cohorts.models import Cohort
from diklat.extensions import db


def load_cohort_light(cohort_id: int, roles: frozenset[str]) -> CohortAccess:
    """``load_cohort`` without eagerly loading every member, user and team of the cohort.

    The platform's ``Cohort.members`` relationship is ``selectin``; on the per-answer save endpoint that would read
    all members on every request. Putting the cohort in the identity map first with lazy members keeps the same
    access checks (same 404/403) at a fraction of the cost.
    """
    db.session.get(Cohort, cohort_id, options=[lazyload(Cohort.members), lazyload(Cohort.teams)])
    return load_cohort(cohort_id, roles)
