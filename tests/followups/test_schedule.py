"""Scheduling rules with plain values: working days, Indonesian holidays, overdue and reminder keys."""

from __future__ import annotations

from datetime import date

import pytest

from diklat.followups import schedule as s

OFF_2026 = s.non_working_days([2026])
OFF_2026_PUBLIC = s.non_working_days([2026], collective_leave=False)


def test_holidays_come_from_the_library_in_indonesian():
    assert "Kemerdekaan" in OFF_2026[date(2026, 8, 17)]
    assert "Idul Fitri" in OFF_2026[date(2026, 3, 21)]
    assert date(2026, 3, 23) in OFF_2026  # cuti bersama Idul Fitri
    assert date(2026, 3, 23) not in OFF_2026_PUBLIC


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 8, 12), date(2026, 8, 12)),  # Wednesday: stays
        (date(2026, 8, 15), date(2026, 8, 18)),  # Saturday → Sunday → 17 Agustus (Monday) → Tuesday
        (date(2026, 8, 17), date(2026, 8, 18)),  # Independence Day
        (date(2026, 3, 19), date(2026, 3, 25)),  # Nyepi, cuti bersama, Idul Fitri, weekend, cuti bersama 23–24
    ],
)
def test_next_working_day_skips_weekends_and_holidays(day, expected):
    assert s.next_working_day(day, OFF_2026)[0] == expected


def test_without_collective_leave_the_cuti_bersama_days_are_working_days():
    assert s.next_working_day(date(2026, 3, 19), OFF_2026_PUBLIC)[0] == date(2026, 3, 20)


def test_skipped_holiday_names_are_reported():
    day, skipped = s.next_working_day(date(2026, 8, 17), OFF_2026)
    assert day == date(2026, 8, 18) and any("Kemerdekaan" in name for name in skipped)


def test_two_day_visit_spans_working_days_only():
    assert s.working_span(date(2026, 8, 14), 2, OFF_2026) == date(2026, 8, 18)  # Fri + Tue (Mon is 17 Agustus)
    assert s.working_span(date(2026, 8, 12), 1, OFF_2026) == date(2026, 8, 12)


def test_plan_uses_offsets_and_lands_on_working_days():
    end = date(2026, 2, 18)  # +30 days = 20 March 2026: cuti bersama before Idul Fitri
    off = s.holidays_around(end, s.plan_horizon(s.Offsets()))
    items = s.plan(end, s.Offsets(), off)
    kinds = [(i.kind, i.sequence) for i in items]
    assert kinds.count((s.EVALUATION, 1)) == 1 and (s.EVALUATION, 2) in kinds
    visit = next(i for i in items if i.kind == s.VISIT)
    assert visit.target == date(2026, 3, 20)
    assert visit.starts_on == date(2026, 3, 25) and visit.ends_on == date(2026, 3, 26)
    assert any("Idul Fitri" in name for name in visit.skipped)
    for item in items:
        assert s.is_working_day(item.starts_on, off) and s.is_working_day(item.ends_on, off)
    assert items == sorted(items, key=lambda i: (i.starts_on, s.KINDS.index(i.kind), i.sequence))


def test_evaluation_count_and_interval_are_configurable():
    offsets = s.Offsets(evaluation_count=3, evaluation_first_days_after=91, evaluation_interval_days=91)
    end = date(2025, 1, 10)
    items = [i for i in s.plan(end, offsets, s.holidays_around(end, s.plan_horizon(offsets))) if i.kind == s.EVALUATION]
    assert [i.sequence for i in items] == [1, 2, 3]
    assert [(i.target - end).days for i in items] == [91, 182, 273]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"visit_days_after": 0}, "visit_days_after"),
        ({"visit_length_days": 3}, "visit_length_days"),
        ({"evaluation_count": 9}, "evaluation_count"),
        ({"evaluation_interval_days": 10}, "evaluation_interval_days"),
        ({"session_days_after": 60, "review_days_after": 30}, "review_days_after"),
    ],
)
def test_offsets_problems(changes, field):
    assert field in s.offsets_problems(s.Offsets(**changes))


def test_default_offsets_are_consistent():
    assert s.offsets_problems(s.Offsets()) == {}


@pytest.mark.parametrize(
    ("status", "end", "today", "overdue"),
    [
        ("planned", date(2026, 5, 4), date(2026, 5, 5), True),
        ("confirmed", date(2026, 5, 4), date(2026, 5, 5), True),
        ("rescheduled", date(2026, 5, 4), date(2026, 5, 5), True),
        ("planned", date(2026, 5, 5), date(2026, 5, 5), False),  # due today is not overdue yet
        ("done", date(2026, 5, 4), date(2026, 5, 5), False),
        ("cancelled", date(2026, 5, 4), date(2026, 5, 5), False),
        ("missed", date(2026, 5, 4), date(2026, 5, 5), False),
    ],
)
def test_overdue_is_derived(status, end, today, overdue):
    assert s.is_overdue(status, end, today) is overdue


def test_reminder_keys():
    start = date(2026, 5, 11)
    assert s.reminder_kinds("planned", start, start, date(2026, 5, 7), 3) == []
    assert s.reminder_kinds("planned", start, start, date(2026, 5, 8), 3) == ["before:2026-05-11"]
    assert s.reminder_kinds("planned", start, start, date(2026, 5, 11), 3) == ["before:2026-05-11"]
    assert s.reminder_kinds("planned", start, start, date(2026, 5, 12), 3) == ["overdue:2026-05-11"]
    assert s.reminder_kinds("done", start, start, date(2026, 5, 12), 3) == []
    # A moved item gets a fresh key, so it is reminded again for its new date.
    assert s.reminder_kinds("rescheduled", date(2026, 5, 18), date(2026, 5, 18), date(2026, 5, 15), 3) == [
        "before:2026-05-18"
    ]


def test_day_problem_names_the_holiday():
    message, params = s.day_problem(date(2026, 8, 17), OFF_2026)
    assert "holiday" in message and "Kemerdekaan" in params["name"]
    assert "weekend" in s.day_problem(date(2026, 8, 16), OFF_2026)[0]
    assert s.day_problem(date(2026, 8, 18), OFF_2026) is None
