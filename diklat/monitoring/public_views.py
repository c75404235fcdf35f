"""The public SKM questionnaire: reached by link or QR code, no sign-in, no personal data required."""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

from diklat.common import limits
from diklat.common.time import today
from diklat.extensions import db
from diklat.monitoring.blueprint import public_bp
from diklat.monitoring.forms import SurveyForm
from diklat.monitoring.models import MonitoredService, ResponseSource
from diklat.monitoring.skm_services import add_response


def _service(token: str) -> MonitoredService:
    service = db.session.scalar(select(MonitoredService).where(MonitoredService.survey_token == token))
    if service is None:
        abort(404)
    return service


@public_bp.route("/<token>", methods=["GET", "POST"])
def survey(token: str) -> str | Response:
    """Nine questions on a 1–4 scale; one submission stores one response."""
    service = _service(token)
    team = service.team
    if not service.survey_open:
        return render_template("monitoring/public_closed.html", service=service, team=team), 410
    form = SurveyForm()
    status = 200
    if form.validate_on_submit():
        try:
            limits.check("skm")
            limits.hit("skm")
        except limits.Limited as blocked:
            db.session.rollback()
            message = _(
                "Many answers have come from this network in a short time. To keep the survey fair, please "
                "try again in %(minutes)d minutes. Your answers are still filled in below.",
                minutes=blocked.minutes,
            )
            return render_template(
                "monitoring/public_survey.html", service=service, team=team, form=form, throttled=message
            ), 429
        answered_on = today(team.cohort)
        add_response(
            service,
            form.answers(),
            answered_on,
            ResponseSource.ONLINE,
            form.sex.data or "",
            form.age_group.data or "",
            form.education.data or "",
            form.suggestion.data or "",
        )
        db.session.commit()
        return redirect(url_for("skm_public.thanks", token=token))
    if form.is_submitted():
        status = 422
    return render_template(
        "monitoring/public_survey.html", service=service, team=team, form=form, throttled=None
    ), status


@public_bp.get("/<token>/thanks")
def thanks(token: str) -> str:
    """Thank-you page after a submission (reloading it submits nothing)."""
    service = _service(token)
    return render_template("monitoring/public_thanks.html", service=service, team=service.team)
