"""Worksheet downloads: blank or filled, PDF or DOCX."""

from __future__ import annotations

from flask import Response, abort
from flask_login import login_required

from diklat.cohorts.access import load_cohort
from diklat.curriculum.blueprint import bp
from diklat.curriculum.documents import DocumentInfo, worksheet_docx, worksheet_pdf
from diklat.curriculum.labels import STATUS_LABELS
from diklat.curriculum.views import load_open_module
from diklat.curriculum.worksheet_views import load_sheet

MIMETYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _send(content: bytes, fmt: str, filename: str) -> Response:
    response = Response(content, mimetype=MIMETYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _build(fmt: str, info: DocumentInfo, sheet, data: dict | None) -> bytes:  # noqa: ANN001
    if fmt not in MIMETYPES:
        abort(404)
    return worksheet_pdf(info, sheet, data) if fmt == "pdf" else worksheet_docx(info, sheet, data)


@bp.get("/<int:number>/sheets/<key>/blank.<fmt>")
@login_required
def blank(cohort_id: int, number: int, key: str, fmt: str) -> Response:
    """The empty worksheet, for face-to-face sessions and offices with poor connections."""
    access = load_cohort(cohort_id)
    found = load_open_module(access, number)
    definition = next((w for w in found.module.active_worksheets if w.key == key), None)
    if definition is None:
        abort(404)
    info = DocumentInfo(access.cohort.name, number, found.module.title, "", "")
    return _send(_build(fmt, info, definition.sheet, None), fmt, f"M{number}-{key}-blank")


@bp.get("/<int:number>/sheets/<key>/<kind>/<int:owner_id>/download.<fmt>")
@login_required
def download(cohort_id: int, number: int, key: str, kind: str, owner_id: int, fmt: str) -> Response:
    """The worksheet with the saved answers of its team or participant."""
    ctx = load_sheet(cohort_id, number, key, kind, owner_id)
    status = STATUS_LABELS[ctx.answer.status.value] if ctx.answer else STATUS_LABELS["empty"]
    info = DocumentInfo(ctx.access.cohort.name, number, ctx.found.module.title, ctx.owner_name, str(status))
    data = dict(ctx.answer.data) if ctx.answer else {}
    slug = (ctx.team or ctx.person).id
    return _send(_build(fmt, info, ctx.definition.sheet, data), fmt, f"M{number}-{key}-{kind}-{slug}")
