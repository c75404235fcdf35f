"""Attendance on paper and by phone: daftar hadir PDF/XLSX, "all present", self check-in by rotating QR code."""

from __future__ import annotations

from datetime import date

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response as WerkzeugResponse

from diklat.cohorts import checkin
from diklat.cohorts.access import MANAGERS, load_cohort
from diklat.cohorts.blueprint import bp
from diklat.cohorts.models import AttendanceStatus, CourseSession, Role
from diklat.cohorts.services import record_attendance, self_check_in
from diklat.cohorts.sheets import build_sheet, sheet_pdf, sheet_xlsx
from diklat.common.time import now
from diklat.extensions import db
from diklat.monitoring.qr import qr_svg

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _session_of(cohort_id: int, session_id: int, roles: frozenset[str] = MANAGERS) -> tuple:
    access = load_cohort(cohort_id, roles)
    session = db.session.get(CourseSession, session_id)
    if session is None or session.cohort_id != access.cohort.id:
        abort(404)
    return access, session


def _send_sheet(access, sessions: list[CourseSession], fmt: str, name: str) -> Response:  # noqa: ANN001
    filled = request.args.get("filled") == "1"
    sheet = build_sheet(access.cohort, sessions, filled)
    facilitators = access.cohort.members_with_role(Role.FACILITATOR)
    body = sheet_pdf(sheet, facilitators[0].user.name if facilitators else "") if fmt == "pdf" else sheet_xlsx(sheet)
    response = Response(body, mimetype="application/pdf" if fmt == "pdf" else XLSX)
    suffix = "terisi" if filled else "kosong"
    response.headers["Content-Disposition"] = f'attachment; filename="daftar-hadir-{name}-{suffix}.{fmt}"'
    return response


@bp.get("/<int:cohort_id>/schedule/<int:session_id>/daftar-hadir.<any(pdf, xlsx):fmt>")
@login_required
def session_sheet(cohort_id: int, session_id: int, fmt: str) -> Response:
    """The attendance sheet of one session: blank for wet signatures, or filled (``?filled=1``)."""
    access, session = _session_of(cohort_id, session_id)
    return _send_sheet(access, [session], fmt, f"{session.day.isoformat()}-sesi-{session.id}")


@bp.get("/<int:cohort_id>/attendance/<isodate>/daftar-hadir.<any(pdf, xlsx):fmt>")
@login_required
def day_sheet(cohort_id: int, isodate: str, fmt: str) -> Response:
    """The attendance sheets of every session of one day."""
    access = load_cohort(cohort_id, MANAGERS)
    try:
        day = date.fromisoformat(isodate)
    except ValueError:
        abort(404)
    sessions = [s for s in access.cohort.sessions if s.day == day]
    if not sessions:
        abort(404)
    return _send_sheet(access, sessions, fmt, day.isoformat())


@bp.post("/<int:cohort_id>/schedule/<int:session_id>/attendance/all-present")
@login_required
def all_present(cohort_id: int, session_id: int) -> WerkzeugResponse:
    """Mark every participant present; the facilitator then changes the exceptions."""
    access, session = _session_of(cohort_id, session_id)
    participants = access.cohort.members_with_role(Role.PARTICIPANT)
    record_attendance(session, {m.user_id: AttendanceStatus.PRESENT for m in participants})
    db.session.commit()
    flash(_("Everyone is marked present. Change the exceptions and save."), "success")
    return redirect(url_for("cohorts.session_attendance", cohort_id=cohort_id, session_id=session_id))


def _checkin_url(session: CourseSession, code: str) -> str:
    return url_for("cohorts.self_checkin", cohort_id=session.cohort_id, session_id=session.id, c=code, _external=True)


@bp.get("/<int:cohort_id>/schedule/<int:session_id>/checkin")
@login_required
def checkin_screen(cohort_id: int, session_id: int) -> str:
    """The facilitator's screen: this minute's QR code and code, refreshed every few seconds."""
    access, session = _session_of(cohort_id, session_id)
    local = now(access.cohort)
    code = checkin.code_for(current_app.config["SECRET_KEY"], session.id, checkin.minute_index(local))
    state = checkin.window_state(session.day, session.start_time, session.end_time, local.replace(tzinfo=None))
    return render_template(
        "cohorts/checkin_screen.html",
        access=access,
        cohort=access.cohort,
        session=session,
        code=code,
        state=state,
        url=_checkin_url(session, code),
        present=sum(1 for a in session.attendance if a.status.value in ("present", "late")),
    )


@bp.get("/<int:cohort_id>/schedule/<int:session_id>/checkin/qr.svg")
@login_required
def checkin_qr(cohort_id: int, session_id: int) -> Response:
    """This minute's QR code as SVG (never cached)."""
    access, session = _session_of(cohort_id, session_id)
    code = checkin.code_for(current_app.config["SECRET_KEY"], session.id, checkin.minute_index(now(access.cohort)))
    response = Response(qr_svg(_checkin_url(session, code)), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/<int:cohort_id>/checkin/<int:session_id>", methods=["GET", "POST"])
@login_required
def self_checkin(cohort_id: int, session_id: int) -> tuple[str, int] | WerkzeugResponse:
    """A participant who scanned the code confirms and is marked present (or late)."""
    access, session = _session_of(cohort_id, session_id, frozenset({Role.PARTICIPANT.value}))
    code = (request.form.get("c") or request.args.get("c") or "").strip()
    if request.method == "POST":
        outcome = self_check_in(
            session,
            current_user.id,
            code,
            now(access.cohort),
            current_app.config["SECRET_KEY"],
            current_app.config["CHECKIN_GRACE_MINUTES"],
        )
        if outcome.ok:
            db.session.commit()
            flash(_(outcome.message), "success")
            return redirect(url_for("cohorts.detail", cohort_id=cohort_id))
        return render_template(
            "cohorts/checkin.html",
            access=access,
            cohort=access.cohort,
            session=session,
            code=code,
            refusal=_(outcome.message),
        ), 422
    mine = next((a for a in session.attendance if a.user_id == current_user.id), None)
    return render_template(
        "cohorts/checkin.html",
        access=access,
        cohort=access.cohort,
        session=session,
        code=code,
        refusal=None,
        mine=mine,
    ), 200
