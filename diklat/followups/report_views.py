"""A team's trial-implementation report: write, submit, review."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from diklat.common.conflicts import refused_edit
from diklat.common.models import StaleEditError, check_version
from diklat.common.time import utcnow
from diklat.extensions import db
from diklat.followups import indicators as rules
from diklat.followups import report_services as reports
from diklat.followups.access import can_review, is_team_member, load_team_page
from diklat.followups.blueprint import bp
from diklat.followups.forms import ReportForm, ReviewForm, UploadForm
from diklat.followups.models import Indicator, ReportStatus

REPORT = "/cohorts/<int:cohort_id>/followup/teams/<int:team_id>/report"
PAIRS = (("complaints", Indicator.COMPLAINTS), ("first_visit", Indicator.FIRST_VISIT), ("skm", Indicator.SKM))
BLANK_SERVICE_ROWS = 2


def report_page(access, team, report, review_form=None, upload_form=None, code: int = 200):  # noqa: ANN001
    """Render the report page with whatever the viewer may do on it."""
    editable = report is None or report.status in reports.EDITABLE
    versions = {v["id"]: v for v in reports.sop_version_choices(team)}
    return render_template(
        "followups/report.html",
        access=access,
        cohort=access.cohort,
        team=team,
        report=report,
        is_member=is_team_member(access, team),
        editable=editable,
        can_review=can_review(access, team),
        review_form=review_form or ReviewForm(formdata=None),
        upload_form=upload_form or UploadForm(formdata=None),
        problems=reports.submit_problems(report) if report else [],
        versions=versions,
        rules=rules,
        Indicator=Indicator,
    ), code


@bp.get(REPORT)
@login_required
def report(cohort_id: int, team_id: int) -> tuple:
    """The report as submitted or drafted, with its review history."""
    access, team = load_team_page(cohort_id, team_id)
    return report_page(access, team, reports.report_of(team))


def _prefill(form: ReportForm, team, report) -> None:  # noqa: ANN001
    if report is not None:
        for name in ("period_start", "period_end", "what_worked", "obstacles", "sop_changes", "testimonials"):
            getattr(form, name).data = getattr(report, name)
        form.sop_version_ids.data = list(report.sop_version_ids or [])
        form.version.data = str(report.version)
        for row in reports.indicator_rows(report, Indicator.SERVICE_TIME):
            form.service_times.append_entry({"label": row.label, "before": row.before, "during": row.during})
        for prefix, kind in PAIRS:
            rows = reports.indicator_rows(report, kind)
            if rows:
                getattr(form, f"{prefix}_before").data = rows[0].before
                getattr(form, f"{prefix}_during").data = rows[0].during
    if not form.service_times.entries:
        form.service_times.append_entry({"label": team.service})
    for _n in range(BLANK_SERVICE_ROWS - 1):
        form.service_times.append_entry({})


def _range_errors(form: ReportForm) -> bool:
    """Attach range problems to the fields; True when any."""
    fields = [(f"{p}_{w}", kind) for p, kind in PAIRS for w in ("before", "during")]
    bad = False
    for name, kind in fields:
        field = getattr(form, name)
        if problem := rules.value_problem(kind.value, field.data):
            field.errors.append(_(problem[0], **problem[1]))
            bad = True
    for entry in form.service_times:
        row = entry.form
        for field in (row.before, row.during):
            if problem := rules.value_problem(Indicator.SERVICE_TIME.value, field.data):
                field.errors.append(_(problem[0], **problem[1]))
                bad = True
        if (row.before.data is not None or row.during.data is not None) and not (row.label.data or "").strip():
            row.label.errors.append(_("Name the service type."))
            bad = True
    return bad


def _report_data(form: ReportForm) -> reports.ReportData:
    rows = [
        reports.IndicatorData(Indicator.SERVICE_TIME, r.before.data, r.during.data, r.label.data.strip())
        for r in (e.form for e in form.service_times)
        if r.before.data is not None or r.during.data is not None
    ]
    for prefix, kind in PAIRS:
        before, during = getattr(form, f"{prefix}_before").data, getattr(form, f"{prefix}_during").data
        if before is not None or during is not None:
            rows.append(reports.IndicatorData(kind, before, during))
    return reports.ReportData(
        period_start=form.period_start.data,
        period_end=form.period_end.data,
        what_worked=form.what_worked.data or "",
        obstacles=form.obstacles.data or "",
        sop_changes=form.sop_changes.data or "",
        sop_version_ids=list(form.sop_version_ids.data or []),
        testimonials=form.testimonials.data or "",
        indicators=rows,
    )


def _load_editable(cohort_id: int, team_id: int):
    access, team = load_team_page(cohort_id, team_id)
    if not is_team_member(access, team):
        abort(403)
    report = reports.report_of(team)
    if report is not None and report.status not in reports.EDITABLE:
        abort(409)
    return access, team, report


@bp.route(REPORT + "/edit", methods=["GET", "POST"])
@login_required
def edit_report(cohort_id: int, team_id: int) -> str | Response | tuple:
    """The team writes (or reworks) its report; saving keeps it a draft until submitted."""
    access, team, report = _load_editable(cohort_id, team_id)
    form = ReportForm()
    form.sop_version_ids.choices = [
        (v["id"], _("Version %(number)s — %(reason)s", number=v["number"], reason=v.get("reason") or "—"))
        for v in reports.sop_version_choices(team)
    ]
    if not form.is_submitted():
        _prefill(form, team, report)
    code = 200
    if form.validate_on_submit() and not _range_errors(form):
        try:
            if report is not None:
                check_version(report, form.version.data)
            saved = reports.save_report(team, _report_data(form), report)
            db.session.commit()
            flash(_("Report saved as a draft. Submit it when it is complete."), "success")
            return redirect(url_for("followups.report", cohort_id=cohort_id, team_id=saved.team_id))
        except StaleEditError as stale:
            code = refused_edit(
                stale,
                form,
                _(
                    "A team mate saved this report while you were editing. Your text is kept below; "
                    "open the report in another tab to compare, then save again."
                ),
            )
    elif form.is_submitted():
        code = 422
    return render_template(
        "followups/report_form.html", access=access, cohort=access.cohort, team=team, form=form, report=report
    ), code


@bp.post(REPORT + "/submit")
@login_required
def submit_report(cohort_id: int, team_id: int) -> Response:
    """Send the report for review once it is complete."""
    _access, _team, report = _load_editable(cohort_id, team_id)
    if report is None:
        abort(404)
    problems = reports.submit_problems(report)
    if problems:
        for problem in problems:
            flash(_(problem), "error")
        return redirect(url_for("followups.report", cohort_id=cohort_id, team_id=team_id))
    reports.submit(report, current_user, utcnow())
    db.session.commit()
    flash(_("Report submitted. Your mentor and facilitator will review it."), "success")
    return redirect(url_for("followups.report", cohort_id=cohort_id, team_id=team_id))


@bp.post(REPORT + "/review")
@login_required
def review_report(cohort_id: int, team_id: int) -> Response | tuple:
    """Accept the report or ask the team for more."""
    access, team = load_team_page(cohort_id, team_id)
    if not can_review(access, team):
        abort(403)
    report = reports.report_of(team)
    if report is None or report.status != ReportStatus.SUBMITTED:
        abort(409)
    form = ReviewForm()
    if not form.validate_on_submit():
        return report_page(access, team, report, review_form=form, code=422)
    reports.review(report, current_user, ReportStatus(form.decision.data), (form.comment.data or "").strip())
    db.session.commit()
    flash(_("Review saved."), "success")
    return redirect(url_for("followups.report", cohort_id=cohort_id, team_id=team_id))
