"""Course schedule (sessions with JP) and attendance."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.wrappers import Response

from diklat.cohorts.access import MANAGERS, load_cohort
from diklat.cohorts.blueprint import bp
from diklat.cohorts.forms import SessionForm
from diklat.cohorts.models import AttendanceStatus, CourseSession, Role
from diklat.cohorts.queries import attendance_records, session_counts
from diklat.cohorts.schedule_clashes import confirmation, room_clashes, session_clashes
from diklat.cohorts.services import attendance_summary, record_attendance, sessions_by_day, total_jp
from diklat.extensions import db


def _load_session(cohort_id: int, session_id: int) -> tuple:
    access = load_cohort(cohort_id, MANAGERS)
    session = db.session.get(CourseSession, session_id)
    if session is None or session.cohort_id != access.cohort.id:
        abort(404)
    return access, session


@bp.get("/<int:cohort_id>/schedule")
@login_required
def schedule(cohort_id: int) -> str:
    """The course schedule by day, with JP per session and in total."""
    access = load_cohort(cohort_id)
    return render_template(
        "cohorts/schedule.html",
        access=access,
        cohort=access.cohort,
        days=sessions_by_day(access.cohort),
        total_jp=total_jp(access.cohort),
        clashes=room_clashes(access.cohort) if access.manages else [],
    )


@bp.route("/<int:cohort_id>/schedule/new", methods=["GET", "POST"])
@bp.route("/<int:cohort_id>/schedule/<int:session_id>/edit", methods=["GET", "POST"])
@login_required
def edit_session(cohort_id: int, session_id: int | None = None) -> tuple | Response:
    """Add or change a schedule slot."""
    if session_id:
        access, session = _load_session(cohort_id, session_id)
    else:
        access, session = load_cohort(cohort_id, MANAGERS), None
    form = SessionForm(obj=session, cohort=access.cohort)
    clashes: list[str] = []
    if form.validate_on_submit() and not (clashes := _unconfirmed_clashes(access.cohort, session, form)):
        if session is None:
            session = CourseSession(cohort_id=access.cohort.id)
            db.session.add(session)
        form.populate_obj(session)
        session.room = session.room or ""
        db.session.commit()
        flash(_("Schedule saved."), "success")
        return redirect(url_for("cohorts.schedule", cohort_id=cohort_id))
    return render_template(
        "cohorts/session_form.html", access=access, cohort=access.cohort, form=form, session=session, clashes=clashes
    ), (422 if form.errors else 200)


def _unconfirmed_clashes(cohort, session: CourseSession | None, form: SessionForm) -> list[str]:  # noqa: ANN001
    """Room clashes of the typed values not yet confirmed for exactly these values ("save anyway")."""
    values = (form.day.data, form.start_time.data, form.end_time.data, form.room.data)
    seen = confirmation(*values)
    if form.confirm.data == seen:
        return []
    clashes = session_clashes(cohort, session.id if session else None, form.title.data, *values)
    form.confirm.data = seen if clashes else ""
    return clashes


@bp.post("/<int:cohort_id>/schedule/<int:session_id>/delete")
@login_required
def delete_session(cohort_id: int, session_id: int) -> Response:
    """Remove a schedule slot and its attendance."""
    _access, session = _load_session(cohort_id, session_id)
    db.session.delete(session)
    db.session.commit()
    flash(_("Session removed from the schedule."), "info")
    return redirect(url_for("cohorts.schedule", cohort_id=cohort_id))


@bp.route("/<int:cohort_id>/schedule/<int:session_id>/attendance", methods=["GET", "POST"])
@login_required
def session_attendance(cohort_id: int, session_id: int) -> str | Response:
    """Record each participant's attendance at one session."""
    access, session = _load_session(cohort_id, session_id)
    participants = access.cohort.members_with_role(Role.PARTICIPANT)
    current = {a.user_id: a.status.value for a in session.attendance}
    errors: dict[int, str] = {}
    if request.method == "POST":
        statuses = {}
        for member in participants:
            value = request.form.get(f"status-{member.user_id}", "")
            current[member.user_id] = value
            try:
                statuses[member.user_id] = AttendanceStatus(value)
            except ValueError:
                errors[member.user_id] = _("Choose a status.")
        if not errors:
            record_attendance(session, statuses)
            db.session.commit()
            flash(_("Attendance saved."), "success")
            return redirect(url_for("cohorts.attendance", cohort_id=cohort_id))
    return render_template(
        "cohorts/session_attendance.html",
        access=access,
        cohort=access.cohort,
        session=session,
        participants=participants,
        current=current,
        errors=errors,
        statuses=list(AttendanceStatus),
    ), (422 if errors else 200)


@bp.get("/<int:cohort_id>/attendance")
@login_required
def attendance(cohort_id: int) -> str:
    """Attendance summary: per participant counts and rate; sessions with recorded attendance."""
    access = load_cohort(cohort_id, MANAGERS)
    return render_template(
        "cohorts/attendance.html",
        access=access,
        cohort=access.cohort,
        summary=attendance_summary(access.cohort),
        records=attendance_records(access.cohort.id),
        counts=session_counts(access.cohort.id),
        days=sessions_by_day(access.cohort),
        participants=access.cohort.members_with_role(Role.PARTICIPANT),
        statuses=list(AttendanceStatus),
    )
