"""SKM index (PermenPAN-RB 14/2017) against examples worked by hand, including the grade boundaries."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from diklat.monitoring import skm

# Worked by hand:
#   R1 3 3 3 3 3 3 3 3 3 | R2 4 3 3 4 3 4 4 3 3 | R3 2 3 2 3 3 3 4 2 3 | R4 3 4 3 4 3 4 4 3 4
#   NRR = 12/4, 13/4, 11/4, 14/4, 12/4, 14/4, 15/4, 11/4, 13/4 = 3.00 3.25 2.75 3.50 3.00 3.50 3.75 2.75 3.25
#   Σ NRR = 28.75; weighted NRR = 28.75 × 1/9 = 3.19444…; index = 79.8611… → 79.86 → B "Baik".
#   With the rounded weight 0.111 the index would be 79.78: the exact 1/9 matters.
HAND = [
    [3, 3, 3, 3, 3, 3, 3, 3, 3],
    [4, 3, 3, 4, 3, 4, 4, 3, 3],
    [2, 3, 2, 3, 3, 3, 4, 2, 3],
    [3, 4, 3, 4, 3, 4, 4, 3, 4],
]


def test_hand_worked_example():
    result = skm.compute(HAND)
    assert result.respondents == 4
    assert [float(v) for v in result.nrr] == [3.0, 3.25, 2.75, 3.5, 3.0, 3.5, 3.75, 2.75, 3.25]
    assert result.weighted_nrr == Fraction(2875, 900)
    assert result.index == Decimal("79.86")
    assert (result.grade, result.label) == ("B", "Baik")
    assert result.too_few


def test_weight_is_exactly_one_ninth():
    assert Fraction(1, 9) == skm.WEIGHT
    assert skm.compute(HAND).index != Decimal("79.78")


def _responses(n: int, total: int) -> list[list[int]]:
    """n respondents whose 9n answers (1–4) add up to ``total``."""
    answers = [1] * (9 * n)
    extra = total - 9 * n
    for i in range(len(answers)):
        step = min(3, extra)
        answers[i] += step
        extra -= step
    assert extra == 0
    return [answers[i * 9 : (i + 1) * 9] for i in range(n)]


# index = 25 × total / (9n); each pair gives the boundary value exactly.
@pytest.mark.parametrize(
    ("n", "total", "index", "grade", "label"),
    [
        (2500, 58491, "64.99", "D", "Tidak Baik"),
        (5, 117, "65.00", "C", "Kurang Baik"),
        (125, 3447, "76.60", "C", "Kurang Baik"),
        (2500, 68949, "76.61", "B", "Baik"),
        (250, 7947, "88.30", "B", "Baik"),
        (2500, 79479, "88.31", "A", "Sangat Baik"),
        (3, 27, "25.00", "D", "Tidak Baik"),
        (3, 108, "100.00", "A", "Sangat Baik"),
    ],
)
def test_grade_boundaries_from_responses(n, total, index, grade, label):
    result = skm.compute(_responses(n, total))
    assert result.index == Decimal(index)
    assert (result.grade, result.label) == (grade, label)


@pytest.mark.parametrize(
    ("index", "grade"),
    [
        ("25.00", "D"),
        ("64.99", "D"),
        ("65.00", "C"),
        ("76.60", "C"),
        ("76.61", "B"),
        ("88.30", "B"),
        ("88.31", "A"),
        ("100.00", "A"),
    ],
)
def test_grade_table(index, grade):
    assert skm.grade(index)[0] == grade


def test_index_is_rounded_half_up_before_grading():
    assert skm.round_index(Fraction(76605, 1000)) == Decimal("76.61")
    assert skm.round_index(Fraction(88305, 1000)) == Decimal("88.31")
    assert skm.round_index(Fraction(649949, 10000)) == Decimal("64.99")


def test_nrr_shown_is_rounded_half_up_on_the_exact_value():
    responses = [[3] * 9 for _ in range(39)] + [[4] + [3] * 8]  # element 1: 121/40 = 3.025 exactly
    result = skm.compute(responses)
    assert result.nrr[0] == Fraction(121, 40)
    assert result.nrr_float()[0] == 3.03  # round(3.025, 2) on the float gives 3.02


def test_grade_rejects_impossible_index():
    with pytest.raises(ValueError):
        skm.grade("24.99")
    with pytest.raises(ValueError):
        skm.grade("100.01")


def test_no_responses_gives_no_result():
    assert skm.compute([]) is None


@pytest.mark.parametrize("answers", [[3] * 8, [3] * 8 + [5], [3] * 8 + [0], [3] * 8 + [None]])
def test_invalid_answers_are_refused(answers):
    assert skm.check_answers(answers) is not None
    with pytest.raises(ValueError):
        skm.compute([answers])


def test_threshold_and_margin():
    few = skm.compute([[3] * 9, [4] * 9])
    assert few.too_few and few.margin is not None
    many = skm.compute([[3] * 9] * 15 + [[4] * 9] * 15)
    assert not many.too_few
    assert many.respondents == skm.MIN_RESPONDENTS
    assert skm.compute([[3] * 9]).margin is None


def test_change_between_quarters():
    before, after = skm.compute([[3] * 9]), skm.compute([[4] * 9])
    assert skm.change(before, after) == Decimal("25.00")
    assert skm.change(None, after) is None
