"""People of a cohort beyond the list: access states, invitations, slips, team moves and role changes."""

from __future__ import annotations

import io

from flask import abort, flash, redirect, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from diklat.auth.invitations import invite, lifetime, print_slips
from diklat.auth.mail_jobs import send_enrolment_notice, send_invitation_mail
from diklat.auth.states import STATE_BADGES, STATE_LABELS, access_states
from diklat.auth.token_models import Purpose
from diklat.cohorts.access import MANAGERS, CohortAccess, load_cohort
from diklat.cohorts.blueprint import bp
from diklat.cohorts.membership import change_role, last_facilitator, move_to_team
from diklat.cohorts.models import CohortMember, Role, Team
from diklat.cohorts.privacy import shows_personal_data
from diklat.cohorts.slips import SlipView, qr_data_uri, slips_pdf
from diklat.common.jobs import enqueue
from diklat.common.time import to_local, utcnow
from diklat.extensions import db

WAITING = ("not_invited", "invited", "opened", "send_failed")


def queue_mails(token_ids: list[int], notify_user_ids: list[int], cohort_id: int) -> None:
    """After the commit: mail invitation links and enrolment notices in the background."""
    for token_id in token_ids:
        enqueue(send_invitation_mail, token_id, request.url_root)
    for user_id in notify_user_ids:
        enqueue(send_enrolment_notice, user_id, cohort_id, request.url_root)


def members_context(access: CohortAccess) -> dict:
    """What the people page needs: access states for managers, who may see whose personal data."""
    cohort = access.cohort
    states = access_states(m.user for m in cohort.members) if access.manages else {}
    return {
        "access": access,
        "cohort": cohort,
        "Role": Role,
        "states": states,
        "state_labels": STATE_LABELS,
        "state_badges": STATE_BADGES,
        "waiting": sum(1 for s in states.values() if s in WAITING),
        "shows_personal": lambda member: shows_personal_data(access, member),
    }


def _member(access: CohortAccess, member_id: int) -> CohortMember:
    member = db.session.get(CohortMember, member_id)
    if member is None or member.cohort_id != access.cohort.id:
        abort(404)
    return member


def _back(cohort_id: int) -> Response:
    return redirect(url_for("cohorts.members", cohort_id=cohort_id) + "#people")


@bp.post("/<int:cohort_id>/members/<int:member_id>/team")
@login_required
def move_member(cohort_id: int, member_id: int) -> Response:
    """Move a participant to another team of the cohort."""
    access = load_cohort(cohort_id, MANAGERS)
    member = _member(access, member_id)
    team_id = request.form.get("team_id", type=int) or None
    team = db.session.get(Team, team_id) if team_id else None
    if team_id and (team is None or team.cohort_id != cohort_id):
        abort(404)
    if move_to_team(member, team, current_user.id):
        db.session.commit()
        flash(_("%(name)s now belongs to %(team)s.", name=member.user.name, team=team.name if team else "—"), "success")
    return _back(cohort_id)


@bp.post("/<int:cohort_id>/members/<int:member_id>/role")
@login_required
def change_member_role(cohort_id: int, member_id: int) -> Response:
    """Change a member's role in this cohort."""
    access = load_cohort(cohort_id, MANAGERS)
    member = _member(access, member_id)
    try:
        role = Role(request.form.get("role", ""))
    except ValueError:
        abort(400)
    if role != member.role and last_facilitator(member):
        flash(_("The cohort needs at least one facilitator."), "error")
    elif change_role(member, role, current_user.id):
        db.session.commit()
        flash(_("The role of %(name)s has been changed.", name=member.user.name), "success")
    return _back(cohort_id)


@bp.post("/<int:cohort_id>/members/<int:member_id>/invite")
@login_required
def resend_invitation(cohort_id: int, member_id: int) -> Response:
    """Send a fresh invitation link to one person who has not set a password yet."""
    access = load_cohort(cohort_id, MANAGERS)
    member = _member(access, member_id)
    token_ids = invite([member.user], cohort_id, current_user.id, resend=True)
    db.session.commit()
    queue_mails(token_ids, [], cohort_id)
    if token_ids:
        flash(_("A new invitation is on its way to %(name)s.", name=member.user.name), "success")
    else:
        flash(_("%(name)s has already set a password: they can use “Forgot password”.", name=member.user.name), "info")
    return _back(cohort_id)


@bp.post("/<int:cohort_id>/invitations/resend")
@login_required
def resend_all(cohort_id: int) -> Response:
    """Send a fresh invitation to everyone in the cohort who has not set a password yet."""
    access = load_cohort(cohort_id, MANAGERS)
    token_ids = invite((m.user for m in access.cohort.members), cohort_id, current_user.id, resend=True)
    db.session.commit()
    queue_mails(token_ids, [], cohort_id)
    flash(_("%(count)d invitations are on their way.", count=len(token_ids)), "success")
    return _back(cohort_id)


@bp.post("/<int:cohort_id>/slips.pdf")
@login_required
def slips(cohort_id: int) -> Response:
    """Sign-in slips (PDF) for the chosen members, or for everyone who has not set a password yet."""
    access = load_cohort(cohort_id, MANAGERS)
    chosen = {int(v) for v in request.form.getlist("member_id") if v.isdigit()}
    members = [m for m in access.cohort.members if (m.id in chosen if chosen else not m.user.has_usable_password)]
    if not members:
        flash(_("Everyone in this cohort has already set a password."), "info")
        return _back(cohort_id)
    printed = print_slips([m.user for m in members], cohort_id, current_user.id)
    db.session.commit()
    teams = {m.user_id: (m.team.name if m.team else "") for m in members}
    views = [
        SlipView(s.user.name, teams[s.user.id], s.code, link, qr_data_uri(link))
        for s in printed
        for link in [url_for("auth.welcome", token=s.token, _external=True)]
    ]
    until = to_local(utcnow() + lifetime(Purpose.INVITE), access.cohort).date()
    pdf = slips_pdf(access.cohort.name, url_for("auth.sign_in_code", _external=True), until, views)
    response = send_file(
        io.BytesIO(pdf), mimetype="application/pdf", as_attachment=True, download_name=f"slip-masuk-{cohort_id}.pdf"
    )
    response.headers["Cache-Control"] = "no-store"
    return response
