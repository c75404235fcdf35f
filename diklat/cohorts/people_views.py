"""Members, teams and bulk enrolment of a cohort."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from diklat.auth.invitations import invite
from diklat.cohorts import templates_io
from diklat.cohorts.access import MANAGERS, load_cohort, load_team
from diklat.cohorts.blueprint import bp
from diklat.cohorts.enrolment import parse_enrolment
from diklat.cohorts.forms import EnrolmentForm, MemberForm, TeamForm
from diklat.cohorts.labels import ROLE_LABELS
from diklat.cohorts.member_views import members_context, queue_mails
from diklat.cohorts.membership import last_facilitator, remove
from diklat.cohorts.models import CohortMember, Role, Team
from diklat.cohorts.services import add_member, enrol_rows, enrolled_emails, get_or_create_person, nip_owners
from diklat.common.audit import AuditAction, record
from diklat.common.conflicts import refused_edit
from diklat.common.models import StaleEditError, check_version
from diklat.common.tabular import read_table
from diklat.extensions import db


def _member_form(cohort) -> MemberForm:  # noqa: ANN001
    form = MemberForm()
    form.role.choices = [(r.value, ROLE_LABELS[r.value]) for r in (Role.PARTICIPANT, Role.MENTOR, Role.FACILITATOR)]
    form.team_id.choices = [(0, _("— no team —"))] + [(t.id, t.name) for t in cohort.teams]
    if not form.is_submitted():
        form.role.data = Role.PARTICIPANT.value
    return form


def _duplicate_problem(cohort, form: MemberForm) -> bool:  # noqa: ANN001
    """Put an error on the field when the e-mail or NIP is already in the cohort.

    A NIP of an account outside the cohort means the same person: that account is added.
    """
    email = form.email.data.strip().lower()
    if email in enrolled_emails(cohort):
        form.email.errors.append(_("This person is already in the cohort."))
        return True
    owner = nip_owners().get(form.nip.data) if form.nip.data else None
    if owner is not None and owner != email:
        if owner in enrolled_emails(cohort):
            form.nip.errors.append(_("A person with this NIP is already in the cohort."))
            return True
        form.email.data = owner  # the same person under another address: their existing account is added
    return False


def _add_person(cohort, form: MemberForm) -> Response:  # noqa: ANN001
    """Add the person of the form (reusing an account by e-mail); invite a new account, notify an old one."""
    user, created = get_or_create_person(
        form.email.data,
        form.name.data,
        nip=form.nip.data or None,
        agency=form.agency.data or "",
        unit=form.unit.data or "",
        position=form.position.data or "",
    )
    user.rank = (form.rank.data or "").strip() or user.rank  # a grade typed here is the newest word on it
    team = db.session.get(Team, form.team_id.data) if form.team_id.data else None
    if team is not None and team.cohort_id != cohort.id:
        abort(404)
    add_member(cohort, user, Role(form.role.data), team)
    record(AuditAction.MEMBER_ADDED, current_user.id, user.id, cohort.id, role=form.role.data)
    token_ids = invite([user], cohort.id, current_user.id) if created else []
    db.session.commit()
    queue_mails(token_ids, [] if created else [user.id], cohort.id)
    flash(_("%(name)s added to the cohort.", name=user.name), "success")
    return redirect(url_for("cohorts.members", cohort_id=cohort.id))


@bp.route("/<int:cohort_id>/members", methods=["GET", "POST"])
@login_required
def members(cohort_id: int) -> str | Response:
    """List the cohort's people; facilitators add a person with a role."""
    access = load_cohort(cohort_id)
    cohort = access.cohort
    form = _member_form(cohort) if access.manages else None
    if form is not None and form.validate_on_submit() and not _duplicate_problem(cohort, form):
        return _add_person(cohort, form)
    return render_template(
        "cohorts/members.html", **members_context(access), form=form, completions=_completions(access)
    )


def _completions(access) -> dict:  # noqa: ANN001
    """Managers see each participant's completion status (rules of the certificates feature)."""
    if not access.manages:
        return {}
    from diklat.certificates.queries import completions

    return completions(access.cohort)


@bp.post("/<int:cohort_id>/members/<int:member_id>/remove")
@login_required
def remove_member(cohort_id: int, member_id: int) -> Response:
    """Remove a person from the cohort (their account stays)."""
    access = load_cohort(cohort_id, MANAGERS)
    member = db.session.get(CohortMember, member_id)
    if member is None or member.cohort_id != access.cohort.id:
        abort(404)
    if last_facilitator(member):
        flash(_("The cohort needs at least one facilitator."), "error")
        return redirect(url_for("cohorts.members", cohort_id=cohort_id))
    remove(member, current_user.id)
    db.session.commit()
    flash(_("Removed from the cohort."), "info")
    return redirect(url_for("cohorts.members", cohort_id=cohort_id))


