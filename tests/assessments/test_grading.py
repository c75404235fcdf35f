"""Scoring every question type, and the per-attempt layout that hides the stored order."""

from __future__ import annotations

import pytest

from diklat.assessments.grading import grade, is_answered, parse_number
from diklat.assessments.layout import attempt_layout, form_state, make_slot, response_from_fields

MC = {
    "choices": [
        {"text": "a", "fraction": 0.0, "feedback": ""},
        {"text": "b", "fraction": 1.0, "feedback": ""},
        {"text": "c", "fraction": 0.5, "feedback": ""},
    ]
}
MR = {
    "choices": [
        {"text": "a", "fraction": 0.5, "feedback": ""},
        {"text": "b", "fraction": 0.5, "feedback": ""},
        {"text": "c", "fraction": -1.0, "feedback": ""},
        {"text": "d", "fraction": -0.5, "feedback": ""},
    ]
}
SA = {
    "answers": [
        {"text": "no one", "fraction": 1.0, "feedback": ""},
        {"text": "Sur*bay*", "fraction": 0.75, "feedback": ""},
        {"text": "*", "fraction": 0.0, "feedback": "Salah"},
    ]
}
NUM = {
    "answers": [
        {"value": 1822.0, "tolerance": 0.0, "fraction": 1.0, "feedback": ""},
        {"value": 1822.0, "tolerance": 2.0, "fraction": 0.5, "feedback": ""},
        {"value": None, "tolerance": 0.0, "fraction": 0.0, "feedback": ""},
    ]
}
MATCH = {
    "pairs": [
        {"question": "Kapsul", "answer": "Awal"},
        {"question": "Ketupat", "answer": "Keputusan"},
        {"question": "Kotak", "answer": "Kegiatan"},
        {"question": "", "answer": "Arsip"},
    ]
}


@pytest.mark.parametrize(
    ("qtype", "data", "response", "expected"),
    [
        ("multichoice", MC, {"choice": 1}, 1.0),
        ("multichoice", MC, {"choice": 2}, 0.5),
        ("multichoice", MC, {"choice": 0}, 0.0),
        ("multichoice", MC, {"choice": 9}, 0.0),
        ("multiresponse", MR, {"choices": [0, 1]}, 1.0),
        ("multiresponse", MR, {"choices": [0]}, 0.5),
        ("multiresponse", MR, {"choices": [0, 1, 3]}, 0.5),
        ("multiresponse", MR, {"choices": [0, 2]}, 0.0),  # negative total floored at 0
        ("multiresponse", MR, {"choices": [0, 1, 2, 3]}, 0.0),
        ("truefalse", {"correct": False}, {"value": False}, 1.0),
        ("truefalse", {"correct": False}, {"value": True}, 0.0),
        ("shortanswer", SA, {"text": "No One"}, 1.0),
        ("shortanswer", SA, {"text": "  noone "}, 1.0),  # spaces do not count
        ("shortanswer", SA, {"text": "Surabaya"}, 0.75),  # wildcard
        ("shortanswer", SA, {"text": "SURBAY"}, 0.75),  # * matches nothing too
        ("shortanswer", SA, {"text": "Jakarta"}, 0.0),
        ("numerical", NUM, {"text": "1822"}, 1.0),
        ("numerical", NUM, {"text": "1823,5"}, 0.5),
        ("numerical", NUM, {"text": "1830"}, 0.0),
        ("numerical", NUM, {"text": "banyak"}, 0.0),
        ("matching", MATCH, {"pairs": {"0": 0, "1": 1, "2": 2}}, 1.0),
        ("matching", MATCH, {"pairs": {"0": 0, "1": 3}}, pytest.approx(1 / 3)),
        ("matching", MATCH, {"pairs": {"0": 3, "1": "x"}}, 0.0),
        ("multichoice", MC, None, 0.0),
    ],
)
def test_grade(qtype, data, response, expected):
    assert grade(qtype, data, response) == expected


def test_short_answer_literal_star_and_regex_characters():
    data = {"answers": [{"text": "a\\*b (c)", "fraction": 1.0, "feedback": ""}]}
    assert grade("shortanswer", data, {"text": "A*B (C)"}) == 1.0
    assert grade("shortanswer", data, {"text": "axb (c)"}) == 0.0


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3.14", 3.14),
        ("3,14", 3.14),
        (" 1e3 ", 1000.0),
        ("", None),
        ("nan", None),
        ("1.000,5", 1000.5),
        ("1,000.5", 1000.5),
        ("1.000.000", 1_000_000.0),
        ("85%", 85.0),
        ("85 %", 85.0),
        ("1.000", 1.0),
        ("1,2,3", None),
        ("1.2.3", None),
        ("%", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_is_answered():
    assert not is_answered("multiresponse", {"choices": []})
    assert is_answered("truefalse", {"value": False})
    assert not is_answered("shortanswer", {"text": "  "})


def test_layout_is_deterministic_per_seed_and_differs_between_seeds():
    questions = [
        (i, "multichoice", {"choices": [{"text": str(j), "fraction": 0, "feedback": ""} for j in range(5)]})
        for i in range(1, 21)
    ]
    one = attempt_layout(42, questions, True, True)
    assert one == attempt_layout(42, questions, True, True)
    other = attempt_layout(43, questions, True, True)
    assert [s.question_id for s in one] != [s.question_id for s in other]
    assert sorted(s.question_id for s in one) == list(range(1, 21))
    fixed = attempt_layout(42, questions, False, False)
    assert [s.question_id for s in fixed] == list(range(1, 21))
    assert all(s.choice_order == [0, 1, 2, 3, 4] for s in fixed)


def test_form_positions_map_to_stored_indices_and_back():
    slot = make_slot(7, 5, "multiresponse", MR, True)
    positions = [str(slot.choice_order.index(0)), str(slot.choice_order.index(1))]
    response = response_from_fields(slot, {"q5": positions})
    assert response == {"choices": [0, 1]}
    assert form_state(slot, response)["selected"] == {int(p) for p in positions}
    slot = make_slot(7, 6, "matching", MATCH, True)
    fields = {f"q6_{pos}": [str(slot.option_order.index(pair))] for pos, pair in enumerate(slot.pair_order)}
    response = response_from_fields(slot, fields)
    assert grade("matching", MATCH, response) == 1.0
    assert response_from_fields(slot, {}) is None
    assert response_from_fields(make_slot(1, 2, "multichoice", MC, True), {"q2": ["99"]}) is None
