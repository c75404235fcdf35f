"""SKM grade bands of PermenPAN-RB 14/2017, shared by monitoring (the index) and follow-ups (trial reports). Pure.

The bands are written with two decimals: 25.00–64.99 D, 65.00–76.60 C, 76.61–88.30 B, 88.31–100.00 A.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

GRADES = (
    (Decimal("88.31"), "A", "Sangat Baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang Baik"),
    (Decimal("25.00"), "D", "Tidak Baik"),
)


def grade(index: Decimal | float | str) -> tuple[str, str]:
    """Letter and label of an index already rounded to two decimals."""
    value = Decimal(str(index)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if value < Decimal("25.00") or value > Decimal("100.00"):
        raise ValueError(f"SKM index outside 25–100: {value}")
    for lower, letter, label in GRADES:
        if value >= lower:
            return letter, label
    raise AssertionError("unreachable")  # pragma: no cover
