"""Page data for a team's indicators: charts with translated labels and the tables beside them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from diklat.common.formatting import compact, round_half_up
from diklat.monitoring import charts
from diklat.monitoring.indicators import (
    Change,
    MonthFigures,
    PeriodSummary,
    by_quarter,
    compare,
    latest_quarter,
    split_baseline,
    summarize,
)
from diklat.monitoring.periods import months_between


def quarter_name(year: int, quarter: int) -> str:
    """'Q2 2026' in the interface language."""
    return _("Q%(quarter)d %(year)d", quarter=quarter, year=year)


def month_name(month: date) -> str:
    """Short month and year, e.g. 'Jul 2025'."""
    return format_date(month, "MMM yyyy")


@dataclass
class ChartBlock:
    """One chart and the rows of the table beside it."""

    key: str
    title: str
    svg: str
    columns: list[str]
    rows: list[tuple[str, bool, list]]  # month label, is baseline, values


@dataclass
class ServiceDashboard:
    """Everything the team page shows for one monitored service."""

    months: list[MonthFigures]
    baseline: PeriodSummary
    after: PeriodSummary
    quarters: list[tuple[tuple[int, int], PeriodSummary, list[Change]]]
    charts: list[ChartBlock] = field(default_factory=list)

    @property
    def latest(self) -> tuple[tuple[int, int], PeriodSummary, list[Change]] | None:
        """The latest complete quarter after the course (the latest at all when none is complete)."""
        key = latest_quarter({k: [None] * summary.months for k, summary, _c in self.quarters})
        return next((q for q in self.quarters if q[0] == key), None)


def service_dashboard(
    prefix: str, figures: list[MonthFigures], course_month: date, promised: int | None
) -> ServiceDashboard:
    """Summaries per period and the three charts of one service."""
    baseline, after = split_baseline(figures, course_month)
    base_summary = summarize(baseline)
    quarters = [
        (key, summarize(items), compare(base_summary, summarize(items))) for key, items in by_quarter(after).items()
    ]
    board = ServiceDashboard(figures, base_summary, summarize(after), quarters)
    if figures:
        board.charts = _charts(prefix, figures, course_month, base_summary, promised)
    return board


def _charts(
    prefix: str, figures: list[MonthFigures], course_month: date, base: PeriodSummary, promised: int | None
) -> list[ChartBlock]:
    months = months_between(min(figures[0].month, course_month), figures[-1].month)
    by_month = {m.month: m for m in figures}
    labels = [format_date(m, "MMM yy") for m in months]
    split = sum(1 for m in months if m < course_month)

    def series(getter) -> list[float | None]:  # noqa: ANN001
        return [getter(by_month[m]) if m in by_month else None for m in months]

    def percent(m: MonthFigures) -> float | None:
        return float(round_half_up(100 * m.first_visit / m.services, 1)) if m.services else None

    avg, median = series(lambda m: m.avg_minutes), series(lambda m: m.median_minutes)
    received, resolved = series(lambda m: m.received), series(lambda m: m.resolved)
    first = series(percent)
    common = {"split_at": split, "split_label": _("Course"), "baseline_label": _("Baseline")}
    time_markers = _markers(base.avg_minutes, _("Baseline average"))
    if promised:
        time_markers.append(
            charts.Marker(
                _("Promised time (%(minutes)d min)", minutes=promised), promised, colour="#a4161a", dash="3 3"
            )
        )
    specs = [
        ("time", _("Service time (minutes)"), [(_("Average"), avg), (_("Median"), median)], time_markers),
        (
            "complaints",
            _("Complaints per month"),
            [(_("Received"), received), (_("Resolved"), resolved)],
            _markers(base.complaints_per_month, _("Baseline average")),
        ),
        (
            "first_visit",
            _("Completed on the first visit (%)"),
            [(_("Share of services"), first)],
            _markers(base.first_visit_percent, _("Baseline average")),
        ),
    ]
    blocks = []
    for key, title, lines, markers in specs:
        description = _(
            "Monthly values from %(first)s to %(last)s; the shaded part is the baseline before the course.",
            first=month_name(months[0]),
            last=month_name(months[-1]),
        )
        svg = charts.line_chart(
            f"{prefix}-{key}",
            title,
            description,
            labels,
            [charts.Series(name, values) for name, values in lines],
            markers,
            **common,
        )
        rows = [(month_name(m), m < course_month, [values[i] for _name, values in lines]) for i, m in enumerate(months)]
        blocks.append(ChartBlock(key, title, svg, [name for name, _values in lines], rows))
    return blocks


def _markers(value: float | None, label: str) -> list[charts.Marker]:
    return [charts.Marker(f"{label} ({compact(value, 1)})", value)] if value is not None else []
