"""A team's follow-up page, its field-visit logs and agreed actions."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response

from diklat.common.conflicts import refused_edit
from diklat.common.models import StaleEditError, check_version
from diklat.common.time import today
from diklat.extensions import db
from diklat.followups import visit_services as visits
from diklat.followups.access import can_log_visit, can_review, is_team_member, load_team_page, load_visit
from diklat.followups.blueprint import bp
from diklat.followups.forms import UploadForm, VisitForm
from diklat.followups.labels import item_title
from diklat.followups.models import AgreedAction, FollowupItem, Rating
from diklat.followups.report_services import report_of
from diklat.followups.step_stats import summarize

TEAM = "/cohorts/<int:cohort_id>/followup/teams/<int:team_id>"
BLANK_ACTIONS = 2
BLANK_MANUAL_STEPS = 5


@bp.get(TEAM)
@login_required
def team(cohort_id: int, team_id: int) -> str:
    """Everything after the course for one team: plan items, visits, actions, trial report."""
    access, found = load_team_page(cohort_id, team_id)
    items = db.session.scalars(
        select(FollowupItem).where(FollowupItem.team_id == found.id).order_by(FollowupItem.starts_on, FollowupItem.id)
    ).all()
    logs = visits.visits_of(found)
    return render_template(
        "followups/team.html",
        access=access,
        cohort=access.cohort,
        team=found,
        items=items,
        visits=logs,
        actions=visits.team_actions(found),
        report=report_of(found),
        today=today(access.cohort),
        can_log=can_log_visit(access, found),
        can_review=can_review(access, found),
        is_member=is_team_member(access, found),
        summaries={v.id: summarize(o.rating.value for o in v.observations) for v in logs},
    )


def _item_choices(found) -> list[tuple[int, str]]:  # noqa: ANN001
    choices = [(0, _("— not linked to a planned visit —"))]
    return choices + [
        (i.id, f"{item_title(i)} ({format_date(i.starts_on, 'medium')})") for i in visits.visit_items(found)
    ]


def _prefill(form: VisitForm, found, visit) -> None:  # noqa: ANN001
    """Rows for a new or edited log: SOP steps (or the last labels), existing actions, blank rows."""
    if visit is not None:
        for o in visit.observations:
            form.observations.append_entry(
                {"number": o.step_number or "", "label": o.label, "rating": o.rating.value, "note": o.note}
            )
        for a in visit.actions:
            form.actions.append_entry({"id": a.id, "description": a.description, "owner": a.owner, "due_on": a.due_on})
    else:
        steps, _version = visits.sop_step_rows(found)
        for step in steps:
            form.observations.append_entry({"number": step["number"] or "", "label": step["label"]})
        if not steps:
            for _n in range(BLANK_MANUAL_STEPS):
                form.observations.append_entry({})
        open_items = [i for i in visits.visit_items(found) if i.status.value in ("planned", "confirmed", "rescheduled")]
        if open_items:
            form.item_id.data = open_items[0].id
            form.started_on.data, form.ended_on.data = open_items[0].starts_on, open_items[0].ends_on
        form.place.data = found.office
    for _n in range(BLANK_ACTIONS):
        form.actions.append_entry({})


def _visit_data(form: VisitForm, sop_version: int | None) -> visits.VisitData:
    observations = [
        visits.ObservationData(
            label=r.label.data.strip(),
            rating=Rating(r.rating.data),
            note=(r.note.data or "").strip(),
            number=int(r.number.data) if (r.number.data or "").isdigit() else None,
        )
        for r in (e.form for e in form.observations)
        if not r.is_blank()
    ]
    actions = [
        visits.ActionData(
            description=r.description.data.strip(),
            owner=r.owner.data.strip(),
            due_on=r.due_on.data,
            id=int(r.id.data) if (r.id.data or "").isdigit() else None,
        )
        for r in (e.form for e in form.actions)
        if not r.is_blank()
    ]
    return visits.VisitData(
        started_on=form.started_on.data,
        ended_on=form.ended_on.data,
        place=form.place.data.strip(),
        attendees=form.attendees.data or "",
        problems=form.problems.data or "",
        unclear_wording=form.unclear_wording.data or "",
        notes=form.notes.data or "",
        item_id=form.item_id.data or None,
        sop_version=sop_version,
        observations=observations,
        actions=actions,
    )


@bp.route(TEAM + "/visits/new", methods=["GET", "POST"])
@bp.route(TEAM + "/visits/<int:visit_id>/edit", methods=["GET", "POST"])
@login_required
def edit_visit(cohort_id: int, team_id: int, visit_id: int | None = None) -> str | Response | tuple:
    """Write or correct the log of a field visit."""
    if visit_id is None:
        (access, found), visit = load_team_page(cohort_id, team_id), None
    else:
        access, found, visit = load_visit(cohort_id, team_id, visit_id)
    if not can_log_visit(access, found):
        abort(403)
    form = VisitForm()
    form.item_id.choices = _item_choices(found)
    if not form.is_submitted():
        form.item_id.data = 0
        if visit is not None:
            for name in ("started_on", "ended_on", "place", "attendees", "problems", "unclear_wording", "notes"):
                getattr(form, name).data = getattr(visit, name)
            form.version.data, form.item_id.data = str(visit.version), visit.item_id or 0
        _prefill(form, found, visit)
    sop_version = visit.sop_version if visit else visits.sop_step_rows(found)[1]
    code = 200
    if form.validate_on_submit():
        try:
            if visit is not None:
                check_version(visit, form.version.data)
            saved = visits.save_visit(found, current_user, _visit_data(form, sop_version), visit)
            db.session.commit()
            flash(_("Visit log saved."), "success")
            return redirect(url_for("followups.visit", cohort_id=cohort_id, team_id=team_id, visit_id=saved.id))
        except StaleEditError as stale:
            code = refused_edit(
                stale,
                form,
                _(
                    "Someone else changed this visit log while you were editing. Open it in another tab to see "
                    "their version; what you typed is kept here."
                ),
            )
    elif form.is_submitted():
        code = 422
    return render_template(
        "followups/visit_form.html",
        access=access,
        cohort=access.cohort,
        team=found,
        form=form,
        visit=visit,
        ratings=list(Rating),
    ), code


@bp.get(TEAM + "/visits/<int:visit_id>")
@login_required
def visit(cohort_id: int, team_id: int, visit_id: int) -> tuple:
    """A visit log as the team and its mentor see it."""
    access, found, log = load_visit(cohort_id, team_id, visit_id)
    return visit_page(access, found, log)


def visit_page(access, team, log, upload_form=None, code: int = 200):  # noqa: ANN001
    """Render a visit log with its files and, for its authors, the upload form."""
    return render_template(
        "followups/visit.html",
        access=access,
        cohort=access.cohort,
        team=team,
        visit=log,
        summary=summarize(o.rating.value for o in log.observations),
        today=today(access.cohort),
        can_log=can_log_visit(access, team),
        upload_form=upload_form or UploadForm(formdata=None),
    ), code


def _load_action(cohort_id: int, team_id: int, action_id: int):
    access, found = load_team_page(cohort_id, team_id)
    action = db.session.get(AgreedAction, action_id)
    if action is None or action.team_id != found.id:
        abort(404)
    return access, found, action


@bp.post(TEAM + "/actions/<int:action_id>/done")
@login_required
def action_done(cohort_id: int, team_id: int, action_id: int) -> Response:
    """Mark an agreed action done (team, mentor or facilitator)."""
    access, _team, action = _load_action(cohort_id, team_id, action_id)
    visits.complete_action(action, current_user, today(access.cohort))
    db.session.commit()
    flash(_("Action marked done."), "success")
    return redirect(url_for("followups.team", cohort_id=cohort_id, team_id=team_id) + f"#action-{action_id}")


@bp.post(TEAM + "/actions/<int:action_id>/reopen")
@login_required
def action_reopen(cohort_id: int, team_id: int, action_id: int) -> Response:
    """Take back a done mark."""
    _access, _team, action = _load_action(cohort_id, team_id, action_id)
    visits.reopen_action(action)
    db.session.commit()
    flash(_("Action reopened."), "info")
    return redirect(url_for("followups.team", cohort_id=cohort_id, team_id=team_id) + f"#action-{action_id}")
