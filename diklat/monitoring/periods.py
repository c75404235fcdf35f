"""Reading months as people write them; the arithmetic lives in :mod:`diklat.common.periods`."""

from __future__ import annotations

import re
from datetime import date

from diklat.common.periods import (  # noqa: F401 - re-exported for the monitoring modules
    add_months,
    month_start,
    months_between,
    quarter_bounds,
    quarter_months,
    quarter_of,
    quarters_from,
)

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
