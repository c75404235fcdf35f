"""Files: indicator and SKM templates, the team's indicator workbook (openpyxl)."""

from __future__ import annotations

import io
import re
from datetime import date

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from diklat.cohorts.models import Team
from diklat.common.table_export import Sheet, append_row, table_file, workbook_bytes
from diklat.monitoring import indicator_import, skm_import
from diklat.monitoring.indicators import by_quarter, compare, split_baseline, summarize
from diklat.monitoring.models import MonitoredService
from diklat.monitoring.periods import add_months
from diklat.monitoring.services import figures


def slug(text: str) -> str:
    """A file-name-safe version of ``text``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "data"


def _table_file(fmt: str, header: list[str], rows: list[list], sheet_name: str) -> tuple[io.BytesIO, str]:
    # Months and dates stay text so a spreadsheet does not turn 2025-07 into a date in another format.
    return table_file(fmt, Sheet(sheet_name, header, rows, text_columns=frozenset({0, 1}), widths=[18] * len(header)))


def _style_header(sheet: Worksheet, width: int) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(width, len(str(cell.value or "")) + 2)
    sheet.freeze_panes = "A2"


def indicator_template(fmt: str, services: list[str], this_month: date) -> tuple[io.BytesIO, str]:
    """The dashboard columns with one empty row per service for each of the last three months."""
    months = [add_months(this_month, -i).strftime("%Y-%m") for i in (3, 2, 1)]
    rows = [[name, month, "", "", "", "", "", ""] for month in months for name in services]
    return _table_file(fmt, list(indicator_import.COLUMNS), rows, "indikator")


def skm_template(fmt: str, today: date) -> tuple[io.BytesIO, str]:
    """Columns for paper questionnaires with one example row."""
    example = [today.isoformat(), 3, 3, 4, 4, 3, 3, 4, 3, 3, "P", "30-39", "S1/D4", "Antrean pagi masih panjang"]
    return _table_file(fmt, list(skm_import.COLUMNS), [example], "skm")


def indicators_workbook(team: Team, services: list[MonitoredService], course_month: date) -> io.BytesIO:
    """One sheet of monthly figures and one of quarters against the baseline."""
    workbook = Workbook()
    months = workbook.active
    months.title = _("Monthly figures")[:31]
    append_row(
        months,
        [
            _("Service"),
            _("Month"),
            _("Period"),
            _("Services"),
            _("Average time (min)"),
            _("Median time (min)"),
            _("Complaints received"),
            _("Complaints resolved"),
            _("Completed on first visit"),
            _("First visit (%)"),
        ],
    )
    quarters = workbook.create_sheet(_("Quarters vs baseline")[:31])
    append_row(
        quarters,
        [
            _("Service"),
            _("Quarter"),
            _("Months"),
            _("Indicator"),
            _("Baseline"),
            _("Quarter value"),
            _("Change"),
            _("Change (%)"),
        ],
    )
    for service in services:
        items = figures(service)
        for m in items:
            share = round(100 * m.first_visit / m.services, 1) if m.services else None
            append_row(
                months,
                [
                    service.name,
                    m.month.strftime("%Y-%m"),
                    _("Baseline") if m.month < course_month else _("During/after"),
                    m.services,
                    m.avg_minutes,
                    m.median_minutes,
                    m.received,
                    m.resolved,
                    m.first_visit,
                    share,
                ],
            )
        baseline, after = split_baseline(items, course_month)
        base = summarize(baseline)
        for (year, quarter), group in by_quarter(after).items():
            for change in compare(base, summarize(group)):
                append_row(
                    quarters,
                    [
                        service.name,
                        f"{year}-Q{quarter}",
                        len(group),
                        _(change.label),
                        change.baseline,
                        change.value,
                        change.difference,
                        change.percent,
                    ],
                )
    _style_header(months, 14)
    _style_header(quarters, 14)
    return io.BytesIO(workbook_bytes(workbook))
