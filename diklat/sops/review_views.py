"""Review workflow: status changes and reviewers' comments; PDF and DOCX downloads."""

from __future__ import annotations

import re

from flask import abort, flash, redirect, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from diklat.common.inputs import int_arg
from diklat.extensions import db
from diklat.sops.blueprint import bp
from diklat.sops.document import SopDocument
from diklat.sops.export import render_docx, render_pdf
from diklat.sops.forms import CommentForm, StatusForm
from diklat.sops.pages import SopContext, error_text, load, print_info
from diklat.sops.services import SopError, add_comment, change_status
from diklat.sops.views import comment_targets, render_editor
from diklat.sops.workflow import ACTIONS


@bp.post("/<int:team_id>/status")
@login_required
def change(cohort_id: int, team_id: int) -> Response:
    """Submit, return, accept, start the trial or mark as revised after the trial."""
    ctx = load(cohort_id, team_id)
    form = StatusForm()
    action = form.action.data or ""
    if ctx.sop is None or not ctx.who or not form.validate_on_submit() or action not in ACTIONS:
        abort(403 if not ctx.who else 400)
    doc, _sources = ctx.effective()
    try:
        change_status(ctx.sop, action, current_user, ctx.who, form.note.data or "", current=doc)
    except SopError as error:
        db.session.rollback()
        flash(error_text(error), "error")
        return redirect(url_for("sops.editor", cohort_id=cohort_id, team_id=team_id))
    db.session.commit()
    flash(_("Status changed: %(action)s.", action=_(ACTIONS[action].label)), "success")
    return redirect(url_for("sops.editor", cohort_id=cohort_id, team_id=team_id))


@bp.post("/<int:team_id>/comments")
@login_required
def comment(cohort_id: int, team_id: int) -> tuple[str, int] | Response:
    """A facilitator's comment on a field, a step or the whole SOP."""
    ctx = load(cohort_id, team_id)
    if "manager" not in ctx.who or ctx.sop is None:
        abort(403)
    form = CommentForm()
    form.target.choices = comment_targets(ctx, ctx.effective()[0])
    if not form.validate_on_submit():
        return render_editor(ctx, None, 422, comment_form=form)
    try:
        add_comment(ctx.sop, form.target.data, form.text.data, current_user)
    except SopError as error:
        db.session.rollback()
        flash(error_text(error), "error")
        return redirect(url_for("sops.editor", cohort_id=cohort_id, team_id=team_id))
    db.session.commit()
    flash(_("Comment added."), "success")
    return redirect(url_for("sops.editor", cohort_id=cohort_id, team_id=team_id) + "#review")


def _export_document(ctx: SopContext) -> tuple[SopDocument, int | None]:
    number = int_arg("version")
    if number:
        return SopDocument.from_dict(ctx.version(number).content), number
    return ctx.effective()[0], None


def _filename(ctx: SopContext, ext: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", f"SOP {ctx.team.name} {ctx.team.service}").strip("-")[:80]
    return f"{slug}.{ext}"


@bp.get("/<int:team_id>/sop.pdf")
@login_required
def pdf(cohort_id: int, team_id: int) -> Response:
    """The SOP (draft or ?version=N) as an A4 PDF."""
    import io

    ctx = load(cohort_id, team_id)
    doc, number = _export_document(ctx)
    data = render_pdf(doc, print_info(ctx, number))
    return send_file(io.BytesIO(data), mimetype="application/pdf", download_name=_filename(ctx, "pdf"))


@bp.get("/<int:team_id>/sop.docx")
@login_required
def docx(cohort_id: int, team_id: int) -> Response:
    """The SOP (draft or ?version=N) as a Word document."""
    import io

    ctx = load(cohort_id, team_id)
    doc, number = _export_document(ctx)
    data = render_docx(doc, print_info(ctx, number))
    mimetype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=_filename(ctx, "docx"))
