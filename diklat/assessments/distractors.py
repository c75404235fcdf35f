"""Distractor analysis of choice questions: how often the upper and lower thirds chose each option.

Pure: plain values in, plain values out (no Flask, no database).
"""

from __future__ import annotations

from dataclasses import dataclass

UNUSED, ATTRACTS_UPPER = "unused", "attracts_upper"


@dataclass(frozen=True)
class OptionStats:
    """One option: its share among the upper and lower thirds (0–1) and a flag for a weak distractor."""

    index: int
    correct: bool
    upper: float
    lower: float
    overall: float
    flag: str | None


def thirds(totals: list[float]) -> tuple[list[int], list[int]]:
    """Positions of the upper and lower thirds by total score (at least one each when there are 2+)."""
    order = sorted(range(len(totals)), key=lambda i: (totals[i], i))
    size = max(1, round(len(totals) / 3)) if len(totals) >= 2 else 0
    return order[len(order) - size :], order[:size]


def _share(picks: list[set[int]], rows: list[int], option: int) -> float:
    return sum(1 for r in rows if option in picks[r]) / len(rows) if rows else 0.0


def analyse(totals: list[float], picks: list[set[int]], fractions: list[float]) -> list[OptionStats]:
    """Per option of one question: ``totals`` and ``picks`` (chosen option indexes) per attempt, in the same order."""
    upper, lower = thirds(totals)
    everyone = list(range(len(totals)))
    out = []
    for option, fraction in enumerate(fractions):
        correct = fraction > 0
        up, low = _share(picks, upper, option), _share(picks, lower, option)
        overall = _share(picks, everyone, option)
        flag = None
        if not correct and everyone and overall == 0:
            flag = UNUSED
        elif not correct and up > low:
            flag = ATTRACTS_UPPER
        out.append(OptionStats(option, correct, up, low, overall, flag))
    return out
