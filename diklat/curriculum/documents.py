"""Worksheet documents, blank or filled: PDF (WeasyPrint from HTML) and DOCX (python-docx)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt
from flask import current_app, render_template
from flask_babel import gettext as _

from diklat.curriculum.answers import process_totals
from diklat.curriculum.content import Field, Worksheet
from diklat.curriculum.display import display_value, duration_text, rating_label

BOX = "☐"


@dataclass
class DocumentInfo:
    """What the header of a worksheet document says."""

    cohort: str
    module_number: int
    module_title: str
    owner: str  # team or participant; '' for a blank sheet
    status: str  # '' for a blank sheet


def worksheet_pdf(info: DocumentInfo, sheet: Worksheet, data: dict[str, Any] | None) -> bytes:
    """Render the worksheet to PDF (A4); ``data`` None gives the blank sheet with empty lines."""
    from weasyprint import CSS, HTML

    html = render_template(
        "curriculum/pdf.html", info=info, sheet=sheet, data=data, blank=data is None, process_totals=process_totals
    )
    css = Path(current_app.root_path).parent / "templates" / "curriculum" / "pdf.css"
    return HTML(string=html, base_url=current_app.root_path).write_pdf(stylesheets=[CSS(filename=str(css))])


def _cell(cell: Any, text: str, bold: bool = False) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold
    run.font.size = Pt(9)


def _rows_table(doc: Any, fld: Field, rows: list[dict] | None) -> None:
    columns = fld.columns
    count = len(rows) if rows is not None else fld.print_rows
    table = doc.add_table(rows=1 + count, cols=len(columns) + 1)
    table.style = "Table Grid"
    _cell(table.rows[0].cells[0], _("No."), bold=True)
    for j, col in enumerate(columns, start=1):
        _cell(table.rows[0].cells[j], col.label, bold=True)
    for i in range(count):
        _cell(table.rows[i + 1].cells[0], str(i + 1))
        for j, col in enumerate(columns, start=1):
            if rows is None:
                text = BOX if col.type == "yesno" else ""
            else:
                text = display_value(col.type, rows[i].get(col.key), col)
            _cell(table.rows[i + 1].cells[j], text)
    if fld.type == "process" and rows:
        totals = process_totals(rows)
        doc.add_paragraph(
            _(
                "Total processing time: %(time)s · total waiting time: %(wait)s · delay points: %(n)d",
                time=duration_text(totals["time"]) or "0",
                wait=duration_text(totals["wait"]) or "0",
                n=totals["delays"],
            )
        )


def _checklist(doc: Any, fld: Field, value: dict | None) -> None:
    table = doc.add_table(rows=1 + len(fld.items), cols=3)
    table.style = "Table Grid"
    for j, head in enumerate((_("Item"), _("Rating"), _("Note"))):
        _cell(table.rows[0].cells[j], head, bold=True)
    for i, (key, label) in enumerate(fld.items, start=1):
        _cell(table.rows[i].cells[0], label)
        if value is None:
            _cell(table.rows[i].cells[1], "   ".join(f"{BOX} {s}" for s in fld.scale))
            _cell(table.rows[i].cells[2], "")
        else:
            entry = value.get(key) or {}
            _cell(table.rows[i].cells[1], rating_label(fld, entry.get("rating")))
            _cell(table.rows[i].cells[2], entry.get("note") or "")


def _docx_field(doc: Any, fld: Field, data: dict[str, Any] | None) -> None:
    heading = doc.add_paragraph()
    heading.add_run(fld.label + (" *" if fld.required else "")).bold = True
    if fld.help and data is None:
        doc.add_paragraph(fld.help).runs[0].italic = True
    value = None if data is None else data.get(fld.key)
    if fld.is_rows:
        _rows_table(doc, fld, None if data is None else list(value or []))
    elif fld.type == "checklist":
        _checklist(doc, fld, None if data is None else dict(value or {}))
    elif data is None:
        if fld.type == "select":
            doc.add_paragraph("   ".join(f"{BOX} {label}" for _k, label in fld.options))
        else:
            lines = 4 if fld.type == "longtext" else 1
            for _i in range(lines):
                doc.add_paragraph("_" * 80)
    else:
        doc.add_paragraph(display_value(fld.type, value, fld) or "—")


def worksheet_docx(info: DocumentInfo, sheet: Worksheet, data: dict[str, Any] | None) -> bytes:
    """Build the worksheet as a Word document; ``data`` None gives the blank sheet."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    doc.styles["Normal"].font.name = "DejaVu Sans"
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_paragraph(
        f"{info.cohort} · " + _("Module %(number)d", number=info.module_number) + f" — {info.module_title}"
    )
    doc.add_heading(sheet.title, level=1)
    owner = info.owner or "_" * 40
    doc.add_paragraph(
        _("Team / participant: %(owner)s", owner=owner) + (f" · {_('Status')}: {info.status}" if info.status else "")
    )
    if sheet.instructions:
        doc.add_paragraph(sheet.instructions)
    for fld in sheet.fields:
        _docx_field(doc, fld, data)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
