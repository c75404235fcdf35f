"""Cohort list, creation, overview and editing."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from diklat.cohorts.access import MANAGERS, is_facilitator_anywhere, load_cohort, user_cohorts
from diklat.cohorts.blueprint import bp
from diklat.cohorts.forms import CohortForm
from diklat.cohorts.models import Cohort, Role
from diklat.cohorts.services import create_cohort, total_jp
from diklat.cohorts.setup import checklist
from diklat.common.conflicts import refused_edit
from diklat.common.models import StaleEditError, check_version
from diklat.common.nav import attention_for
from diklat.extensions import db


@bp.get("/")
@login_required
def index() -> str:
    """Cohorts of the signed-in user (all cohorts for an admin)."""
    if current_user.is_admin:
        cohorts = [(c, "admin") for c in db.session.scalars(db.select(Cohort).order_by(Cohort.start_date.desc()))]
        mine = {c.id: r for c, r in user_cohorts(current_user.id)}
        cohorts = [(c, mine.get(c.id, r)) for c, r in cohorts]
    else:
        cohorts = user_cohorts(current_user.id)
    return render_template("cohorts/index.html", cohorts=cohorts, can_create=is_facilitator_anywhere(current_user))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create() -> str | Response:
    """Create a cohort; the creator becomes its facilitator."""
    if not is_facilitator_anywhere(current_user):
        abort(403)
    form = CohortForm()
    if form.validate_on_submit():
        cohort = create_cohort(
            current_user,
            name=form.name.data,
            course=form.course.data,
            place=form.place.data,
            start_date=form.start_date.data,
            end_date=form.end_date.data,
            timezone=form.timezone.data,
        )
        db.session.commit()
        flash(_("Cohort created. Now add teams and participants."), "success")
        return redirect(url_for("cohorts.detail", cohort_id=cohort.id))
    return render_template("cohorts/form.html", form=form, cohort=None)


@bp.get("/<int:cohort_id>")
@login_required
def detail(cohort_id: int) -> str:
    """Overview of a cohort: facts, teams, people, schedule summary."""
    access = load_cohort(cohort_id)
    steps = checklist(access.cohort) if access.manages else []
    ready = all(s.done for s in steps)
    prefix = url_for("cohorts.detail", cohort_id=cohort_id) + "/"
    attention = [i for i in attention_for(current_user) if i.url.startswith(prefix)] if ready else []
    return render_template(
        "cohorts/detail.html",
        access=access,
        cohort=access.cohort,
        Role=Role,
        total_jp=total_jp(access.cohort),
        steps=[] if ready else steps,
        attention=attention,
    )


@bp.route("/<int:cohort_id>/edit", methods=["GET", "POST"])
@login_required
def edit(cohort_id: int) -> str | Response:
    """Edit the cohort's details; a concurrent edit is refused, not overwritten."""
    access = load_cohort(cohort_id, MANAGERS)
    cohort = access.cohort
    form = CohortForm(obj=cohort)
    if not form.is_submitted():
        form.version.data = str(cohort.version)
    if form.validate_on_submit():
        try:
            check_version(cohort, form.version.data)
        except StaleEditError as stale:
            code = refused_edit(
                stale,
                form,
                _(
                    "Someone else changed this cohort while you were editing. Their version is shown below; "
                    "your changes are kept in the form."
                ),
            )
            return render_template("cohorts/form.html", form=form, cohort=cohort, conflict=True), code
        for name in ("name", "course", "place", "start_date", "end_date", "timezone"):
            setattr(cohort, name, getattr(form, name).data)
        db.session.commit()
        flash(_("Cohort saved."), "success")
        return redirect(url_for("cohorts.detail", cohort_id=cohort.id))
    return render_template("cohorts/form.html", form=form, cohort=cohort)
