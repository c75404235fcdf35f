"""The cohort's four-level evaluation report: page, PDF and workbook."""

from __future__ import annotations

import io

from flask import render_template, request, send_file
from flask_login import login_required
from werkzeug.wrappers import Response

from diklat.cohorts.access import MANAGERS_AND_MENTORS as REPORT_ROLES
from diklat.cohorts.access import load_cohort
from diklat.common.table_export import XLSX
from diklat.monitoring.blueprint import bp
from diklat.monitoring.evaluation import build_report
from diklat.monitoring.exports import slug
from diklat.monitoring.report_io import report_pdf, report_workbook


@bp.get("/report")
@login_required
def report(cohort_id: int) -> str:
    """Kirkpatrick levels 1–4 on one page, each figure with its n."""
    access = load_cohort(cohort_id, REPORT_ROLES)
    return render_template(
        "monitoring/report.html", access=access, cohort=access.cohort, report=build_report(access.cohort)
    )


@bp.get("/report.pdf")
@login_required
def report_as_pdf(cohort_id: int) -> Response:
    """The report as a printable A4 PDF."""
    access = load_cohort(cohort_id, REPORT_ROLES)
    data = report_pdf(build_report(access.cohort), request.url_root)
    return send_file(
        io.BytesIO(data),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=f"evaluasi-{slug(access.cohort.name)}.pdf",
    )


@bp.get("/report.xlsx")
@login_required
def report_as_xlsx(cohort_id: int) -> Response:
    """The report as a workbook with one sheet per level."""
    access = load_cohort(cohort_id, REPORT_ROLES)
    return send_file(
        report_workbook(build_report(access.cohort)),
        mimetype=XLSX,
        as_attachment=True,
        download_name=f"evaluasi-{slug(access.cohort.name)}.xlsx",
    )
