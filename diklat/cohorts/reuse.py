"""Create a cohort from an earlier one: schedule on working days, plus what features register to copy.

Never copied: people, teams, answers, attempts, SOPs or any other work of the earlier cohort.
Features add their part with ``register_cohort_copier(fn)``, ``fn(source, target, shift)`` where
``shift(day)`` moves a date of the earlier course to the new one (working days).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from diklat.auth.models import User
from diklat.cohorts.models import Cohort, CourseSession
from diklat.cohorts.reuse_rules import shift_day
from diklat.cohorts.services import create_cohort
from diklat.extensions import db
from diklat.followups.schedule import is_working_day, non_working_days

Shift = Callable[[date], date]
Copier = Callable[[Cohort, Cohort, Shift], None]
COHORT_COPIERS: list[Copier] = []


def register_cohort_copier(copier: Copier) -> None:
    """Add a feature's copy step (idempotent)."""
    if copier not in COHORT_COPIERS:
        COHORT_COPIERS.append(copier)


def off_days(*starts: date) -> dict[date, str]:
    """Non-working days of the years around the given dates (follow-ups run up to a year later)."""
    years = {year for start in starts for year in range(start.year - 1, start.year + 2)}
    return non_working_days(years)


def start_problem(start: date) -> str | None:
    """Why ``start`` cannot begin a course (untranslated message), or None."""
    from diklat.common.markers import N_

    if not is_working_day(start, off_days(start)):
        return N_("The first day must be a working day (not a weekend or public holiday).")
    return None


def copy_cohort(source: Cohort, creator: User, name: str, start: date, place: str) -> Cohort:
    """A new cohort with the earlier one's course, schedule and registered settings; the creator facilitates."""
    off = off_days(source.start_date, start)

    def shift(day: date) -> date:
        return shift_day(day, source.start_date, source.end_date, start, off)

    cohort = create_cohort(
        creator,
        name=name,
        course=source.course,
        place=place or source.place,
        start_date=start,
        end_date=shift(source.end_date),
        timezone=source.timezone,
    )
    for session in source.sessions:
        db.session.add(
            CourseSession(
                cohort_id=cohort.id,
                day=shift(session.day),
                start_time=session.start_time,
                end_time=session.end_time,
                title=session.title,
                module_number=session.module_number,
                room=session.room,
            )
        )
    db.session.flush()
    for copier in COHORT_COPIERS:
        copier(source, cohort, shift)
    db.session.flush()
    return cohort
