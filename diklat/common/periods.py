"""Months and quarters: the one place for period arithmetic (pure, no Flask). Months are their first day."""

from __future__ import annotations

from datetime import date, datetime


def month_start(day: date) -> date:
    """The first day of the month of ``day``."""
    return date(day.year, day.month, 1)


def add_months(month: date, count: int) -> date:
    """The first day of the month ``count`` months after ``month`` (negative goes back)."""
    index = month.year * 12 + (month.month - 1) + count
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> list[date]:
    """Every month from ``first`` to ``last`` inclusive (first days)."""
    out, current = [], month_start(first)
    while current <= last:
        out.append(current)
        current = add_months(current, 1)
    return out


def quarter_of(day: date | datetime) -> tuple[int, int]:
    """(year, quarter 1–4) of a date."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_months(year: int, quarter: int) -> list[date]:
    """The three months of a quarter."""
    first = date(year, 3 * (quarter - 1) + 1, 1)
    return [add_months(first, i) for i in range(3)]


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First day of the quarter and first day of the next one (half-open range)."""
    first = date(year, 3 * (quarter - 1) + 1, 1)
    return first, add_months(first, 3)


def quarters_from(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    """Every quarter from ``first`` to ``last`` inclusive."""
    out, (year, quarter) = [], first
    while (year, quarter) <= last:
        out.append((year, quarter))
        year, quarter = next_quarter(year, quarter)
    return out


def next_quarter(year: int, quarter: int) -> tuple[int, int]:
    """The quarter after (year, quarter)."""
    return (year + 1, 1) if quarter == 4 else (year, quarter + 1)
