"""Create a cohort from an earlier one."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from diklat.cohorts.access import MANAGERS, is_facilitator_anywhere, user_cohorts
from diklat.cohorts.blueprint import bp
from diklat.cohorts.forms import MAX_DAYS, CopyCohortForm
from diklat.cohorts.models import Cohort
from diklat.cohorts.reuse import copy_cohort, start_problem
from diklat.extensions import db


def _sources() -> list[Cohort]:
    """Cohorts the user may copy: the ones they manage (every cohort for an admin)."""
    if current_user.is_admin:
        return list(db.session.scalars(db.select(Cohort).order_by(Cohort.start_date.desc())))
    return [c for c, role in user_cohorts(current_user.id) if role in MANAGERS]


@bp.route("/new/from-earlier", methods=["GET", "POST"])
@login_required
def copy() -> str | Response:
    """Copy schedule, tests and follow-up offsets of an earlier cohort to a new one (never people or work)."""
    if not is_facilitator_anywhere(current_user):
        abort(403)
    sources = _sources()
    form = CopyCohortForm()
    form.source.choices = [(c.id, f"{c.name} ({c.start_date:%d-%m-%Y})") for c in sources]
    if request.method == "GET" and request.args.get("source", type=int):
        form.source.data = request.args.get("source", type=int)
    if form.validate_on_submit():
        source = next((c for c in sources if c.id == form.source.data), None)
        if source is None:
            abort(404)
        if problem := start_problem(form.start_date.data):
            form.start_date.errors.append(_(problem))
        else:
            cohort = copy_cohort(source, current_user, form.name.data, form.start_date.data, form.place.data or "")
            if cohort.days > MAX_DAYS:
                db.session.rollback()
                form.start_date.errors.append(
                    _("From this day the course days would span a weekend or holiday; choose another first day.")
                )
            else:
                db.session.commit()
                flash(
                    _("Cohort created from “%(name)s”. Follow the checklist to get it ready.", name=source.name),
                    "success",
                )
                return redirect(url_for("cohorts.detail", cohort_id=cohort.id))
    return render_template("cohorts/copy.html", form=form, has_sources=bool(sources))
