"""SOP list per cohort and the team's structured editor."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from diklat.cohorts.access import load_cohort
from diklat.common.models import StaleEditError
from diklat.extensions import db
from diklat.sops.blueprint import bp
from diklat.sops.export import flowchart_svgs
from diklat.sops.forms import CommentForm, ReasonForm, SopForm, StatusForm, document_formdata, rearranged
from diklat.sops.merge_views import conflict, save_merged
from diklat.sops.pages import SopContext, error_text, load, page_count, schedule_measure, translated_checks
from diklat.sops.services import SopError, save_draft, team_sops
from diklat.sops.workflow import available_actions


@bp.get("/")
@login_required
def index(cohort_id: int) -> str:
    """Every visible team's SOP with its status and latest version."""
    access = load_cohort(cohort_id)
    teams = access.visible_teams()
    sops = team_sops([team.id for team in teams])
    rows = [(team, sops.get(team.id)) for team in teams]
    return render_template("sops/index.html", access=access, cohort=access.cohort, rows=rows)


def comment_targets(ctx: SopContext, doc) -> list[tuple[str, str]]:  # noqa: ANN001
    """Choices for a reviewer's comment: the whole SOP, each field, each step."""
    from diklat.sops.document import FIELD_LABELS

    choices = [("general", _("The SOP as a whole"))]
    choices += [(f"field:{k}", _(label)) for k, label in FIELD_LABELS.items()]
    choices += [
        (f"step:{s.uid}", _("Step %(n)d: %(text)s", n=i + 1, text=s.activity[:50])) for i, s in enumerate(doc.steps)
    ]
    return choices


def comments_by_target(ctx: SopContext) -> dict[str, list]:
    """Reviewers' comments grouped by field or step, newest first."""
    grouped: dict[str, list] = {}
    for comment in reversed(ctx.sop.comments if ctx.sop else []):
        grouped.setdefault(comment.target, []).append(comment)
    return grouped


def render_editor(
    ctx: SopContext,
    form: SopForm | None,
    status: int = 200,
    conflict: bool = False,
    comment_form: CommentForm | None = None,
    reason_form: ReasonForm | None = None,
) -> tuple[str, int]:
    """The editor page (or the read-only document) with checklist, flowchart, review and versions."""
    doc, sources = ctx.effective()
    pages = page_count(ctx, doc)
    if comment_form is None:
        comment_form = CommentForm(formdata=None)
    comment_form.target.choices = comment_targets(ctx, doc)
    version = str(ctx.sop.version if ctx.sop else 0)
    html = render_template(
        "sops/editor.html",
        access=ctx.access,
        cohort=ctx.access.cohort,
        team=ctx.team,
        sop=ctx.sop,
        ctx=ctx,
        form=form,
        doc=doc,
        sources=sources,
        checks=translated_checks(doc, pages),
        pages=pages,
        measuring=ctx.sop is not None and pages is None,
        svgs=flowchart_svgs(doc),
        conflict=conflict,
        actions=available_actions(ctx.status, ctx.who),
        status_form=StatusForm(formdata=None),
        reason_form=reason_form or ReasonForm(formdata=None, version=version),
        comment_form=comment_form,
        comment_labels=dict(comment_form.target.choices),
        comments=comments_by_target(ctx),
    )
    return html, status


@bp.route("/<int:team_id>", methods=["GET", "POST"])
@login_required
def editor(cohort_id: int, team_id: int) -> tuple[str, int] | Response:
    """Edit the team's SOP; rows are added, removed and moved with submit buttons (no script needed)."""
    ctx = load(cohort_id, team_id)
    if request.method == "GET":
        form = None
        if ctx.can_edit:
            form = SopForm(formdata=None, data=document_formdata(ctx.stored(), ctx.sop.version if ctx.sop else 0))
            form.set_choices()
        return render_editor(ctx, form)
    if not ctx.can_edit:
        abort(403)
    if request.form.get("merge"):
        return save_merged(ctx)
    op = request.form.get("op")
    # A row button without script: the rearranged form is saved too, so nothing typed waits unsaved.
    form = SopForm(formdata=rearranged(request.form, op)) if op else SopForm()
    form.set_choices()
    if not form.validate_on_submit():
        return render_editor(ctx, form, 422)
    doc = form.document()
    try:
        sop = save_draft(ctx.team, ctx.sop, doc, current_user, form.version.data)
    except StaleEditError as stale:
        return conflict(ctx, stale, doc)
    except SopError as error:
        db.session.rollback()
        flash(error_text(error), "error")
        return render_editor(ctx, form, 422)
    db.session.commit()
    schedule_measure(sop.id)  # after the response: the 2-page check never slows a save
    flash(_("Draft saved. The checklist and the flowchart show the saved draft."), "success")
    anchor = "steps" if op else None  # ``saved``: the page drops this browser's copy of what was typed
    return redirect(url_for("sops.editor", cohort_id=cohort_id, team_id=team_id, saved="1", _anchor=anchor))
