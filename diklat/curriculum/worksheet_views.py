"""Filling, saving, submitting, reviewing and downloading one worksheet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response

from diklat.auth.models import User
from diklat.cohorts.access import CohortAccess, load_cohort, load_team
from diklat.cohorts.models import CohortMember, Role, Team
from diklat.common.conflicts import refused_edit
from diklat.common.models import StaleEditError
from diklat.curriculum import merge_views, rules, services
from diklat.curriculum.answers import raw_from_clean, raw_from_form, validate
from diklat.curriculum.blueprint import bp
from diklat.curriculum.content import Worksheet
from diklat.curriculum.display import translate_errors
from diklat.curriculum.models import WorksheetAnswer, WorksheetDefinition
from diklat.curriculum.signals import related_link
from diklat.curriculum.views import load_open_module
from diklat.extensions import db

KINDS = ("teams", "people")


@dataclass
class SheetContext:
    """Everything a worksheet page needs, loaded and checked."""

    access: CohortAccess
    found: services.ModuleAvailability
    definition: WorksheetDefinition
    kind: str
    team: Team | None
    person: User | None
    answer: WorksheetAnswer | None

    @property
    def owner_name(self) -> str:
        """Team name, or the participant's name."""
        return self.team.name if self.team else self.person.name

    @property
    def editable(self) -> bool:
        """A participant who owns the worksheet, module open, answer not waiting or accepted."""
        if self.access.role != Role.PARTICIPANT.value or not self.found.is_open:
            return False
        mine = self.access.team == self.team if self.team else self.person.id == current_user.id
        return mine and rules.can_edit(self.answer.status.value if self.answer else None)

    @property
    def reviewable(self) -> bool:
        """Managers review submitted worksheets."""
        return self.access.manages and self.answer is not None and rules.can_review(self.answer.status.value)


def _load_person(access: CohortAccess, user_id: int) -> User:
    """A participant of the cohort the viewer may see (404 otherwise)."""
    member = db.session.scalar(
        select(CohortMember).where(
            CohortMember.cohort_id == access.cohort.id,
            CohortMember.user_id == user_id,
            CohortMember.role == Role.PARTICIPANT,
        )
    )
    if member is None:
        abort(404)
    if access.role == Role.PARTICIPANT.value and user_id != current_user.id:
        abort(404)
    if access.role == Role.MENTOR.value and member.team not in access.visible_teams():
        abort(404)
    return member.user


def load_sheet(cohort_id: int, number: int, key: str, kind: str, owner_id: int) -> SheetContext:
    """Load cohort, module, worksheet and owner; check role and object (404/403)."""
    access = load_cohort(cohort_id)
    if kind not in KINDS:
        abort(404)
    team = load_team(access, owner_id) if kind == "teams" else None
    person = _load_person(access, owner_id) if kind == "people" else None
    found = load_open_module(access, number)
    definition = next((w for w in found.module.worksheets if w.key == key), None)
    if definition is None or (definition.scope == "team") != (kind == "teams"):
        abort(404)
    answer = services.find_answer(definition, access.cohort, services.owner_key(team, person))
    return SheetContext(access, found, definition, kind, team, person, answer)


def sheet_url(ctx: SheetContext, endpoint: str = "curriculum.worksheet", **extra: Any) -> str:
    """URL of this worksheet page (or one of its actions)."""
    return url_for(
        endpoint,
        cohort_id=ctx.access.cohort.id,
        number=ctx.found.module.number,
        key=ctx.definition.key,
        kind=ctx.kind,
        owner_id=(ctx.team or ctx.person).id,
        **extra,
    )


def _sop_editor_link(ctx: SheetContext) -> str | None:
    """A related page another feature offers for this team worksheet (Module 3: the team's SOP)."""
    if ctx.team is None:
        return None
    return related_link(ctx.found.module.number, ctx.access.cohort.id, ctx.team.id)


def error_summary(sheet: Worksheet, errors: dict[str, list[str]]) -> list[tuple[str, str, str]]:
    """(field key, label, first message) per field with a problem, in form order."""
    out = []
    for fld in sheet.fields:
        found = [m for k, msgs in errors.items() if k == fld.key or k.startswith(fld.key + ".") for m in msgs]
        if found:
            out.append((fld.key, fld.label, found[0]))
    return out