def _team_form(cohort, team: Team | None = None) -> TeamForm:  # noqa: ANN001
    form = TeamForm(obj=team)
    form.mentor_id.choices = [(0, _("— no mentor yet —"))] + [
        (m.user_id, m.user.name) for m in cohort.members_with_role(Role.MENTOR)
    ]
    if team is not None and not form.is_submitted():
        form.mentor_id.data = team.mentor_id or 0
        form.version.data = str(team.version)
    return form


@bp.get("/<int:cohort_id>/teams")
@login_required
def teams(cohort_id: int) -> str:
    """Teams the viewer may see, with office, service, mentor and members."""
    access = load_cohort(cohort_id)
    return render_template("cohorts/teams.html", access=access, cohort=access.cohort, teams=access.visible_teams())


@bp.route("/<int:cohort_id>/teams/new", methods=["GET", "POST"])
@bp.route("/<int:cohort_id>/teams/<int:team_id>/edit", methods=["GET", "POST"])
@login_required
def edit_team(cohort_id: int, team_id: int | None = None) -> str | Response:
    """Create or edit a team."""
    access = load_cohort(cohort_id, MANAGERS)
    team = load_team(access, team_id) if team_id else None
    form = _team_form(access.cohort, team)
    if form.validate_on_submit():
        clash = next((t for t in access.cohort.teams if t.name == form.name.data and t is not team), None)
        if clash is not None:
            form.name.errors.append(_("Another team already has this name."))
        else:
            try:
                if team is None:
                    team = Team(cohort_id=access.cohort.id)
                    db.session.add(team)
                else:
                    check_version(team, form.version.data)
            except StaleEditError as stale:
                code = refused_edit(
                    stale,
                    form,
                    _(
                        "Someone else changed this team while you were editing. Check the current values and save again."
                    ),
                )
                return render_template(
                    "cohorts/team_form.html", access=access, cohort=access.cohort, form=form, team=team
                ), code
            team.name, team.office, team.service = form.name.data, form.office.data, form.service.data
            team.mentor_id = form.mentor_id.data or None
            db.session.commit()
            flash(_("Team saved."), "success")
            return redirect(url_for("cohorts.teams", cohort_id=cohort_id))
    return render_template("cohorts/team_form.html", access=access, cohort=access.cohort, form=form, team=team)


@bp.route("/<int:cohort_id>/enrol", methods=["GET", "POST"])
@login_required
def enrol(cohort_id: int) -> str | Response:
    """Bulk enrolment from CSV/XLSX: all rows or none, every problem listed."""
    access = load_cohort(cohort_id, MANAGERS)
    cohort = access.cohort
    form = EnrolmentForm()
    problems = []
    if form.validate_on_submit():
        upload = form.file.data
        table, problems = read_table(upload.filename or "", upload.read())
        if not problems:
            result = parse_enrolment(table, enrolled_emails(cohort), None, nip_owners())
            problems = result.problems
            if result.ok:
                outcome = enrol_rows(cohort, result.rows, actor_id=current_user.id)
                token_ids = invite(outcome.new, cohort.id, current_user.id)
                db.session.commit()
                queue_mails(token_ids, [u.id for u in outcome.existing], cohort.id)
                flash(_("%(count)d participants enrolled.", count=outcome.count), "success")
                flash(
                    _(
                        "Invitations are being sent to %(new)d new accounts; %(existing)d people who already had an account are told by e-mail.",
                        new=len(token_ids),
                        existing=len(outcome.existing),
                    ),
                    "info",
                )
                return redirect(url_for("cohorts.members", cohort_id=cohort.id))
        db.session.rollback()
    status = 422 if problems else 200
    return render_template("cohorts/enrol.html", access=access, cohort=cohort, form=form, problems=problems), status


@bp.get("/enrolment-template.<any(csv, xlsx):fmt>")
@login_required
def enrolment_template(fmt: str) -> Response:
    """Download the participant-list template."""
    data, mimetype = templates_io.enrolment_template(fmt, request.args.get("headings", "id"))
    return send_file(data, mimetype=mimetype, as_attachment=True, download_name=f"template-peserta.{fmt}")
