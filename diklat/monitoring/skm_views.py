"""A team's SKM: results per quarter, the public link and QR code, paper questionnaires."""

from __future__ import annotations

import io

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from diklat.cohorts.access import load_cohort
from diklat.common.inputs import int_arg
from diklat.common.tabular import read_table
from diklat.common.time import today
from diklat.extensions import db
from diklat.monitoring import exports, skm_services
from diklat.monitoring.blueprint import bp
from diklat.monitoring.forms import UploadForm
from diklat.monitoring.qr import qr_svg
from diklat.monitoring.services import get_service, month_range
from diklat.monitoring.skm import MIN_RESPONDENTS
from diklat.monitoring.skm_import import AGE_GROUPS, ANSWER_COLUMNS, COLUMNS, EDUCATION, SEXES, parse_questionnaires
from diklat.monitoring.views import ensure_services, load

BLANK_ROWS = 10


def _date_range(team):  # noqa: ANN001
    first, _last = month_range(team, today(team.cohort))
    return first, today(team.cohort)


@bp.get("/teams/<int:team_id>/skm")
@login_required
def skm(cohort_id: int, team_id: int) -> str:
    """Per service: the survey link and QR code, the index per quarter with NRR per element."""
    access, team = load(cohort_id, team_id)
    blocks = []
    for service in ensure_services(team):
        blocks.append(
            {
                "service": service,
                "quarters": skm_services.quarters([service.id]),
                "suggestions": skm_services.recent_suggestions([service.id]),
                "link": url_for("skm_public.survey", token=service.survey_token, _external=True),
            }
        )
    return render_template(
        "monitoring/skm.html",
        access=access,
        cohort=access.cohort,
        team=team,
        blocks=blocks,
        min_respondents=MIN_RESPONDENTS,
    )


@bp.get("/teams/<int:team_id>/services/<int:service_id>/qr.svg")
@login_required
def qr(cohort_id: int, team_id: int, service_id: int) -> Response:
    """The QR code of the public survey link, as SVG (print it for the counter)."""
    _access, team = load(cohort_id, team_id)
    service = get_service(team, service_id) or abort(404)
    link = url_for("skm_public.survey", token=service.survey_token, _external=True)
    return send_file(
        io.BytesIO(qr_svg(link)),
        mimetype="image/svg+xml",
        as_attachment=request.args.get("download") == "1",
        download_name=f"qr-skm-{exports.slug(service.name)}.svg",
    )


@bp.route("/teams/<int:team_id>/services/<int:service_id>/paper", methods=["GET", "POST"])
@login_required
def paper(cohort_id: int, team_id: int, service_id: int) -> str | Response:
    """Type in paper questionnaires, one row each; all rows are saved or none."""
    access, team = load(cohort_id, team_id)
    service = get_service(team, service_id) or abort(404)
    fields = [c for c in COLUMNS if c != "saran"]
    blank = int_arg("rows", BLANK_ROWS, low=1, high=200) or BLANK_ROWS
    rows = [{f: "" for f in fields} for _ in range(blank)]
    errors: dict[tuple[int, str], str] = {}
    status = 200
    if request.method == "POST":
        count = max(1, min(request.form.get("rows", type=int) or BLANK_ROWS, 200))
        count = max(1, min(count, 500))
        rows = [{f: request.form.get(f"{f}-{i}", "").strip() for f in fields} for i in range(count)]
        filled = [i for i, row in enumerate(rows) if any(row.values())]
        table = [fields] + [[rows[i][f] for f in fields] for i in filled]
        first, last = _date_range(team)
        result = parse_questionnaires(table, first, last)
        if result.ok:
            saved = skm_services.add_paper(service, result.rows, current_user.id)
            db.session.commit()
            flash(_("%(count)d questionnaires saved.", count=saved), "success")
            return redirect(url_for("monitoring.skm", cohort_id=cohort_id, team_id=team.id))
        for problem in result.problems:
            index = filled[problem.row - 2] if problem.row and problem.row >= 2 else -1
            errors[(index, problem.column or "")] = _(problem.message, **problem.params)
        status = 422
    return render_template(
        "monitoring/paper.html",
        access=access,
        cohort=access.cohort,
        team=team,
        service=service,
        rows=rows,
        fields=fields,
        answer_columns=ANSWER_COLUMNS,
        errors=errors,
        sexes=SEXES,
        age_groups=AGE_GROUPS,
        education=EDUCATION,
    ), status


@bp.route("/teams/<int:team_id>/services/<int:service_id>/skm-import", methods=["GET", "POST"])
@login_required
def import_skm(cohort_id: int, team_id: int, service_id: int) -> str | Response:
    """Import paper questionnaires from CSV/XLSX: all rows or none, every problem listed."""
    access, team = load(cohort_id, team_id)
    service = get_service(team, service_id) or abort(404)
    form = UploadForm()
    problems, status = [], 200
    if form.validate_on_submit():
        upload = form.file.data
        table, problems = read_table(upload.filename or "", upload.read())
        if not problems:
            first, last = _date_range(team)
            result = parse_questionnaires(table, first, last)
            problems = result.problems
            if result.ok:
                saved = skm_services.add_paper(service, result.rows, current_user.id)
                db.session.commit()
                flash(_("%(count)d questionnaires imported.", count=saved), "success")
                return redirect(url_for("monitoring.skm", cohort_id=cohort_id, team_id=team.id))
        status = 422
    elif form.is_submitted():
        status = 422
    return render_template(
        "monitoring/skm_import.html",
        access=access,
        cohort=access.cohort,
        team=team,
        service=service,
        form=form,
        problems=problems,
        columns=COLUMNS,
        sexes=SEXES,
        age_groups=AGE_GROUPS,
        education=EDUCATION,
    ), status


@bp.get("/skm-template.<any(csv, xlsx):fmt>")
@login_required
def skm_template(cohort_id: int, fmt: str) -> Response:
    """Download the paper-questionnaire template."""
    access = load_cohort(cohort_id)
    data, mimetype = exports.skm_template(fmt, today(access.cohort))
    return send_file(data, mimetype=mimetype, as_attachment=True, download_name=f"template-skm.{fmt}")
