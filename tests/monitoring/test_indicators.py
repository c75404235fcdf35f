"""Period summaries, baseline split and changes: pure figures, missing stays missing."""

from __future__ import annotations

from datetime import date

from diklat.monitoring.indicators import MonthFigures, by_quarter, compare, latest_quarter, split_baseline, summarize


def month(m: int, services=100, avg=60.0, median=50.0, received=10, resolved=8, first=60, year=2026):
    return MonthFigures(date(year, m, 1), services, avg, median, received, resolved, first)


def test_summary_weights_time_by_services():
    summary = summarize([month(1, services=100, avg=60), month(2, services=300, avg=40)])
    assert summary.avg_minutes == 45.0  # (100×60 + 300×40) / 400
    assert summary.services_per_month == 200
    assert summary.complaints_per_month == 10
    assert summary.resolved_percent == 80
    assert summary.first_visit_percent == 30  # 120 of 400


def test_empty_period_has_no_figures_not_zero():
    summary = summarize([])
    assert summary.months == 0
    assert summary.avg_minutes is None and summary.complaints_per_month is None
    assert summary.first_visit_percent is None


def test_no_complaints_means_no_resolved_share():
    assert summarize([month(1, received=0, resolved=0)]).resolved_percent is None


def test_split_and_quarters():
    items = [month(m) for m in (2, 3, 4, 5, 6, 7, 8)]
    baseline, after = split_baseline(items, date(2026, 5, 1))
    assert [m.month.month for m in baseline] == [2, 3, 4]
    quarters = by_quarter(after)
    assert list(quarters) == [(2026, 2), (2026, 3)]
    assert len(quarters[(2026, 2)]) == 2  # April is baseline, so Q2 holds May and June only
    assert latest_quarter(quarters) == (2026, 3)
    assert latest_quarter({(2026, 2): [month(4)] * 3, (2026, 3): [month(7)]}) == (2026, 2)
    assert latest_quarter({}) is None


def test_compare_directions():
    base = summarize([month(1, avg=90, received=14, first=50)])
    later = summarize([month(7, avg=60, received=6, first=80)])
    changes = {c.key: c for c in compare(base, later)}
    assert changes["avg_minutes"].difference == -30 and changes["avg_minutes"].improved is True
    assert changes["complaints_per_month"].improved is True
    assert changes["first_visit_percent"].improved is True
    assert changes["avg_minutes"].percent == -33.3
    assert changes["services_per_month"].improved is None


def test_compare_with_missing_baseline():
    changes = compare(summarize([]), summarize([month(7)]))
    assert all(c.difference is None and c.improved is None for c in changes)
