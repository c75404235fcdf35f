"""The cohort's gradebook page (sortable), its weights and its XLSX export."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from diklat.assessments.blueprint import bp
from diklat.assessments.exports import to_xlsx
from diklat.assessments.forms import WeightsForm
from diklat.assessments.gradebook import PARTS, SORT_KEYS, GradeRow, gradebook, save_weights, sort_rows
from diklat.cohorts.access import MANAGERS, load_cohort
from diklat.extensions import db
from diklat.sops.workflow import STATUS_LABELS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/cohorts/<int:cohort_id>/gradebook", methods=["GET", "POST"])
@login_required
def gradebook_page(cohort_id: int) -> str | Response:
    """Participant × attendance, worksheets, team SOP, pre, post, final grade; the weights form."""
    access = load_cohort(cohort_id, MANAGERS)
    rows, weights, pass_mark = gradebook(access.cohort)
    form = WeightsForm(obj=weights)
    if form.validate_on_submit():
        save_weights(cohort_id, {name: getattr(form, name).data or 0 for name in PARTS})
        db.session.commit()
        flash(_("Weights saved."), "success")
        return redirect(url_for("assessments.gradebook_page", cohort_id=cohort_id))
    key = request.args.get("sort", "name")
    key = key if key in SORT_KEYS else "name"
    descending = request.args.get("dir") == "desc"
    return render_template(
        "assessments/gradebook.html",
        access=access,
        cohort=access.cohort,
        rows=sort_rows(rows, key, descending),
        weights=weights,
        pass_mark=pass_mark,
        form=form,
        sort=key,
        descending=descending,
        sop_label=lambda status: _(STATUS_LABELS[status]) if status else "—",
    ), (400 if form.is_submitted() and form.errors else 200)


def _xlsx_rows(rows: list[GradeRow], sop_label) -> list[list[object]]:  # noqa: ANN001
    return [
        [
            r.member.user.name,
            r.member.user.nip or "",
            r.member.team.name if r.member.team else "",
            r.attendance,
            r.worksheets_accepted,
            sop_label(r.sop_status),
            r.pre,
            r.post,
            r.final,
            "" if r.passed is None else (_("Yes") if r.passed else _("No")),
        ]
        for r in rows
    ]


@bp.get("/cohorts/<int:cohort_id>/gradebook.xlsx")
@login_required
def gradebook_export(cohort_id: int) -> Response:
    """The gradebook as XLSX: numbers stay numbers."""
    access = load_cohort(cohort_id, MANAGERS)
    rows, weights, pass_mark = gradebook(access.cohort)
    header = [
        _("Name"),
        _("NIP"),
        _("Team"),
        _("Attendance (%)"),
        _("Worksheets accepted"),
        _("Team SOP"),
        _("Pre-test (0–100)"),
        _("Post-test (0–100)"),
        _("Final grade"),
        _("Passed (KKM)"),
    ]

    def label(status: str | None) -> str:
        return _(STATUS_LABELS[status]) if status else ""

    settings: list[list[object]] = [[str(getattr(WeightsForm, name).args[0]), getattr(weights, name)] for name in PARTS]
    settings.append([_("Pass mark (KKM)"), pass_mark])
    sheets = [
        (_("Gradebook"), header, _xlsx_rows(rows, label)),
        (_("Weights"), [_("Part"), _("Value")], settings),
    ]
    response = Response(to_xlsx(sheets), mimetype=XLSX)
    response.headers["Content-Disposition"] = f'attachment; filename="gradebook-{cohort_id}.xlsx"'
    return response
