"""The worksheet's merge step: a refused save shows theirs beside mine; the merge is saved on theirs."""

from __future__ import annotations

import json
from typing import Any

from flask import abort, flash, redirect, render_template, request
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from diklat.common.conflicts import refused_edit
from diklat.common.merge import as_text, differing, merge_fields
from diklat.common.models import StaleEditError
from diklat.curriculum import services
from diklat.curriculum.answers import raw_from_clean, validate
from diklat.curriculum.content import Worksheet
from diklat.extensions import db

MAX_MINE = 500_000  # characters of the carried-over answers
JOINABLE_TYPES = ("text", "longtext", "table", "process")


def _joinable(sheet: Worksheet) -> set[str]:
    return {f.key for f in sheet.fields if f.type in JOINABLE_TYPES}


def render_merge(ctx: Any, mine: dict[str, Any], status: int = 409) -> tuple[str, int]:
    """Their saved answers beside what this person typed, field by field."""
    sheet = ctx.definition.sheet
    theirs = raw_from_clean(sheet, ctx.answer.data if ctx.answer else {})
    labels, joinable = {f.key: f.label for f in sheet.fields}, _joinable(sheet)
    rows = [
        {
            "key": key,
            "label": labels.get(key, key),
            "theirs": as_text(theirs.get(key)),
            "mine": as_text(mine.get(key)),
            "joinable": key in joinable,
        }
        for key in differing(theirs, mine)
        if key in labels
    ]
    answer = ctx.answer
    from diklat.curriculum.worksheet_views import sheet_url

    html = render_template(
        "curriculum/merge.html",
        ctx=ctx,
        access=ctx.access,
        cohort=ctx.access.cohort,
        sheet=sheet,
        rows=rows,
        action=sheet_url(ctx, "curriculum.save"),
        version=answer.version if answer else 0,
        mine_json=json.dumps(mine, ensure_ascii=False),
        who=answer.updated_by.name if answer and answer.updated_by else _("a teammate"),
        when=format_datetime(answer.updated_at, "short") if answer else "",
    )
    return html, status


def conflict(ctx: Any, stale: StaleEditError, mine: dict[str, Any]) -> tuple[str, int]:
    """A save refused because a teammate saved first: roll back and show the merge step."""
    refused_edit(stale, None, _("Someone else saved this worksheet while you were editing. Nothing was overwritten."))
    ctx.answer = services.find_answer(ctx.definition, ctx.access.cohort, services.owner_key(ctx.team, ctx.person))
    return render_merge(ctx, mine)


def _mine() -> dict[str, Any]:
    raw = request.form.get("mine", "")
    try:
        mine = json.loads(raw) if len(raw) <= MAX_MINE else None
    except ValueError:
        mine = None
    if not isinstance(mine, dict):
        abort(400)
    return mine


def save_merged(ctx: Any, render_sheet: Any) -> tuple[str, int] | Response:
    """Apply the per-field picks to their answers, check them, and save as a draft on their version."""
    from diklat.curriculum.display import translate_errors
    from diklat.curriculum.worksheet_views import sheet_url

    sheet, mine = ctx.definition.sheet, _mine()
    choices = {k[len("choice-") :]: v for k, v in request.form.items() if k.startswith("choice-")}
    theirs = raw_from_clean(sheet, ctx.answer.data if ctx.answer else {})
    one_line = {f.key for f in sheet.fields if f.type == "text"}
    merged = merge_fields(theirs, mine, choices, _joinable(sheet), one_line)
    clean, errors = validate(sheet, merged, strict=False)
    if errors:
        return render_sheet(ctx, merged, translate_errors(errors), 422, version=request.form.get("version"))
    try:
        services.save_answer(
            ctx.definition,
            ctx.access.cohort,
            clean,
            request.form.get("version"),
            current_user,
            team=ctx.team,
            user=ctx.person,
        )
    except StaleEditError as stale:
        return conflict(ctx, stale, mine)
    except services.NotEditable:
        db.session.rollback()
        flash(_("This worksheet was submitted meanwhile and can no longer be changed."), "error")
        return redirect(sheet_url(ctx))
    db.session.commit()
    flash(_("Merged and saved. Both versions' text is in the draft below."), "success")
    return redirect(sheet_url(ctx, saved="1"))
