"""Trial-report indicators: allowed ranges, change before → during, SKM grade. Pure."""

from __future__ import annotations

from diklat.common.markers import N_
from diklat.common.skm_grades import grade

SERVICE_TIME, COMPLAINTS, FIRST_VISIT, SKM = "service_time", "complaints", "first_visit", "skm"
RANGES = {SERVICE_TIME: (0.0, 100_000.0), COMPLAINTS: (0.0, 100_000.0), FIRST_VISIT: (0.0, 100.0), SKM: (25.0, 100.0)}
LOWER_IS_BETTER = frozenset({SERVICE_TIME, COMPLAINTS})


def value_problem(indicator: str, value: float | None) -> tuple[str, dict] | None:
    """(message, params) when ``value`` is outside the indicator's range; None when fine or empty."""
    if value is None:
        return None
    low, high = RANGES[indicator]
    if not low <= value <= high:
        return N_("Enter a value from %(low)s to %(high)s."), {"low": f"{low:g}", "high": f"{high:g}"}
    return None


def change(indicator: str, before: float | None, during: float | None) -> dict | None:
    """Difference during − before, relative change, and whether it is an improvement."""
    if before is None or during is None:
        return None
    delta = during - before
    relative = delta / before if before else None
    improved = None if delta == 0 else (delta < 0) == (indicator in LOWER_IS_BETTER)
    return {"delta": delta, "relative": relative, "improved": improved}


def skm_grade(index: float | None) -> tuple[str, str] | None:
    """(letter, label as the regulation writes it) of an SKM index value, graded by the SKM module."""
    if index is None:
        return None
    return grade(index)
