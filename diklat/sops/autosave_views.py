"""Autosave of the SOP editor: the page posts the whole form every few seconds and gets JSON back."""

from __future__ import annotations

from flask import abort, jsonify
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from diklat.common.models import StaleEditError
from diklat.extensions import db
from diklat.sops.blueprint import bp
from diklat.sops.forms import SopForm
from diklat.sops.pages import error_text, load, schedule_measure
from diklat.sops.services import SopError, save_draft


@bp.post("/<int:team_id>/autosave")
@login_required
def autosave(cohort_id: int, team_id: int) -> tuple[Response, int]:
    """Save the draft as typed, with the same version rules as the Save button (409 when a teammate saved)."""
    ctx = load(cohort_id, team_id)
    if not ctx.can_edit:
        abort(403)
    form = SopForm()
    form.set_choices()
    if not form.validate_on_submit():
        message = _("Not saved automatically: some fields need correcting. Press “Save draft” to see them.")
        return jsonify(saved=False, errors=_errors(form), message=message), 422
    try:
        sop = save_draft(ctx.team, ctx.sop, form.document(), current_user, form.version.data)
    except StaleEditError as stale:
        db.session.rollback()
        message = _("A teammate saved this SOP meanwhile. Press “Save draft” to merge your changes with theirs.")
        return jsonify(saved=False, conflict=True, version=stale.current_version, message=message), 409
    except SopError as error:
        db.session.rollback()
        return jsonify(saved=False, message=error_text(error)), 422
    db.session.commit()
    schedule_measure(sop.id)
    return jsonify(saved=True, version=sop.version), 200


def _errors(form: SopForm) -> dict[str, str]:
    """Field id → first message, steps included (``steps-2-time_value``)."""
    found: dict[str, str] = {}
    for field in form:
        if field.name == "steps":
            for entry in field:
                for sub in entry.form:
                    if sub.errors:
                        found[sub.id] = str(sub.errors[0])
        elif field.errors:
            found[field.id] = str(field.errors[0])
    return found
