"""Citizen satisfaction index (SKM) after PermenPAN-RB 14/2017: pure, no Flask, no database.

Nine elements answered 1–4. NRR per element = sum of answers / respondents; the weighted NRR uses
the exact weight 1/9 (kept as a fraction, never 0.111); index = weighted NRR × 25 (25–100).
The index is rounded to two decimals (half up) before it is graded, because the regulation's
bands are written with two decimals: 25.00–64.99 D, 65.00–76.60 C, 76.61–88.30 B, 88.31–100.00 A.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from diklat.common.formatting import round_half_up
from diklat.common.markers import N_
from diklat.common.skm_grades import grade

ELEMENT_COUNT = 9
WEIGHT = Fraction(1, ELEMENT_COUNT)
SCALE = (1, 2, 3, 4)
# Below this many respondents a quarter's index is shown with a warning. Why 30: with the spread
# usually seen on a 1–4 scale (a respondent's mean index varies by about 8–12 points), the standard
# error at n = 30 is about 2 index points, so the 95% interval is about ±4 points; with fewer
# respondents the interval grows past a third of a grade band (C and B are about 11.7 points wide)
# and a single unhappy visitor can move the grade.
MIN_RESPONDENTS = 30

# Element names as in the regulation, in its order (msgids in English, translated in the catalog).
ELEMENTS = (
    N_("Requirements"),
    N_("System, mechanism and procedure"),
    N_("Completion time"),
    N_("Cost/tariff"),
    N_("Product specification of the service type"),
    N_("Staff competence"),
    N_("Staff behaviour"),
    N_("Handling of complaints, suggestions and feedback"),
    N_("Facilities and infrastructure"),
)

# (lower bound of the rounded index, letter, label exactly as the regulation writes it)


@dataclass(frozen=True)
class SkmResult:
    """Per-element NRR, the weighted NRR, the index and its grade for one set of responses."""

    respondents: int
    nrr: tuple[Fraction, ...]
    weighted_nrr: Fraction
    index: Decimal
    grade: str
    label: str
    margin: float | None  # half-width of the 95% interval of the index, None below 2 respondents

    @property
    def too_few(self) -> bool:
        """True when the number of respondents is below :data:`MIN_RESPONDENTS`."""
        return self.respondents < MIN_RESPONDENTS

    def nrr_float(self) -> list[float]:
        """NRR per element as floats rounded to 2 decimals, for display."""
        return [float(round_half_up(v, 2)) for v in self.nrr]


def check_answers(answers: Sequence[int | None]) -> str | None:
    """The (untranslated) reason a respondent's nine answers are unusable, or None."""
    if len(answers) != ELEMENT_COUNT:
        return N_("Exactly nine answers are needed.")
    if any(a is None for a in answers):
        return N_("Every element needs an answer from 1 to 4.")
    if any(a not in SCALE for a in answers):
        return N_("Answers are on the scale 1 to 4.")
    return None


def round_index(value: Fraction) -> Decimal:
    """Round an exact index to two decimals, half up, as the grade table is written."""
    return round_half_up(value, 2)


def compute(responses: Sequence[Sequence[int]]) -> SkmResult | None:
    """The SKM of complete responses (nine answers 1–4 each); None when there are none."""
    if not responses:
        return None
    for answers in responses:
        if check_answers(answers) is not None:
            raise ValueError(f"invalid SKM answers: {answers!r}")
    n = len(responses)
    nrr = tuple(Fraction(sum(column), n) for column in zip(*responses, strict=True))
    weighted = sum((v * WEIGHT for v in nrr), Fraction(0))
    index = round_index(weighted * 25)
    letter, label = grade(index)
    return SkmResult(n, nrr, weighted, index, letter, label, _margin(responses))


def _margin(responses: Sequence[Sequence[int]]) -> float | None:
    """Half-width of a normal 95% interval for the mean of the respondents' own indices."""
    n = len(responses)
    if n < 2:
        return None
    own = [25 * total / ELEMENT_COUNT for total in map(sum, responses)]
    mean = sum(own) / n
    variance = sum((x - mean) ** 2 for x in own) / (n - 1)
    return float(round_half_up(1.96 * math.sqrt(variance / n), 2))


def change(before: SkmResult | None, after: SkmResult | None) -> Decimal | None:
    """Index points gained from ``before`` to ``after``; None when either is missing."""
    if before is None or after is None:
        return None
    return after.index - before.index
