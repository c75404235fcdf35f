"""The cohort's follow-up plan: generate, edit offsets, change and move items, download .ics."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response as WerkzeugResponse

from diklat.cohorts.access import EVERYONE, MANAGERS, load_cohort
from diklat.common.conflicts import refused_edit
from diklat.common.jobs import latest
from diklat.common.models import StaleEditError, check_version, commit_first_use
from diklat.common.time import today
from diklat.extensions import db
from diklat.followups import plan_services
from diklat.followups.access import can_edit_item, is_team_mentor, load_item
from diklat.followups.blueprint import bp
from diklat.followups.calendar_services import events_for
from diklat.followups.clashes import fingerprint
from diklat.followups.forms import PlanForm, RescheduleForm, StatusForm
from diklat.followups.ics import calendar_bytes
from diklat.followups.models import ItemStatus
from diklat.followups.plan_clashes import clash_messages, clashes_if_moved

PREFIX = "/cohorts/<int:cohort_id>/followup"


@bp.get(PREFIX)
@login_required
def plan(cohort_id: int) -> str:
    """The plan: cohort-wide items and each visible team's items, overdue highlighted."""
    access = load_cohort(cohort_id, EVERYONE)
    settings = plan_services.plan_of(access.cohort) if access.manages else None
    commit_first_use()  # the default settings row, created on first visit (before loading: commit expires)
    teams = access.visible_teams()
    team_ids = {t.id for t in teams}
    items = [i for i in plan_services.items_of(access.cohort) if i.team_id is None or i.team_id in team_ids]
    clashes = clash_messages(access.cohort, items) if access.manages else []
    new_teams = plan_services.teams_without_items(access.cohort) if access.manages and items else []
    return render_template(
        "followups/plan.html",
        access=access,
        cohort=access.cohort,
        teams=teams,
        wide=[i for i in items if i.team_id is None],
        by_team={t.id: [i for i in items if i.team_id == t.id] for t in teams},
        settings=settings,
        today=today(access.cohort),
        generated=bool(items),
        clashes=clashes,
        new_teams=new_teams,
        reminder_job=latest(reminders_ref(access.cohort.id)) if access.manages else None,
    )


@bp.get(PREFIX + "/draft")
@login_required
def draft(cohort_id: int) -> str:
    """The plan as it would be saved, with its clashes, before the facilitator agrees to it."""
    access = load_cohort(cohort_id, MANAGERS)
    items = plan_services.draft(access.cohort)
    clashes = clash_messages(access.cohort, items)
    existing = plan_services.items_of(access.cohort)
    db.session.rollback()  # nothing of the draft is kept
    return render_template(
        "followups/draft.html",
        access=access,
        cohort=access.cohort,
        items=items,
        teams={t.id: t for t in access.cohort.teams},
        clashes=clashes,
        today=today(access.cohort),
        replaces=bool(existing),
    )


@bp.post(PREFIX + "/generate")
@login_required
def generate(cohort_id: int) -> WerkzeugResponse:
    """Create the whole plan in one action."""
    access = load_cohort(cohort_id, MANAGERS)
    try:
        early = request.form.get("early") == "1"
        created = plan_services.generate(access.cohort, current_user, today(access.cohort), early=early)
    except plan_services.PlanError as error:
        flash(_(error.message), "error")
        return redirect(url_for("followups.plan", cohort_id=cohort_id))
    db.session.commit()
    flash(_("Follow-up plan generated: %(num)d items.", num=len(created)), "success")
    return redirect(url_for("followups.plan", cohort_id=cohort_id))


@bp.route(PREFIX + "/settings", methods=["GET", "POST"])
@login_required
def settings(cohort_id: int) -> str | WerkzeugResponse:
    """Edit the offsets; items that still follow them move with them."""
    access = load_cohort(cohort_id, MANAGERS)
    settings_row = plan_services.plan_of(access.cohort)
    form = PlanForm(obj=settings_row)
    if not form.is_submitted():
        form.version.data = str(settings_row.version)
    if form.validate_on_submit():
        try:
            check_version(settings_row, form.version.data)
        except StaleEditError as stale:
            code = refused_edit(
                stale,
                form,
                _(
                    "Someone else changed these settings while you were editing. Check the current values; "
                    "your changes are kept in the form."
                ),
            )
            return render_template(
                "followups/settings.html", access=access, cohort=access.cohort, form=form, current=settings_row
            ), code
        settings_row.session_place = form.session_place.data or ""
        moved = plan_services.apply_offsets(
            access.cohort, settings_row, form.offsets(), current_user, plan_services.OFFSETS_CHANGED
        )
        db.session.commit()
        flash(_("Settings saved; %(num)d items moved.", num=moved), "success")
        return redirect(url_for("followups.plan", cohort_id=cohort_id))
    db.session.commit()
    return render_template(
        "followups/settings.html", access=access, cohort=access.cohort, form=form, current=settings_row
    ), 422 if form.errors else 200