def render_sheet(
    ctx: SheetContext,
    raw: dict | None = None,
    errors: dict | None = None,
    status: int = 200,
    conflict: WorksheetAnswer | None = None,
    version: int | None = None,
    review_comments: dict | None = None,
    review_error: str | None = None,
) -> tuple[str, int]:
    """The worksheet page: form or read-only view, comments, review panel, conflict view."""
    sheet = ctx.definition.sheet
    stored = ctx.answer.data if ctx.answer else {}
    return render_template(
        "curriculum/worksheet.html",
        ctx=ctx,
        access=ctx.access,
        cohort=ctx.access.cohort,
        sheet=sheet,
        raw=raw if raw is not None else raw_from_clean(sheet, stored),
        stored=stored,
        errors=errors or {},
        error_summary=error_summary(sheet, errors or {}),
        conflict=conflict,
        version=version if version is not None else (ctx.answer.version if ctx.answer else 0),
        comments=ctx.answer.comments_of_round() if ctx.answer else {},
        review_comments=review_comments or {},
        review_error=review_error,
        retired=ctx.definition.retired_fields or {},
        sop_link=_sop_editor_link(ctx),
        saved=request.args.get("saved"),
    ), status


@bp.get("/<int:number>/sheets/<key>/<kind>/<int:owner_id>")
@login_required
def worksheet(cohort_id: int, number: int, key: str, kind: str, owner_id: int) -> tuple[str, int]:
    """Show a worksheet: editable for its owners, read-only otherwise."""
    return render_sheet(load_sheet(cohort_id, number, key, kind, owner_id))


@bp.post("/<int:number>/sheets/<key>/<kind>/<int:owner_id>")
@login_required
def save(cohort_id: int, number: int, key: str, kind: str, owner_id: int) -> Response | tuple[str, int]:
    """Save a draft or submit; bad input and conflicts re-show the form with everything typed."""
    ctx = load_sheet(cohort_id, number, key, kind, owner_id)
    if not ctx.editable:
        abort(403)
    if request.form.get("merge"):
        return merge_views.save_merged(ctx, render_sheet)
    submit = request.form.get("action") == "submit"
    sheet = ctx.definition.sheet
    raw = raw_from_form(sheet, request.form.to_dict(flat=False))
    clean, errors = validate(sheet, raw, strict=submit)
    if errors:
        return render_sheet(ctx, raw, translate_errors(errors), 422, version=request.form.get("version"))
    try:
        services.save_answer(
            ctx.definition,
            ctx.access.cohort,
            clean,
            request.form.get("version"),
            current_user,
            team=ctx.team,
            user=ctx.person,
            submit=submit,
        )
    except StaleEditError as stale:
        return merge_views.conflict(ctx, stale, raw)
    except services.NotEditable:
        db.session.rollback()
        flash(_("This worksheet was submitted meanwhile and can no longer be changed."), "error")
        return redirect(sheet_url(ctx))
    db.session.commit()
    flash(_("Submitted for review.") if submit else _("Draft saved."), "success")
    return redirect(sheet_url(ctx, saved="1"))


@bp.post("/<int:number>/sheets/<key>/<kind>/<int:owner_id>/review")
@login_required
def review(cohort_id: int, number: int, key: str, kind: str, owner_id: int) -> Response | tuple[str, int]:
    """Facilitator: comment per field, then return for revision or accept."""
    ctx = load_sheet(cohort_id, number, key, kind, owner_id)
    if not ctx.access.manages:
        abort(403)
    if ctx.answer is None:
        abort(404)
    keys = [""] + [f.key for f in ctx.definition.sheet.fields]
    comments = {k: request.form.get(f"comment-{k}", "") for k in keys}
    accept = request.form.get("action") == "accept"
    try:
        services.review_answer(ctx.answer, request.form.get("version"), current_user, accept, comments)
    except StaleEditError as stale:
        code = refused_edit(
            stale, None, _("The worksheet changed while you were reviewing it. Your comments are kept below.")
        )
        ctx.answer = db.session.get(WorksheetAnswer, ctx.answer.id)
        return render_sheet(ctx, review_comments=comments, status=code)
    except services.ReviewError as error:
        db.session.rollback()
        message = (
            _("Write at least one comment so the team knows what to revise.")
            if str(error) == "comment required"
            else _("Only submitted worksheets can be reviewed.")
        )
        return render_sheet(ctx, review_comments=comments, review_error=message, status=422)
    db.session.commit()
    flash(_("Worksheet accepted.") if accept else _("Worksheet returned with your comments."), "success")
    return redirect(sheet_url(ctx))
