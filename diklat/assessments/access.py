"""Access helpers for the busiest test pages."""

from __future__ import annotations

from diklat.cohorts.access import CohortAccess, load_cohort


def load_cohort_light(cohort_id: int, roles: frozenset[str]) -> CohortAccess:
    """``load_cohort`` without eagerly loading every member, user and team of the cohort.

    The platform's ``Cohort.members`` relationship is ``selectin``; on the per-answer save endpoint that would read
    all members on every request. Lazy members keep the same access checks (same 404/403) at a fraction of the cost.
    """
    return load_cohort(cohort_id, roles, light=True)
