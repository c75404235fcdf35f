"""Moving a cohort's dates to a new start: the n-th working day of the old course becomes the n-th of the new.

Pure: no Flask, no database. Working days come from the follow-up schedule rules (weekends and
Indonesian public holidays are skipped).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from diklat.followups.schedule import is_working_day, next_working_day


def working_index(day: date, start: date, off: Mapping[date, str]) -> int:
    """How many working days after ``start`` (itself moved to a working day) ``day`` falls; negative before it."""
    first, _skipped = next_working_day(start, off)
    if day < first:
        return -sum(1 for n in range((first - day).days) if is_working_day(day + timedelta(days=n), off))
    return sum(1 for n in range(1, (day - first).days + 1) if is_working_day(first + timedelta(days=n), off))


def nth_working_day(start: date, index: int, off: Mapping[date, str]) -> date:
    """The working day ``index`` working days after ``start`` (moved to a working day first)."""
    day, _skipped = next_working_day(start, off)
    step = 1 if index >= 0 else -1
    remaining = abs(index)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day, off):
            remaining -= 1
    return day


def shift_day(day: date, old_start: date, old_end: date, new_start: date, off: Mapping[date, str]) -> date:
    """Where ``day`` of the old course falls in the new one.

    The n-th course day becomes the n-th working day from the new start (a course that ran on a day
    that is now a holiday still has all its days); a date before or after the course keeps its
    distance from it in working days.
    """
    if old_start <= day <= old_end:
        return nth_working_day(new_start, (day - old_start).days, off)
    if day < old_start:
        return nth_working_day(new_start, working_index(day, old_start, off), off)
    new_end = shift_day(old_end, old_start, old_end, new_start, off)
    return nth_working_day(new_end, working_index(day, old_end, off), off)
