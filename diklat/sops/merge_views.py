"""The SOP editor's merge step: a refused save shows theirs beside mine; the merged SOP is saved on theirs."""

from __future__ import annotations

import json

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from diklat.common.conflicts import refused_edit
from diklat.common.models import StaleEditError
from diklat.extensions import db
from diklat.sops.document import SopDocument
from diklat.sops.merging import differences, merged_document
from diklat.sops.pages import SopContext, error_text
from diklat.sops.services import SopError, save_draft, team_sop

MAX_MINE = 500_000  # characters of the carried-over draft


def render_merge(ctx: SopContext, mine: SopDocument, status: int = 409) -> tuple[str, int]:
    """Their saved SOP beside what this person typed, field by field and step by step."""
    theirs = ctx.stored()
    rows = differences(theirs, mine, _)
    for row in rows:
        row["theirs"], row["mine"] = _text(row["theirs"]), _text(row["mine"])
    sop = ctx.sop
    html = render_template(
        "sops/merge.html",
        access=ctx.access,
        cohort=ctx.access.cohort,
        team=ctx.team,
        ctx=ctx,
        rows=rows,
        version=sop.version if sop else 0,
        mine_json=json.dumps(mine.to_dict(), ensure_ascii=False),
        who=sop.updated_by.name if sop and sop.updated_by else _("a teammate"),
        when=format_datetime(sop.updated_at, "short") if sop else "",
    )
    return html, status


def _text(value: object) -> str:
    return "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))


def conflict(ctx: SopContext, stale: StaleEditError, mine: SopDocument) -> tuple[str, int]:
    """A save refused because a teammate saved first: roll back and show the merge step."""
    refused_edit(stale, None, _("Someone else saved this SOP while you were editing. Nothing was overwritten."))
    ctx.sop = team_sop(ctx.team.id)
    return render_merge(ctx, mine)


def save_merged(ctx: SopContext) -> tuple[str, int] | Response:
    """Apply the per-field and per-step picks to their version and save against it."""
    raw = request.form.get("mine", "")
    try:
        mine = SopDocument.from_dict(json.loads(raw)) if len(raw) <= MAX_MINE else None
    except (ValueError, TypeError, AttributeError):
        mine = None
    if mine is None:
        abort(400)
    choices = {k[len("choice-") :]: v for k, v in request.form.items() if k.startswith("choice-")}
    merged = merged_document(ctx.stored(), mine, choices)
    try:
        save_draft(ctx.team, ctx.sop, merged, current_user, request.form.get("version"))
    except StaleEditError as stale:
        return conflict(ctx, stale, mine)
    except SopError as error:
        db.session.rollback()
        flash(error_text(error), "error")
        return redirect(url_for("sops.editor", cohort_id=ctx.access.cohort.id, team_id=ctx.team.id))
    db.session.commit()
    flash(_("Merged and saved. Both versions' text is in the draft below."), "success")
    return redirect(url_for("sops.editor", cohort_id=ctx.access.cohort.id, team_id=ctx.team.id, saved="1"))
