"""Pure cores: completion rules, numbering, check-in codes and windows, clashes, the limiter."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from diklat.certificates.completion import Facts, Rules, unmet
from diklat.certificates.numbering import format_number, new_code, pattern_problem
from diklat.cohorts import checkin
from diklat.followups.clashes import (
    COURSE_SESSION,
    FOLLOWUP_SESSION,
    VISIT,
    Booking,
    clashes_with,
    find_clashes,
    fingerprint,
)

DAY = date(2026, 3, 10)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (Facts(95, True, 80, True), []),
        (Facts(89.9, True, 80, True), ["Attendance"]),
        (Facts(95, False, None, True), ["post-test was not taken"]),
        (Facts(95, True, 55, True), ["below the pass mark"]),
        (Facts(50, False, None, False), ["Attendance", "post-test was not taken", "SOP"]),
    ],
)
def test_unmet_rules_are_named(facts, expected):
    problems = unmet(Rules(90, True, 60, True), facts)
    assert len(problems) == len(expected)
    for (message, _params), word in zip(problems, expected, strict=True):
        assert word in message


def test_rules_can_be_switched_off():
    assert unmet(Rules(0, False, None, False), Facts(0, False, None, False)) == []


def test_numbers_follow_the_pattern_and_codes_are_random():
    assert format_number("{seq:03}/SERT/DIKLAT-SOP/{year}", 7, 2026) == "007/SERT/DIKLAT-SOP/2026"
    assert pattern_problem("{seq:03}/SERT/{year}") is None
    assert pattern_problem("SERT/{year}") is not None
    assert pattern_problem("{seq}/{tahun}") is not None
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200 and all(len(c) == 10 for c in codes)


def test_checkin_code_rotates_each_minute_and_accepts_the_previous_one():
    at = datetime(2026, 3, 10, 1, 5, 30, tzinfo=UTC)
    minute = checkin.minute_index(at)
    now_code = checkin.code_for("s3cret", 5, minute)
    old_code = checkin.code_for("s3cret", 5, minute - 1)
    older = checkin.code_for("s3cret", 5, minute - 2)
    assert checkin.code_valid("s3cret", 5, now_code, at)
    assert checkin.code_valid("s3cret", 5, old_code, at)
    assert not checkin.code_valid("s3cret", 5, older, at) or older in (now_code, old_code)
    assert not checkin.code_valid("s3cret", 6, now_code, at) or checkin.code_for("s3cret", 6, minute) == now_code
    assert not checkin.code_valid("other-key", 5, now_code, at) or checkin.code_for("other-key", 5, minute) == now_code


@pytest.mark.parametrize(
    ("clock", "state"),
    [(time(7, 44), "before"), (time(7, 45), "open"), (time(9, 30), "open"), (time(9, 31), "closed")],
)
def test_checkin_window(clock, state):
    assert checkin.window_state(DAY, time(8), time(9, 30), datetime.combine(DAY, clock)) == state


def test_late_after_the_grace_period():
    assert not checkin.is_late(DAY, time(8), datetime.combine(DAY, time(8, 15)), 15)
    assert checkin.is_late(DAY, time(8), datetime.combine(DAY, time(8, 16)), 15)


def _b(kind, day, people=(), room="", start=time(9), end=time(12), until=None):
    return Booking(kind, kind, day, until or day, start, end, frozenset(people), room)


def test_clashes():
    d = date(2026, 5, 4)
    visit = _b(VISIT, d, {"Mentor A"}, until=date(2026, 5, 5))
    other_visit = _b(VISIT, date(2026, 5, 5), {"Mentor A"})
    session = _b(FOLLOWUP_SESSION, date(2026, 5, 5), {"Fasilitator"})
    room1 = _b(COURSE_SESSION, d, room="Aula", start=time(8), end=time(10))
    room2 = _b(COURSE_SESSION, d, room="aula ", start=time(9), end=time(11))
    room3 = _b(COURSE_SESSION, d, room="Aula", start=time(10), end=time(11))
    messages = [c.message for c in find_clashes([visit, other_visit, session, room1, room2, room3])]
    assert sum("booked twice" in m and "person" in m for m in messages) == 1
    assert sum("overlaps the field visit" in m for m in messages) == 2
    assert sum("Room" in m for m in messages) == 2  # 1–2 and 2–3 overlap, 1–3 only touch
    assert find_clashes([_b(VISIT, d, {"A"}), _b(VISIT, date(2026, 5, 6), {"A"})]) == []


def test_clashes_with_a_candidate_only():
    d = date(2026, 5, 4)
    visit = _b(VISIT, d, {"Mentor A"})
    other = _b(VISIT, d, {"Mentor A"})
    moved = _b(FOLLOWUP_SESSION, d, {"Fasilitator"})
    messages = [c.message for c in clashes_with(moved, [visit, other])]
    assert len(messages) == 2 and all("overlaps the field visit" in m for m in messages)  # not visit–other
    assert clashes_with(_b(FOLLOWUP_SESSION, date(2026, 5, 6)), [visit, other]) == []
    room = _b(COURSE_SESSION, d, room="Aula", start=time(8), end=time(10))
    assert len(clashes_with(_b(COURSE_SESSION, d, room=" aula", start=time(9), end=time(11)), [room])) == 1
    assert clashes_with(_b(COURSE_SESSION, d, room="Aula", start=time(10), end=time(11)), [room]) == []


def test_fingerprint_names_exactly_the_values():
    assert fingerprint(date(2026, 5, 4), time(9), None, " Aula ") == "2026-05-04|09:00:00||aula"
    assert fingerprint(date(2026, 5, 4), time(9)) != fingerprint(date(2026, 5, 4), time(8))
