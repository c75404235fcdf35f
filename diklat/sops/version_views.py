"""Versions of a team's SOP: save with a reason, history, view, compare side by side, restore."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from diklat.common.conflicts import refused_edit
from diklat.common.inputs import int_arg
from diklat.common.models import StaleEditError
from diklat.extensions import db
from diklat.sops.blueprint import bp
from diklat.sops.diff import compare as compare_documents
from diklat.sops.document import SopDocument
from diklat.sops.export import flowchart_svgs
from diklat.sops.forms import ReasonForm
from diklat.sops.pages import error_text, load
from diklat.sops.services import SopError, restore_version, save_version
from diklat.sops.views import render_editor


@bp.post("/<int:team_id>/versions")
@login_required
def save(cohort_id: int, team_id: int) -> tuple[str, int] | Response:
    """Save the current draft as a numbered version with a reason."""
    ctx = load(cohort_id, team_id)
    if not ctx.can_edit or ctx.sop is None:
        abort(403)
    form = ReasonForm()
    if not form.validate_on_submit():
        return render_editor(ctx, None, 422, reason_form=form)
    doc, _sources = ctx.effective()
    try:
        version = save_version(ctx.sop, form.reason.data, current_user, form.version.data, doc)
    except StaleEditError as stale:
        refused_edit(stale, None, _("The draft changed since you opened it. Look at it again before saving a version."))
        return redirect(url_for("sops.editor", cohort_id=cohort_id, team_id=team_id))
    except SopError as error:
        db.session.rollback()
        flash(error_text(error), "error")
        return redirect(url_for("sops.editor", cohort_id=cohort_id, team_id=team_id))
    db.session.commit()
    flash(_("Version %(n)d saved.", n=version.number), "success")
    return redirect(url_for("sops.editor", cohort_id=cohort_id, team_id=team_id))


@bp.get("/<int:team_id>/versions")
@login_required
def history(cohort_id: int, team_id: int) -> str:
    """Versions with author, time and reason; status changes with who and when."""
    ctx = load(cohort_id, team_id)
    versions = list(reversed(ctx.sop.versions)) if ctx.sop else []
    return render_template(
        "sops/history.html",
        access=ctx.access,
        cohort=ctx.access.cohort,
        team=ctx.team,
        ctx=ctx,
        sop=ctx.sop,
        versions=versions,
        restore_form=ReasonForm(formdata=None, version=str(ctx.sop.version if ctx.sop else 0)),
    )


@bp.get("/<int:team_id>/versions/<int:number>")
@login_required
def show_version(cohort_id: int, team_id: int, number: int) -> str:
    """One saved version, read-only, with its flowchart."""
    ctx = load(cohort_id, team_id)
    version = ctx.version(number)
    doc = SopDocument.from_dict(version.content)
    return render_template(
        "sops/version.html",
        access=ctx.access,
        cohort=ctx.access.cohort,
        team=ctx.team,
        ctx=ctx,
        version=version,
        doc=doc,
        svgs=flowchart_svgs(doc, f"v{number}"),
    )


@bp.get("/<int:team_id>/compare")
@login_required
def compare(cohort_id: int, team_id: int) -> str:
    """Two versions side by side: changed identity fields and steps."""
    ctx = load(cohort_id, team_id)
    versions = ctx.sop.versions if ctx.sop else []
    old = new = result = None
    if len(versions) >= 2:
        old = ctx.version(int_arg("a") or versions[-2].number)
        new = ctx.version(int_arg("b") or versions[-1].number)
        result = compare_documents(SopDocument.from_dict(old.content), SopDocument.from_dict(new.content))
    return render_template(
        "sops/compare.html",
        access=ctx.access,
        cohort=ctx.access.cohort,
        team=ctx.team,
        ctx=ctx,
        versions=versions,
        result=result,
        a=old,
        b=new,
    )


@bp.post("/<int:team_id>/versions/<int:number>/restore")
@login_required
def restore(cohort_id: int, team_id: int, number: int) -> Response:
    """Make an old version current again, saved as a new version."""
    ctx = load(cohort_id, team_id)
    if not ctx.can_edit or ctx.sop is None:
        abort(403)
    ctx.version(number)
    form = ReasonForm()
    back = url_for("sops.history", cohort_id=cohort_id, team_id=team_id)
    if not form.validate_on_submit():
        flash(_("Say briefly why the old version is restored."), "error")
        return redirect(back)
    try:
        version = restore_version(ctx.sop, number, form.reason.data, current_user, form.version.data)
    except StaleEditError as stale:
        refused_edit(stale, None, _("The draft changed since you opened this page. Look at it again first."))
        return redirect(back)
    except SopError as error:
        db.session.rollback()
        flash(error_text(error), "error")
        return redirect(back)
    db.session.commit()
    flash(_("Version %(old)d restored as version %(new)d.", old=number, new=version.number), "success")
    return redirect(url_for("sops.editor", cohort_id=cohort_id, team_id=team_id))