def _item_page(access, item, status_form=None, move_form=None, code: int = 200, clashes=()):  # noqa: ANN001
    editable = can_edit_item(access, item)
    if editable:
        collective = plan_services.plan_of(item.cohort).collective_leave
        status_form = status_form or StatusForm(
            formdata=None, prefix="status", version=str(item.version), status=item.status.value
        )
        move_form = move_form or RescheduleForm(
            formdata=None,
            prefix="move",
            collective_leave=collective,
            version=str(item.version),
            starts_on=item.starts_on,
            start_time=item.start_time,
            end_time=item.end_time,
        )
    return render_template(
        "followups/item.html",
        access=access,
        cohort=access.cohort,
        item=item,
        editable=editable,
        status_form=status_form,
        move_form=move_form,
        move_clashes=list(clashes),
        today=today(access.cohort),
        is_mentor=is_team_mentor(item.team),
        reason_text=_reason_text,
    ), code


def _reason_text(reason: str) -> str:
    """A change's reason: the system's own words translated, a person's as typed."""
    return _(reason) if reason in plan_services.SYSTEM_REASONS else reason


@bp.get(PREFIX + "/items/<int:item_id>")
@login_required
def item(cohort_id: int, item_id: int) -> tuple:
    """One item: dates, status, history; forms to change it for those allowed."""
    access, found = load_item(cohort_id, item_id)
    return _item_page(access, found)


def _stale(access, found, stale: StaleEditError, status_form=None, move_form=None):  # noqa: ANN001
    message = _(
        "Someone else changed this item while you were editing. The current state is shown; "
        "what you typed is kept in the form."
    )
    code = refused_edit(stale, status_form or move_form, message)
    return _item_page(access, found, status_form, move_form, code)


@bp.post(PREFIX + "/items/<int:item_id>/status")
@login_required
def item_status(cohort_id: int, item_id: int) -> tuple | WerkzeugResponse:
    """Confirm, complete, mark missed, cancel or reopen."""
    access, found = load_item(cohort_id, item_id)
    if not can_edit_item(access, found):
        abort(403)
    form = StatusForm(prefix="status")
    if not form.validate_on_submit():
        return _item_page(access, found, status_form=form, code=422)
    try:
        check_version(found, form.version.data)
    except StaleEditError as stale:
        return _stale(access, found, stale, status_form=form)
    plan_services.set_status(found, current_user, ItemStatus(form.status.data), form.reason.data or "")
    db.session.commit()
    flash(_("Status saved."), "success")
    return redirect(url_for("followups.item", cohort_id=cohort_id, item_id=item_id))


@bp.post(PREFIX + "/items/<int:item_id>/reschedule")
@login_required
def item_reschedule(cohort_id: int, item_id: int) -> tuple | WerkzeugResponse:
    """Move the item to another working day; the reason goes into its history."""
    access, found = load_item(cohort_id, item_id)
    if not can_edit_item(access, found):
        abort(403)
    form = RescheduleForm(prefix="move", collective_leave=plan_services.plan_of(found.cohort).collective_leave)
    if not form.validate_on_submit():
        return _item_page(access, found, move_form=form, code=422)
    if clashes := _unconfirmed_clashes(found, form):
        return _item_page(access, found, move_form=form, clashes=clashes)
    try:
        check_version(found, form.version.data)
    except StaleEditError as stale:
        return _stale(access, found, stale, move_form=form)
    plan_services.reschedule(
        found, current_user, form.starts_on.data, form.start_time.data, form.end_time.data, form.reason.data.strip()
    )
    db.session.commit()
    flash(_("Item moved to the new date."), "success")
    return redirect(url_for("followups.item", cohort_id=cohort_id, item_id=item_id))


def _unconfirmed_clashes(found, form: RescheduleForm) -> list[str]:  # noqa: ANN001
    """Clashes on the new dates not yet confirmed for exactly these values (then the form asks to confirm)."""
    starts_on, start, end = form.starts_on.data, form.start_time.data, form.end_time.data
    seen = fingerprint(starts_on, start, end)
    if form.confirm.data == seen:
        return []
    ends_on = plan_services.moved_end(found, starts_on)
    clashes = clashes_if_moved(found, plan_services.items_of(found.cohort), starts_on, ends_on, start, end)
    form.confirm.data = seen if clashes else ""
    return clashes


@bp.get(PREFIX + "/items/<int:item_id>.ics")
@login_required
def item_ics(cohort_id: int, item_id: int) -> Response:
    """The item as an .ics file for any calendar program."""
    _access, found = load_item(cohort_id, item_id)
    body = calendar_bytes(events_for(found), found.cohort.name)
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="tindak-lanjut-{found.id}.ics"'
    return response


def reminders_ref(cohort_id: int) -> str:
    """The job reference of a cohort's reminder run (the plan page shows the latest)."""
    return f"cohort:{cohort_id}:reminders"


@bp.post(PREFIX + "/reminders")
@login_required
def send_reminders_now(cohort_id: int) -> WerkzeugResponse:
    """Queue the cohort's due reminder mails now (the same run cron does; nothing is sent twice)."""
    from flask import current_app

    from diklat.common.jobs import enqueue
    from diklat.followups.reminders import send_cohort_reminders

    access = load_cohort(cohort_id, MANAGERS)
    enqueue(
        send_cohort_reminders,
        access.cohort.id,
        today(access.cohort).isoformat(),
        current_app.config["REMINDER_DAYS_BEFORE"],
        job_label="Reminder mails",
        job_ref=reminders_ref(access.cohort.id),
    )
    db.session.commit()
    flash(_("Reminder mails are being sent."), "info")
    return redirect(url_for("followups.plan", cohort_id=cohort_id) + "#reminders")
