"""Service-indicator figures over a period and their change against the baseline: pure.

Baseline = the recorded months before the month the course started. A quarter's figures use
only months on or after that month, so a quarter that straddles the course is not mixed.
Missing figures stay ``None`` (never 0): a period without data has no average.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from diklat.common.formatting import round_half_up
from diklat.common.markers import N_
from diklat.monitoring.periods import quarter_of


@dataclass(frozen=True)
class MonthFigures:
    """The recorded figures of one service in one month."""

    month: date
    services: int
    avg_minutes: float | None
    median_minutes: float | None
    received: int
    resolved: int
    first_visit: int


@dataclass(frozen=True)
class PeriodSummary:
    """Figures of a period (several months); every value is None when it cannot be computed."""

    months: int
    services_total: int
    services_per_month: float | None
    avg_minutes: float | None  # weighted by the number of services of each month
    median_minutes: float | None  # median of the monthly medians (a median cannot be pooled exactly)
    complaints_per_month: float | None
    resolved_percent: float | None
    first_visit_percent: float | None


# key, label, unit, True when a lower value is better
INDICATORS = (
    ("avg_minutes", N_("Average service time"), N_("minutes"), True),
    ("median_minutes", N_("Median service time"), N_("minutes"), True),
    ("complaints_per_month", N_("Complaints per month"), N_("complaints"), True),
    ("resolved_percent", N_("Complaints resolved"), "%", False),
    ("first_visit_percent", N_("Completed on the first visit"), "%", False),
    ("services_per_month", N_("Services per month"), N_("services"), None),
)


def summarize(months: Iterable[MonthFigures]) -> PeriodSummary:
    """Pool the months of one period."""
    items = list(months)
    n = len(items)
    total = sum(m.services for m in items)
    timed = [(m.avg_minutes, m.services) for m in items if m.avg_minutes is not None and m.services > 0]
    weight = sum(s for _, s in timed)
    medians = [m.median_minutes for m in items if m.median_minutes is not None]
    received = sum(m.received for m in items)
    return PeriodSummary(
        months=n,
        services_total=total,
        services_per_month=_round(total / n) if n else None,
        avg_minutes=_round(sum(a * s for a, s in timed) / weight) if weight else None,
        median_minutes=_round(statistics.median(medians)) if medians else None,
        complaints_per_month=_round(received / n) if n else None,
        resolved_percent=_round(100 * sum(m.resolved for m in items) / received) if received else None,
        first_visit_percent=_round(100 * sum(m.first_visit for m in items) / total) if total else None,
    )


def _round(value: float) -> float:
    """One decimal, half-up on the decimal value like every reported figure (0.25 → 0.3)."""
    return float(round_half_up(value, 1))


def split_baseline(months: Iterable[MonthFigures], course_month: date) -> tuple[list[MonthFigures], list[MonthFigures]]:
    """Months before the course month (baseline) and from it on (during/after)."""
    items = sorted(months, key=lambda m: m.month)
    return [m for m in items if m.month < course_month], [m for m in items if m.month >= course_month]


def by_quarter(months: Iterable[MonthFigures]) -> dict[tuple[int, int], list[MonthFigures]]:
    """Months grouped by calendar quarter, in order."""
    out: dict[tuple[int, int], list[MonthFigures]] = {}
    for m in sorted(months, key=lambda m: m.month):
        out.setdefault(quarter_of(m.month), []).append(m)
    return out


@dataclass(frozen=True)
class Change:
    """One indicator: baseline value, period value, difference and whether it moved the right way."""

    key: str
    label: str
    unit: str
    baseline: float | None
    value: float | None
    difference: float | None
    percent: float | None
    improved: bool | None  # None when unknown or when the direction has no meaning


def compare(baseline: PeriodSummary, period: PeriodSummary) -> list[Change]:
    """Every indicator of ``period`` against ``baseline``."""
    changes = []
    for key, label, unit, lower_is_better in INDICATORS:
        before, after = getattr(baseline, key), getattr(period, key)
        difference = percent = improved = None
        if before is not None and after is not None:
            difference = _round(after - before)
            percent = _round(100 * (after - before) / before) if before else None
            if lower_is_better is not None and difference != 0:
                improved = (difference < 0) == lower_is_better
        changes.append(Change(key, label, unit, before, after, difference, percent, improved))
    return changes


def latest_quarter(quarters: dict[tuple[int, int], list[MonthFigures]]) -> tuple[int, int] | None:
    """The latest quarter with all three months recorded; the latest one at all when none is complete."""
    if not quarters:
        return None
    complete = [key for key, months in quarters.items() if len(months) == 3]
    return max(complete) if complete else max(quarters)
