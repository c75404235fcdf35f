"""Follow-up schedule rules: offsets from the course's last day, moved onto working days.

Pure: no Flask, no database. Holidays come from the maintained ``holidays`` package
(Indonesian public holidays, optionally the civil-service collective leave days, *cuti bersama*).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

import holidays

from diklat.common.markers import N_

VISIT = "visit"
FOLLOWUP_SESSION = "followup_session"
GROUP_REVIEW = "group_review"
REPORT_DUE = "report_due"
EVALUATION = "evaluation"
KINDS = (VISIT, FOLLOWUP_SESSION, GROUP_REVIEW, REPORT_DUE, EVALUATION)
TEAM_KINDS = frozenset({VISIT, REPORT_DUE, EVALUATION})  # one item per team; the others are cohort-wide

PLANNED, CONFIRMED, DONE, MISSED, RESCHEDULED, CANCELLED = (
    "planned",
    "confirmed",
    "done",
    "missed",
    "rescheduled",
    "cancelled",
)
STATUSES = (PLANNED, CONFIRMED, DONE, MISSED, RESCHEDULED, CANCELLED)
OPEN_STATUSES = frozenset({PLANNED, CONFIRMED, RESCHEDULED})  # still expected to happen

MAX_OFFSET_DAYS = 730
MAX_EVALUATIONS = 8


@dataclass(frozen=True)
class Offsets:
    """When each follow-up item falls, in calendar days after the course's last day."""

    visit_days_after: int = 30
    visit_length_days: int = 2
    session_days_after: int = 30
    review_days_after: int = 60
    report_days_after: int = 90
    evaluation_first_days_after: int = 90
    evaluation_interval_days: int = 91
    evaluation_count: int = 2
    collective_leave: bool = True  # also skip cuti bersama days


@dataclass(frozen=True)
class PlannedDate:
    """One generated item: kind, sequence (for evaluations), dates and why it moved."""

    kind: str
    sequence: int
    starts_on: date
    ends_on: date
    target: date
    skipped: tuple[str, ...] = field(default=())

    @property
    def per_team(self) -> bool:
        """Whether the item is generated once per team."""
        return self.kind in TEAM_KINDS


def non_working_days(years: Iterable[int], collective_leave: bool = True) -> dict[date, str]:
    """Indonesian public holidays (and cuti bersama when asked) of ``years``, date → Indonesian name."""
    categories = ("public", "government") if collective_leave else ("public",)
    found = holidays.country_holidays("ID", years=sorted(set(years)), categories=categories, language="id")
    return dict(found.items())


def holidays_around(start: date, days: int, collective_leave: bool = True) -> dict[date, str]:
    """Non-working days of every year between ``start`` and ``days`` later (plus a margin year)."""
    end = start + timedelta(days=days + 60)
    return non_working_days(range(start.year, end.year + 1), collective_leave)


def is_working_day(day: date, off: Mapping[date, str]) -> bool:
    """Monday to Friday and not a holiday."""
    return day.weekday() < 5 and day not in off


def next_working_day(day: date, off: Mapping[date, str]) -> tuple[date, tuple[str, ...]]:
    """``day`` itself when it is a working day, else the next one; also the holiday names skipped."""
    skipped: list[str] = []
    while not is_working_day(day, off):
        if day in off and off[day] not in skipped:
            skipped.append(off[day])
        day += timedelta(days=1)
    return day, tuple(skipped)


def working_span(start: date, length: int, off: Mapping[date, str]) -> date:
    """Last day of ``length`` working days beginning on ``start`` (a working day)."""
    day, remaining = start, max(1, length) - 1
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day, off):
            remaining -= 1
    return day


def _item(kind: str, sequence: int, target: date, length: int, off: Mapping[date, str]) -> PlannedDate:
    start, skipped = next_working_day(target, off)
    return PlannedDate(kind, sequence, start, working_span(start, length, off), target, skipped)


def plan(course_end: date, offsets: Offsets, off: Mapping[date, str]) -> list[PlannedDate]:
    """Every follow-up item of a cohort, in date order, on working days."""
    items = [
        _item(VISIT, 1, course_end + timedelta(days=offsets.visit_days_after), offsets.visit_length_days, off),
        _item(FOLLOWUP_SESSION, 1, course_end + timedelta(days=offsets.session_days_after), 1, off),
        _item(GROUP_REVIEW, 1, course_end + timedelta(days=offsets.review_days_after), 1, off),
        _item(REPORT_DUE, 1, course_end + timedelta(days=offsets.report_days_after), 1, off),
    ]
    for n in range(offsets.evaluation_count):
        days = offsets.evaluation_first_days_after + n * offsets.evaluation_interval_days
        items.append(_item(EVALUATION, n + 1, course_end + timedelta(days=days), 1, off))
    return sorted(items, key=lambda i: (i.starts_on, KINDS.index(i.kind), i.sequence))


def plan_horizon(offsets: Offsets) -> int:
    """How many days after the course the last item may fall (for loading holidays)."""
    last_eval = (
        offsets.evaluation_first_days_after + max(0, offsets.evaluation_count - 1) * offsets.evaluation_interval_days
    )
    return (
        max(
            offsets.visit_days_after,
            offsets.session_days_after,
            offsets.review_days_after,
            offsets.report_days_after,
            last_eval if offsets.evaluation_count else 0,
        )
        + 30
    )


def offsets_problems(o: Offsets) -> dict[str, str]:
    """Field name → (untranslated) problem with the offsets; empty when they are consistent."""
    problems: dict[str, str] = {}
    for name in (
        "visit_days_after",
        "session_days_after",
        "review_days_after",
        "report_days_after",
        "evaluation_first_days_after",
    ):
        if not 1 <= getattr(o, name) <= MAX_OFFSET_DAYS:
            problems[name] = N_("Enter a number of days from 1 to 730.")
    if not 1 <= o.visit_length_days <= 2:
        problems["visit_length_days"] = N_("A mentoring visit lasts 1 or 2 days.")
    if not 0 <= o.evaluation_count <= MAX_EVALUATIONS:
        problems["evaluation_count"] = N_("Enter from 0 to 8 evaluations.")
    if o.evaluation_count > 1 and not 28 <= o.evaluation_interval_days <= 366:
        problems["evaluation_interval_days"] = N_("Enter an interval from 28 to 366 days.")
    if "review_days_after" not in problems and o.review_days_after < o.session_days_after:
        problems["review_days_after"] = N_("The group review comes after the follow-up session.")
    return problems


def is_overdue(status: str, ends_on: date, today: date) -> bool:
    """An item still open after its last day is overdue (derived, never stored)."""
    return status in OPEN_STATUSES and ends_on < today


def reminder_kinds(status: str, starts_on: date, ends_on: date, today: date, days_before: int) -> list[str]:
    """Reminder keys due today: ``before:<start>`` within ``days_before`` days, ``overdue:<end>`` after."""
    if status not in OPEN_STATUSES:
        return []
    if is_overdue(status, ends_on, today):
        return [f"overdue:{ends_on.isoformat()}"]
    if starts_on - timedelta(days=days_before) <= today <= starts_on:
        return [f"before:{starts_on.isoformat()}"]
    return []


def day_problem(day: date, off: Mapping[date, str]) -> tuple[str, dict] | None:
    """(message, params) when ``day`` is not a working day; None when it is."""
    if day in off:
        return N_("%(date)s is a holiday (%(name)s). Choose a working day."), {
            "date": day.isoformat(),
            "name": off[day],
        }
    if day.weekday() >= 5:
        return N_("%(date)s falls on a weekend. Choose a working day."), {"date": day.isoformat()}
    return None
