"""Months and quarters: pure helpers shared by indicators, SKM and reviews."""

from __future__ import annotations

import re
from datetime import date, datetime

MONTH_NAMES = {
    # Indonesian and English, full and short, lower case
    "januari": 1,
    "jan": 1,
    "january": 1,
    "februari": 2,
    "feb": 2,
    "pebruari": 2,
    "february": 2,
    "maret": 3,
    "mar": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "agustus": 8,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "aug": 8,
    "august": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "october": 10,
    "november": 11,
    "nov": 11,
    "nop": 11,
    "desember": 12,
    "des": 12,
    "dec": 12,
    "december": 12,
}
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[ T].*)?$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{4})$")
_NAMED = re.compile(r"^([a-z]+)\.?[ -]+(\d{4})$")


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


def parse_month(text: str) -> date | None:
    """Read a month written as 2025-07, 2025-07-01, 07/2025, 'Juli 2025' or 'Jul 2025'; None if unreadable."""
    value = text.strip().lower()
    if not value:
        return None
    year = month = None
    if match := _ISO.match(value):
        year, month = int(match.group(1)), int(match.group(2))
    elif match := _MONTH_YEAR.match(value):
        month, year = int(match.group(1)), int(match.group(2))
    elif match := _NAMED.match(value):
        month, year = MONTH_NAMES.get(match.group(1)), int(match.group(2))
    if not year or not month or not 1 <= month <= 12 or year < 1900:
        return None
    return date(year, month, 1)


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


def quarter_label(year: int, quarter: int) -> str:
    """Neutral 'Q2 2026' label for files and logs (pages show a translated one)."""
    return f"Q{quarter} {year}"


def quarters_from(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    """Every quarter from ``first`` to ``last`` inclusive."""
    out, (year, quarter) = [], first
    while (year, quarter) <= last:
        out.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return out
