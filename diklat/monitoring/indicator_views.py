"""Entering monthly indicators: the spreadsheet-like table and file import with confirmation."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from diklat.common.conflicts import refused_edit
from diklat.common.models import StaleEditError, check_version
from diklat.common.tabular import read_table
from diklat.common.time import today
from diklat.extensions import db
from diklat.monitoring import exports
from diklat.monitoring.blueprint import bp
from diklat.monitoring.forms import ConfirmForm, UploadForm
from diklat.monitoring.indicator_import import COLUMNS, parse_indicators
from diklat.monitoring.periods import add_months, month_start, months_between
from diklat.monitoring.services import (
    apply_import,
    delete_month,
    get_service,
    load_pending,
    month_range,
    overlapping_months,
    pending_month_records,
    save_month,
    store_pending,
)
from diklat.monitoring.views import ensure_services, load

FIELDS = COLUMNS[2:]  # the figures; service and month come from the table itself
BASELINE_MONTHS_SHOWN = 3


def _entry_months(team, service) -> list:  # noqa: ANN001
    first_allowed, last = month_range(team, today(team.cohort))
    start = add_months(month_start(team.cohort.start_date), -BASELINE_MONTHS_SHOWN)
    if service.months:
        start = min(start, service.months[0].month)
    return months_between(max(start, first_allowed), last)


@bp.route("/teams/<int:team_id>/services/<int:service_id>/entry", methods=["GET", "POST"])
@login_required
def entry(cohort_id: int, team_id: int, service_id: int) -> str | Response:
    """One row per month; a cleared row removes that month. Checked like an imported file."""
    access, team = load(cohort_id, team_id)
    service = get_service(team, service_id) or abort(404)
    months = _entry_months(team, service)
    existing = {m.month: m for m in service.months}
    keys = [m.strftime("%Y-%m") for m in months]
    values = {
        k: {f: _text(getattr(existing.get(m), _attr(f), None)) for f in FIELDS}
        for k, m in zip(keys, months, strict=True)
    }
    errors: dict[tuple[str, str], str] = {}
    if request.method == "POST":
        values = {k: {f: request.form.get(f"{f}-{k}", "").strip() for f in FIELDS} for k in keys}
        stale = [
            k
            for k, m in zip(keys, months, strict=True)
            if m in existing and request.form.get(f"version-{k}") != str(existing[m].version)
        ]
        try:
            if stale:
                raise StaleEditError(0)
            for k, m in zip(keys, months, strict=True):
                if m in existing:  # claimed in the database: a simultaneous save of the same month loses here
                    check_version(existing[m], request.form.get(f"version-{k}"))
        except StaleEditError as refused:
            message = _(
                "Someone else saved figures for %(months)s while you were typing. Your entries are kept below; "
                "reload the page to see theirs.",
                months=", ".join(stale or keys),
            )
            code = refused_edit(refused, None, message)
            return _entry_page(access, team, service, months, values, errors, existing), code
        filled = [k for k in keys if any(values[k].values())]
        table = [list(COLUMNS)] + [[service.name, k, *[values[k][f] for f in FIELDS]] for k in filled]
        first, last = month_range(team, today(team.cohort))
        result = parse_indicators(table, [service.name], first, last) if filled else None
        if result is not None and not result.ok:
            for problem in result.problems:
                key = filled[problem.row - 2] if problem.row and problem.row >= 2 else ""
                errors[(key, problem.column or "")] = _(problem.message, **problem.params)
            db.session.rollback()  # releases the claimed versions: nothing was saved
            return _entry_page(access, team, service, months, values, errors, existing), 422
        for record in result.records if result else []:
            row = existing.get(record.month)
            save_month(service, record, current_user.id, row)
        for k, m in zip(keys, months, strict=True):
            if m in existing and k not in filled:
                delete_month(existing[m])
        db.session.commit()
        flash(_("Monthly figures saved."), "success")
        return redirect(
            url_for("monitoring.team", cohort_id=cohort_id, team_id=team.id, _anchor=f"service-{service.id}")
        )
    return _entry_page(access, team, service, months, values, errors, existing)


def _attr(field: str) -> str:
    return {
        "jumlah_layanan": "services",
        "rata_rata_waktu_menit": "avg_minutes",
        "median_waktu_menit": "median_minutes",
        "aduan_masuk": "received",
        "aduan_selesai": "resolved",
        "selesai_kunjungan_pertama": "first_visit",
    }[field]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _entry_page(access, team, service, months, values, errors, existing) -> str:  # noqa: ANN001
    course_month = month_start(team.cohort.start_date)
    return render_template(
        "monitoring/entry.html",
        access=access,
        cohort=access.cohort,
        team=team,
        service=service,
        months=months,
        values=values,
        errors=errors,
        existing=existing,
        fields=FIELDS,
        course_month=course_month,
    )


@bp.route("/teams/<int:team_id>/import", methods=["GET", "POST"])
@login_required
def import_indicators(cohort_id: int, team_id: int) -> str | Response:
    """Import a Module 8 dashboard file: all rows or none; replacing months asks first."""
    access, team = load(cohort_id, team_id)
    services = ensure_services(team)
    form = UploadForm()
    problems, status = [], 200
    if form.validate_on_submit():
        upload = form.file.data
        table, problems = read_table(upload.filename or "", upload.read())
        if not problems:
            first, last = month_range(team, today(team.cohort))
            result = parse_indicators(table, [s.name for s in services], first, last)
            problems = result.problems
            if result.ok:
                overlap = overlapping_months(team, result.records)
                if not overlap:
                    count = apply_import(team, result.records, current_user.id)
                    db.session.commit()
                    flash(_("%(count)d months imported.", count=count), "success")
                    return redirect(url_for("monitoring.team", cohort_id=cohort_id, team_id=team.id))
                token = store_pending(team, current_user.id, "indicators", upload.filename or "", result.records)
                db.session.commit()
                return render_template(
                    "monitoring/import_confirm.html",
                    access=access,
                    cohort=access.cohort,
                    team=team,
                    form=ConfirmForm(token=token),
                    overlap=overlap,
                    total=len(result.records),
                    filename=upload.filename,
                )
        status = 422
    elif form.is_submitted():
        status = 422
    return render_template(
        "monitoring/import.html",
        access=access,
        cohort=access.cohort,
        team=team,
        form=form,
        problems=problems,
        services=services,
        columns=COLUMNS,
        month_range=month_range(team, today(team.cohort)),
    ), status


@bp.post("/teams/<int:team_id>/import/confirm")
@login_required
def confirm_import(cohort_id: int, team_id: int) -> Response:
    """Second step: replace the existing months with the kept upload, or cancel it."""
    _access, team = load(cohort_id, team_id)
    form = ConfirmForm()
    pending = load_pending(team, current_user.id, form.token.data or "", "indicators") if form.validate() else None
    if pending is None:
        flash(_("This import has expired or was already handled. Please upload the file again."), "error")
        return redirect(url_for("monitoring.import_indicators", cohort_id=cohort_id, team_id=team.id))
    records = pending_month_records(pending)
    names = {s.name for s in ensure_services(team)}
    db.session.delete(pending)
    if request.form.get("action") != "replace":
        db.session.commit()
        flash(_("Import cancelled; nothing was changed."), "info")
        return redirect(url_for("monitoring.team", cohort_id=cohort_id, team_id=team.id))
    if any(r.service not in names for r in records):
        db.session.commit()
        flash(_("A service in the file was renamed or removed meanwhile. Please upload the file again."), "error")
        return redirect(url_for("monitoring.import_indicators", cohort_id=cohort_id, team_id=team.id))
    count = apply_import(team, records, current_user.id)
    db.session.commit()
    flash(_("%(count)d months imported; existing months were replaced.", count=count), "success")
    return redirect(url_for("monitoring.team", cohort_id=cohort_id, team_id=team.id))


@bp.get("/teams/<int:team_id>/indicator-template.<any(csv, xlsx):fmt>")
@login_required
def indicator_template(cohort_id: int, team_id: int, fmt: str) -> Response:
    """The Module 8 dashboard template, with the team's service names and recent months filled in."""
    _access, team = load(cohort_id, team_id)
    services = ensure_services(team)
    data, mimetype = exports.indicator_template(fmt, [s.name for s in services], month_start(today(team.cohort)))
    return send_file(data, mimetype=mimetype, as_attachment=True, download_name=f"template-indikator.{fmt}")
