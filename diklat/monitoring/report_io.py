"""The cohort evaluation report as a workbook (one sheet per level) and as an A4 PDF (WeasyPrint)."""

from __future__ import annotations

import io

from flask import render_template
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from diklat.common.table_export import append_row, workbook_bytes
from diklat.monitoring.presenters import quarter_name


def report_pdf(report: dict, base_url: str) -> bytes:
    """The same content as the report page, laid out for A4 paper."""
    from weasyprint import HTML

    html = render_template("monitoring/report_pdf.html", report=report)
    return HTML(string=html, base_url=base_url).write_pdf()


def report_workbook(report: dict) -> io.BytesIO:
    """Sheets L1–L4; a level without data says so instead of showing zeros."""
    workbook = Workbook()
    first = workbook.active
    _level1(first, report["l1"])
    _level2(workbook.create_sheet(), report["l2"])
    _level3(workbook.create_sheet(), report["l3"])
    _level4(workbook.create_sheet(), report["l4"])
    for sheet in workbook.worksheets:
        sheet.column_dimensions["A"].width = 48
        for column in "BCDEFGH":
            sheet.column_dimensions[column].width = 16
    return io.BytesIO(workbook_bytes(workbook))


def _title(sheet, name: str, heading: str) -> None:  # noqa: ANN001
    sheet.title = name[:31]
    append_row(sheet, [heading])
    sheet["A1"].font = Font(bold=True, size=13)


def _header(sheet, values: list) -> None:  # noqa: ANN001
    append_row(sheet, values)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _missing(sheet) -> None:  # noqa: ANN001
    append_row(sheet, [_("Data not available yet")])


def _level1(sheet, level: dict) -> None:  # noqa: ANN001
    _title(sheet, _("L1 Reaction"), _("Level 1 — Reaction (course feedback, scale 1–5)"))
    append_row(sheet, [_("Respondents"), level["respondents"], _("of %(n)d participants", n=level["participants"])])
    if not level["available"]:
        _missing(sheet)
        return
    _header(sheet, [_("Module"), _("Mean"), "n", _("SD")])
    for item in level["modules"]:
        title = item["title"]
        append_row(sheet, [f"{item['number']}. {_(title)}", item["mean"], item["n"], item["sd"]])
    _header(sheet, [_("Facilitator"), _("Mean"), "n", _("SD")])
    for item in level["facilitators"]:
        append_row(sheet, [item["name"], item["mean"], item["n"], item["sd"]])
    overall = level["overall"]
    append_row(sheet, [_("All module ratings"), overall["mean"], overall["n"], overall["sd"]])
    for heading, comments in (
        (_("What was most useful"), level["liked"]),
        (_("What should be improved"), level["improve"]),
    ):
        _header(sheet, [heading, "n", len(comments)])
        for comment in comments:
            append_row(sheet, [comment])


def _level2(sheet, level: dict) -> None:  # noqa: ANN001
    _title(sheet, _("L2 Learning"), _("Level 2 — Learning (pre-test and post-test)"))
    if not level["available"]:
        _missing(sheet)
        return
    for label, value, _kind in level["rows"]:
        append_row(sheet, [str(label), (value)])
    _header(sheet, [_("Participants per gain category"), "n"])
    for label, value, _kind in level["categories"]:
        append_row(sheet, [str(label), value])


def _level3(sheet, level: dict) -> None:  # noqa: ANN001
    _title(sheet, _("L3 Behaviour"), _("Level 3 — Behaviour (SOP applied at the office)"))
    if not level["available"]:
        _missing(sheet)
        return
    _header(
        sheet,
        [
            _("Team"),
            _("Visits"),
            _("Latest visit"),
            _("Steps observed"),
            _("Applied"),
            _("Partly"),
            _("Not applied"),
            _("Share applied"),
        ],
    )
    if not level["observed"]:
        _missing(sheet)
    for t in level["teams"]:
        append_row(
            sheet,
            [
                t["name"],
                t["visits"],
                (t["latest"]),
                t["observed"],
                t["applied"],
                t["partly"],
                t["not_applied"],
                (t["share"]),
            ],
        )
    if level["overall"]:
        o = level["overall"]
        append_row(
            sheet,
            [
                _("All teams"),
                o["visits"],
                None,
                o["observed"],
                o["applied"],
                o["partly"],
                o["not_applied"],
                (o["share_applied"]),
            ],
        )
    _header(sheet, [_("Teams per SOP status"), "n"])
    if not level["statuses"]:
        _missing(sheet)
    for label, count in level["statuses"]:
        append_row(sheet, [str(label), count])


def _level4(sheet, level: dict) -> None:  # noqa: ANN001
    _title(sheet, _("L4 Results"), _("Level 4 — Results (service indicators and SKM)"))
    append_row(
        sheet,
        [
            _("Teams"),
            level["n_teams"],
            _("with indicators"),
            level["n_teams_indicators"],
            _("with SKM"),
            level["n_teams_skm"],
        ],
    )
    if not level["available"]:
        _missing(sheet)
        return
    _header(
        sheet,
        [
            _("Team"),
            _("Indicator"),
            _("Baseline"),
            _("Latest quarter"),
            _("Change"),
            _("Change (%)"),
            _("Months (baseline / quarter)"),
            _("Quarter"),
        ],
    )
    for team in level["teams"]:
        quarter = quarter_name(*team["latest_quarter"]) if team["latest_quarter"] else _("not available")
        for item in team["indicators"]:
            label = item["label"]
            append_row(
                sheet,
                [
                    team["team"],
                    _(label),
                    item["baseline"],
                    item["latest"],
                    item["difference"],
                    item["percent"],
                    f"{team['baseline_months']} / {team['quarter_months']}",
                    quarter,
                ],
            )
        if not team["indicators"]:
            append_row(sheet, [team["team"], _("Indicators not available yet")])
    _header(
        sheet, [_("Team"), _("SKM first quarter"), "n", _("SKM latest quarter"), "n", _("Change (points)"), _("Grade")]
    )
    for team in level["teams"]:
        first, last = team["skm_first"], team["skm_latest"]
        if last is None:
            append_row(sheet, [team["team"], _("SKM not available yet")])
            continue
        append_row(
            sheet,
            [
                team["team"],
                first["index"],
                first["n"],
                last["index"],
                last["n"],
                team["skm_change"],
                f"{last['grade']} ({last['label']})",
            ],
        )
