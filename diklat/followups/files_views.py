"""Photos and documents of visits and reports: upload, download to those allowed, delete."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from diklat.common.storage import backend_for, send_stored
from diklat.extensions import db
from diklat.followups import report_services as reports
from diklat.followups import storage
from diklat.followups.access import can_log_visit, is_team_member, load_attachment, load_team_page, load_visit
from diklat.followups.blueprint import bp
from diklat.followups.filetypes import ALLOWED, safe_download_name
from diklat.followups.forms import UploadForm
from diklat.followups.models import Attachment
from diklat.followups.report_views import report_page
from diklat.followups.team_views import visit_page

TEAM = "/cohorts/<int:cohort_id>/followup/teams/<int:team_id>"


def _store(form: UploadForm, team_id: int, **parent: int) -> Attachment | None:
    """Keep the uploaded file and its row; on refusal the reason goes next to the field."""
    upload = form.file.data
    try:
        kept = storage.store(upload.stream, current_app.config["UPLOAD_FOLDER"], current_app.config["UPLOAD_MAX_BYTES"])
    except storage.UploadRejected as rejected:
        form.file.errors.append(_(rejected.message, **rejected.params))
        return None
    attachment = Attachment(
        team_id=team_id,
        original_name=(upload.filename or "lampiran")[:255],
        stored_name=kept.stored_name,
        kind=kept.kind,
        size=kept.size,
        caption=(form.caption.data or "").strip(),
        uploaded_by_id=current_user.id,
        **parent,
    )
    db.session.add(attachment)
    return attachment


@bp.post(TEAM + "/visits/<int:visit_id>/attachments")
@login_required
def upload_visit_file(cohort_id: int, team_id: int, visit_id: int) -> Response | tuple:
    """Add a photo or document to a visit log (mentor or facilitator)."""
    access, team, visit = load_visit(cohort_id, team_id, visit_id)
    if not can_log_visit(access, team):
        abort(403)
    form = UploadForm()
    if form.validate_on_submit() and _store(form, team.id, visit_id=visit.id):
        db.session.commit()
        flash(_("File added."), "success")
        return redirect(url_for("followups.visit", cohort_id=cohort_id, team_id=team_id, visit_id=visit_id) + "#files")
    return visit_page(access, team, visit, upload_form=form, code=422)


@bp.post(TEAM + "/report/attachments")
@login_required
def upload_report_file(cohort_id: int, team_id: int) -> Response | tuple:
    """Add evidence to the team's report while it can still be edited."""
    access, team = load_team_page(cohort_id, team_id)
    if not is_team_member(access, team):
        abort(403)
    report = reports.report_of(team)
    if report is None or report.status not in reports.EDITABLE:
        abort(409)
    form = UploadForm()
    if form.validate_on_submit() and _store(form, team.id, report_id=report.id):
        db.session.commit()
        flash(_("File added."), "success")
        return redirect(url_for("followups.report", cohort_id=cohort_id, team_id=team_id) + "#files")
    return report_page(access, team, report, upload_form=form, code=422)


@bp.get(TEAM + "/attachments/<int:attachment_id>")
@login_required
def attachment(cohort_id: int, team_id: int, attachment_id: int) -> Response:
    """The stored file, to people who may see the team; images inline on request, others as downloads."""
    _access, _team, found = load_attachment(cohort_id, team_id, attachment_id)
    inline = found.is_image and request.args.get("inline") == "1"
    return send_stored(
        backend_for(current_app.config["UPLOAD_FOLDER"]),
        storage.key_of(found.stored_name),
        ALLOWED[found.kind],
        safe_download_name(found.original_name, found.kind),
        inline,
    )


@bp.post(TEAM + "/attachments/<int:attachment_id>/delete")
@login_required
def delete_attachment(cohort_id: int, team_id: int, attachment_id: int) -> Response:
    """Remove a file: the visit's author side for visit files, the team for report files still in draft."""
    access, team, found = load_attachment(cohort_id, team_id, attachment_id)
    if found.visit_id is not None:
        allowed = can_log_visit(access, team)
        target = url_for("followups.visit", cohort_id=cohort_id, team_id=team_id, visit_id=found.visit_id)
    else:
        report = found.report
        allowed = is_team_member(access, team) and report is not None and report.status in reports.EDITABLE
        target = url_for("followups.report", cohort_id=cohort_id, team_id=team_id)
    if not allowed:
        abort(403)
    name = found.stored_name
    db.session.delete(found)
    db.session.commit()
    storage.remove(current_app.config["UPLOAD_FOLDER"], [name])
    flash(_("File removed."), "info")
    return redirect(target + "#files")
