"""Parallel forms on the test's questions page: how many questions of each topic every participant draws."""

from __future__ import annotations

from flask import Response, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from diklat.assessments.blueprint import bp
from diklat.assessments.draw_form import draw_rows, parse_draws
from diklat.assessments.exam_services import TestLockedError, find_test, set_draws
from diklat.assessments.exam_views import parse_kind, questions_page
from diklat.cohorts.access import MANAGERS, load_cohort
from diklat.common.conflicts import refused_edit
from diklat.common.models import StaleEditError, check_version
from diklat.extensions import db


@bp.post("/cohorts/<int:cohort_id>/tests/<kind>/draws")
@login_required
def save_draws(cohort_id: int, kind: str) -> str | Response:
    """Save the per-topic draw; a bad number comes back next to its topic with everything typed kept."""
    access = load_cohort(cohort_id, MANAGERS)
    test = find_test(cohort_id, parse_kind(kind))
    if test is None:
        return redirect(url_for("assessments.edit_settings", cohort_id=cohort_id, kind=kind))
    typed = {r.index: request.form.get(f"draw-{r.index}", "") for r in draw_rows(test)}
    rows = draw_rows(test, typed)
    draws = parse_draws(rows)
    if draws is not None:
        try:
            check_version(test, request.form.get("version", ""))
            set_draws(test, draws)
        except StaleEditError as stale:  # what was typed stays in the rows; the page shows the stored test
            status = refused_edit(
                stale, None, _("Someone else changed this test meanwhile; check the draw and save again.")
            )
            return questions_page(access, test, kind, draw_form_rows=rows), status
        except TestLockedError:
            flash(_("Participants have started this test, so its questions can no longer change."), "error")
        else:
            db.session.commit()
            flash(_("Each participant now answers %(count)d questions.", count=test.questions_per_attempt), "success")
            return redirect(url_for("assessments.edit_questions", cohort_id=cohort_id, kind=kind))
    return questions_page(access, test, kind, draw_form_rows=rows), 422
