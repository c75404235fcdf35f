"""Monitoring overview, a team's indicator page, its settings and the XLSX export."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.wrappers import Response

from diklat.cohorts.access import EVERYONE, MANAGERS, CohortAccess, load_cohort, load_team
from diklat.cohorts.models import Team
from diklat.common.conflicts import refused_edit
from diklat.common.models import StaleEditError, check_version, commit_first_use
from diklat.common.table_export import XLSX
from diklat.extensions import db
from diklat.monitoring import exports, skm_services
from diklat.monitoring.blueprint import bp
from diklat.monitoring.forms import ServiceForm
from diklat.monitoring.models import MonitoredService, QuarterlyReview
from diklat.monitoring.periods import month_start
from diklat.monitoring.presenters import service_dashboard
from diklat.monitoring.services import (
    figures,
    get_service,
    promised_time,
    review_quarters,
    services_by_team,
    team_services,
)


def load(cohort_id: int, team_id: int, roles: frozenset[str] | set[str] = EVERYONE) -> tuple[CohortAccess, Team]:
    """The cohort (role checked) and one team the viewer may see; 404 for anything else."""
    access = load_cohort(cohort_id, roles)
    return access, load_team(access, team_id)


def ensure_services(team: Team) -> list[MonitoredService]:
    """The team's services; the primary one is created and saved the first time a page needs it."""
    services = team_services(team)
    commit_first_use()
    return services


@bp.get("/")
@login_required
def overview(cohort_id: int) -> str:
    """Teams the viewer may see with their latest quarter against the baseline."""
    access = load_cohort(cohort_id)
    course_month = month_start(access.cohort.start_date)
    rows = []
    teams = access.visible_teams()
    by_team = services_by_team(teams)
    if commit_first_use():  # primary services created on first view: saved; load again (commit expires)
        teams = access.visible_teams()
        by_team = services_by_team(teams)
    skm_by_team = skm_services.quarters_by_group({t: [s.id for s in found] for t, found in by_team.items()})
    for team in teams:
        services = by_team[team.id]
        board = service_dashboard(f"t{team.id}", figures(services[0]), course_month, None) if services else None
        quarters = skm_by_team[team.id]
        rows.append(
            {
                "team": team,
                "service": services[0] if services else None,
                "board": board,
                "skm": quarters[-1] if quarters else None,
            }
        )
    return render_template("monitoring/overview.html", access=access, cohort=access.cohort, rows=rows)


@bp.get("/teams/<int:team_id>")
@login_required
def team(cohort_id: int, team_id: int) -> str:
    """One team: per service the charts with their tables, quarters against the baseline, SKM and reviews."""
    access, team = load(cohort_id, team_id)
    course_month = month_start(access.cohort.start_date)
    boards = []
    for service in ensure_services(team):
        promised, source = promised_time(service)
        boards.append(
            (service, promised, source, service_dashboard(f"s{service.id}", figures(service), course_month, promised))
        )
    reviews = db.session.scalars(
        db.select(QuarterlyReview)
        .where(QuarterlyReview.team_id == team.id)
        .order_by(QuarterlyReview.year.desc(), QuarterlyReview.quarter.desc())
    ).all()
    return render_template(
        "monitoring/team.html",
        access=access,
        cohort=access.cohort,
        team=team,
        boards=boards,
        course_month=course_month,
        reviews=reviews,
        review_quarters=review_quarters,
    )


@bp.route("/teams/<int:team_id>/services/new", methods=["GET", "POST"])
@bp.route("/teams/<int:team_id>/services/<int:service_id>", methods=["GET", "POST"])
@login_required
def service_settings(cohort_id: int, team_id: int, service_id: int | None = None) -> str | Response:
    """Add a service type or change its promised time and survey status (facilitators)."""
    access, team = load(cohort_id, team_id, MANAGERS)
    ensure_services(team)
    service = get_service(team, service_id) if service_id else None
    if service_id and service is None:
        abort(404)
    form = ServiceForm(obj=service)
    if service is not None and not form.is_submitted():
        form.version.data = str(service.version)
    status = 200
    if form.validate_on_submit():
        clash = next(
            (s for s in team_services(team) if s.name.lower() == form.name.data.strip().lower() and s is not service),
            None,
        )
        if clash is not None:
            form.name.errors.append(_("This team already reports on a service with this name."))
            status = 422
        else:
            try:
                if service is None:
                    service = MonitoredService(team_id=team.id)
                    db.session.add(service)
                else:
                    check_version(service, form.version.data)
            except StaleEditError as stale:
                code = refused_edit(
                    stale,
                    form,
                    _("Someone else changed this service while you were editing. Check the values and save again."),
                )
                return render_template(
                    "monitoring/service_form.html",
                    access=access,
                    cohort=access.cohort,
                    team=team,
                    form=form,
                    service=service,
                    sla=None,
                ), code
            service.name, service.promised_minutes = form.name.data.strip(), form.promised_minutes.data
            service.survey_open = bool(form.survey_open.data)
            db.session.commit()
            flash(_("Service settings saved."), "success")
            return redirect(url_for("monitoring.team", cohort_id=cohort_id, team_id=team.id))
    elif form.is_submitted():
        status = 422
    sla = promised_time(service) if service is not None else (None, "")
    return render_template(
        "monitoring/service_form.html",
        access=access,
        cohort=access.cohort,
        team=team,
        form=form,
        service=service,
        sla=sla,
    ), status


@bp.get("/teams/<int:team_id>/indicators.xlsx")
@login_required
def export_indicators(cohort_id: int, team_id: int) -> Response:
    """Download the team's monthly figures and quarter summaries as a workbook."""
    access, team = load(cohort_id, team_id)
    services = ensure_services(team)
    data = exports.indicators_workbook(team, services, month_start(access.cohort.start_date))
    return send_file(data, mimetype=XLSX, as_attachment=True, download_name=f"indikator-{exports.slug(team.name)}.xlsx")
