"""Course feedback (Kirkpatrick level 1), filled by each participant once and editable afterwards."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response

from diklat.cohorts.access import load_cohort
from diklat.cohorts.models import Role
from diklat.common.conflicts import refused_edit
from diklat.common.models import StaleEditError, check_version
from diklat.extensions import db
from diklat.monitoring.blueprint import bp
from diklat.monitoring.forms import feedback_form
from diklat.monitoring.models import CourseFeedback
from diklat.monitoring.reaction import MODULES


@bp.route("/feedback", methods=["GET", "POST"])
@login_required
def feedback(cohort_id: int) -> str | Response:
    """Rate each module and facilitator 1–5 and leave two short comments."""
    access = load_cohort(cohort_id, {Role.PARTICIPANT.value})
    cohort = access.cohort
    facilitators = [(m.user_id, m.user.name) for m in cohort.members_with_role(Role.FACILITATOR)]
    record = db.session.scalar(
        select(CourseFeedback).where(CourseFeedback.cohort_id == cohort.id, CourseFeedback.user_id == current_user.id)
    )
    form = feedback_form(facilitators, obj=record)
    if record is not None and not form.is_submitted():
        form.version.data = str(record.version)
        for number in MODULES:
            getattr(form, f"m{number}").data = (record.module_ratings or {}).get(str(number))
        for user_id, _name in facilitators:
            getattr(form, f"f{user_id}").data = (record.facilitator_ratings or {}).get(str(user_id))
    status = 200
    if form.validate_on_submit():
        try:
            if record is None:
                record = CourseFeedback(cohort_id=cohort.id, user_id=current_user.id)
                db.session.add(record)
            else:
                check_version(record, form.version.data)
        except StaleEditError as stale:
            code = refused_edit(
                stale,
                form,
                _(
                    "Your feedback was changed in another window. What you typed here is kept; save again to "
                    "replace it."
                ),
            )
            return _page(access, form, facilitators, record), code
        record.module_ratings = {str(n): getattr(form, f"m{n}").data for n in MODULES}
        record.facilitator_ratings = {str(u): getattr(form, f"f{u}").data for u, _n in facilitators}
        record.liked, record.improve = (form.liked.data or "").strip(), (form.improve.data or "").strip()
        db.session.commit()
        flash(_("Thank you. Your feedback was saved; you can still change it here."), "success")
        return redirect(url_for("monitoring.feedback", cohort_id=cohort.id))
    if form.is_submitted():
        status = 422
    return _page(access, form, facilitators, record), status


def _page(access, form, facilitators, record) -> str:  # noqa: ANN001
    return render_template(
        "monitoring/feedback.html",
        access=access,
        cohort=access.cohort,
        form=form,
        modules=MODULES,
        facilitators=facilitators,
        record=record,
    )
