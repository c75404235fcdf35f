"""Quarterly review of a team: computed figures for the quarter, the mentor's notes, decisions, SOP revision."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response

from diklat.cohorts.access import MANAGERS_AND_MENTORS
from diklat.common.conflicts import refused_edit
from diklat.common.models import StaleEditError, check_version
from diklat.extensions import db
from diklat.monitoring import integrations, skm_services
from diklat.monitoring.blueprint import bp
from diklat.monitoring.forms import ReviewForm
from diklat.monitoring.indicators import compare, split_baseline, summarize
from diklat.monitoring.models import QuarterlyReview
from diklat.monitoring.periods import month_start, quarter_bounds
from diklat.monitoring.services import figures, review_quarters
from diklat.monitoring.views import ensure_services, load

REVIEWERS = MANAGERS_AND_MENTORS


def quarter_figures(team, year: int, quarter: int) -> list[dict]:  # noqa: ANN001
    """Per service: the quarter's indicators against the baseline and the quarter's SKM."""
    course_month = month_start(team.cohort.start_date)
    start, end = quarter_bounds(year, quarter)
    out = []
    for service in ensure_services(team):
        baseline, after = split_baseline(figures(service), course_month)
        months = [m for m in after if start <= m.month < end]
        out.append(
            {
                "service": service,
                "months": len(months),
                "baseline_months": len(baseline),
                "changes": compare(summarize(baseline), summarize(months)),
                "skm": skm_services.quarter_result([service.id], year, quarter),
            }
        )
    return out


def _version_choices(versions: list[dict] | None) -> list[tuple[int, str]]:
    if not versions:
        return [(0, "—")]
    return [(0, _("— choose a version —"))] + [
        (int(v["id"]), _("Version %(number)s — %(reason)s", number=v.get("number"), reason=v.get("reason") or "—"))
        for v in versions
    ]


@bp.route("/teams/<int:team_id>/reviews/<int:year>/<int:quarter>", methods=["GET", "POST"])
@login_required
def review(cohort_id: int, team_id: int, year: int, quarter: int) -> str | Response:
    """Write or change the review of one quarter; mentors and facilitators only."""
    access, team = load(cohort_id, team_id, REVIEWERS)
    if (year, quarter) not in review_quarters(team):
        abort(404)
    record = db.session.scalar(
        select(QuarterlyReview).where(
            QuarterlyReview.team_id == team.id, QuarterlyReview.year == year, QuarterlyReview.quarter == quarter
        )
    )
    versions = integrations.sop_versions(team.id)
    form = ReviewForm(obj=record)
    form.sop_version_id.choices = _version_choices(versions)
    if not form.is_submitted():
        form.version.data = str(record.version) if record else ""
        form.sop_version_id.data = (record.sop_version_id or 0) if record else 0
    status = 200
    if form.validate_on_submit():
        try:
            if record is None:
                record = QuarterlyReview(team_id=team.id, year=year, quarter=quarter, author_id=current_user.id)
                db.session.add(record)
            else:
                check_version(record, form.version.data)
        except StaleEditError as stale:
            code = refused_edit(
                stale,
                form,
                _(
                    "Someone else changed this review while you were editing. Your text is kept below; "
                    "compare it with the saved review and save again."
                ),
            )
            return _page(access, team, year, quarter, form, record, versions), code
        _fill(record, form, versions)
        integrations.complete_evaluation(team.id, year, quarter, current_user.id)
        db.session.commit()
        flash(_("Quarterly review saved."), "success")
        return redirect(url_for("monitoring.team", cohort_id=cohort_id, team_id=team.id, _anchor="reviews"))
    if form.is_submitted():
        status = 422
    return _page(access, team, year, quarter, form, record, versions), status


def _fill(record: QuarterlyReview, form: ReviewForm, versions: list[dict] | None) -> None:
    record.observation, record.decisions = form.observation.data.strip(), form.decisions.data.strip()
    record.revise_sop = bool(form.revise_sop.data)
    chosen = next((v for v in versions or [] if int(v["id"]) == form.sop_version_id.data), None)
    if record.revise_sop:
        record.sop_version_id = int(chosen["id"]) if chosen else None
        record.sop_reference = (
            _("Version %(number)s", number=chosen.get("number")) if chosen else (form.sop_reference.data or "").strip()
        )
        record.revision_reason = (form.revision_reason.data or "").strip()
    else:
        record.sop_version_id, record.sop_reference, record.revision_reason = None, "", ""


def _page(access, team, year, quarter, form, record, versions) -> str:  # noqa: ANN001
    return render_template(
        "monitoring/review.html",
        access=access,
        cohort=access.cohort,
        team=team,
        year=year,
        quarter=quarter,
        form=form,
        record=record,
        versions=versions,
        figures=quarter_figures(team, year, quarter),
    )
