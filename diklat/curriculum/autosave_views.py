"""Autosave of a worksheet: the page posts the form every few seconds and gets JSON back."""

from __future__ import annotations

from flask import abort, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from diklat.common.models import StaleEditError
from diklat.curriculum import services
from diklat.curriculum.answers import raw_from_form, validate
from diklat.curriculum.blueprint import bp
from diklat.curriculum.display import translate_errors
from diklat.curriculum.worksheet_views import load_sheet
from diklat.extensions import db


@bp.post("/<int:number>/sheets/<key>/<kind>/<int:owner_id>/autosave")
@login_required
def autosave(cohort_id: int, number: int, key: str, kind: str, owner_id: int) -> tuple[Response, int]:
    """Save the draft as typed with the Save button's version rules; a teammate's newer save answers 409."""
    ctx = load_sheet(cohort_id, number, key, kind, owner_id)
    if not ctx.editable:
        abort(403)
    sheet = ctx.definition.sheet
    raw = raw_from_form(sheet, request.form.to_dict(flat=False))
    clean, errors = validate(sheet, raw, strict=False)
    if errors:
        message = _("Not saved automatically: some fields need correcting. Press “Save draft” to see them.")
        return jsonify(saved=False, errors=translate_errors(errors), message=message), 422
    try:
        answer = services.save_answer(
            ctx.definition,
            ctx.access.cohort,
            clean,
            request.form.get("version"),
            current_user,
            team=ctx.team,
            user=ctx.person,
        )
    except StaleEditError as stale:
        db.session.rollback()
        message = _("A teammate saved this worksheet meanwhile. Press “Save draft” to merge your changes with theirs.")
        return jsonify(saved=False, conflict=True, version=stale.current_version, message=message), 409
    except services.NotEditable:
        db.session.rollback()
        message = _("This worksheet was submitted meanwhile and can no longer be changed.")
        return jsonify(saved=False, conflict=True, message=message), 409
    db.session.commit()
    return jsonify(saved=True, version=answer.version), 200
