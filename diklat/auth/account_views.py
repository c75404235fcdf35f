"""The person's own account page and the download of all their data."""

from __future__ import annotations

import json

from flask import Response, render_template
from flask_login import current_user, login_required

from diklat.auth.export import personal_data
from diklat.auth.views import bp
from diklat.cohorts.access import user_cohorts
from diklat.common.audit import AuditAction, record
from diklat.extensions import db


@bp.get("/account")
@login_required
def account() -> str:
    """Profile, cohorts, password and the data download."""
    return render_template("auth/account.html", person=current_user, cohorts=user_cohorts(current_user.id))


@bp.get("/account/my-data.json")
@login_required
def export_data() -> Response:
    """Download everything the application holds about the signed-in person, as one JSON file."""
    data = personal_data(current_user._get_current_object())
    record(AuditAction.DATA_EXPORTED, current_user.id, current_user.id)
    db.session.commit()
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": "attachment; filename=data-saya.json", "Cache-Control": "no-store"},
    )
