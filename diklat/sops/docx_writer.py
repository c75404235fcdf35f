"""Word (DOCX) version of the printed SOP, written with python-docx."""

from __future__ import annotations

import io
from collections.abc import Callable

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from diklat.sops.document import SopDocument

IDENTITY_TOP = [
    ("number", "Nomor SOP"),
    ("drafted_on", "Tanggal Pembuatan"),
    ("revised_on", "Tanggal Revisi"),
    ("effective_on", "Tanggal Efektif"),
    ("approver", "Disahkan oleh"),
    ("title", "Nama SOP"),
]


def _landscape(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(10))
    section.footer_distance = Mm(4)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "DejaVu Sans", Pt(8.5)
    style.paragraph_format.space_after = Pt(0)


def _field(paragraph, code: str) -> None:  # noqa: ANN001 - docx paragraph
    element = OxmlElement("w:fldSimple")
    element.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    element.append(run)
    paragraph._p.append(element)


def _page_numbers(document: Document) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Halaman ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" dari ")
    _field(paragraph, "NUMPAGES")


def _cell(cell, text: str | list[str], bold: bool = False) -> None:  # noqa: ANN001
    values = text if isinstance(text, list) else [text]
    cell.text = ""
    for k, value in enumerate(values or [""]):
        paragraph = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        prefix = f"{k + 1}. " if len(values) > 1 else ""
        paragraph.add_run(prefix + value).bold = bold


def _identity(document: Document, doc: SopDocument, info, doc_date: Callable) -> None:  # noqa: ANN001
    table = document.add_table(rows=len(IDENTITY_TOP), cols=3)
    table.style = "Table Grid"
    agency = table.cell(0, 0).merge(table.cell(len(IDENTITY_TOP) - 1, 0))
    _cell(agency, f"{info.agency.upper()}\n{info.unit.upper()}", bold=True)
    ident = doc.identity
    approver = [
        ident.get("approver_position", ""),
        "",
        "",
        ident.get("approver_name", ""),
        f"NIP. {ident.get('approver_nip')}" if ident.get("approver_nip") else "",
    ]
    values = {
        "number": ident.get("number", ""),
        "drafted_on": doc_date(ident.get("drafted_on", "")),
        "revised_on": doc_date(ident.get("revised_on", "")) or "-",
        "effective_on": doc_date(ident.get("effective_on", "")),
        "title": ident.get("title", ""),
    }
    for row, (key, label) in enumerate(IDENTITY_TOP):
        _cell(table.cell(row, 1), label, bold=True)
        cell = table.cell(row, 2)
        if key == "approver":
            cell.text = "\n".join(approver)
        else:
            _cell(cell, values[key], bold=key == "title")


def _grid(document: Document, doc: SopDocument, grid: list[tuple[str, str]], lines: Callable) -> None:
    table = document.add_table(rows=len(grid), cols=2)
    table.style = "Table Grid"
    for k in range(0, len(grid), 2):
        for col in (0, 1):
            key, label = grid[k + col]
            _cell(table.cell(k, col), label, bold=True)
            _cell(table.cell(k + 1, col), lines(doc.get(key)) or ["-"])


def _explanation(document: Document, doc: SopDocument, service_time: str, lines: Callable) -> None:
    document.add_paragraph().add_run("Penjelasan Singkat dan Standar Pelayanan").bold = True
    rows = [
        ("Tujuan", doc.get("purpose")),
        ("Ruang Lingkup", doc.get("scope")),
        ("Definisi", doc.get("definitions")),
        ("Saluran Pengaduan", doc.get("complaint_channel")),
        ("Waktu Pelayanan", service_time),
        ("Biaya/Tarif", doc.get("cost")),
    ]
    table = document.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for row, (label, value) in enumerate(rows):
        _cell(table.cell(row, 0), label, bold=True)
        _cell(table.cell(row, 1), lines(value) or ["-"])


def build_docx(
    doc: SopDocument,
    info,  # noqa: ANN001
    pngs: list[bytes],
    grid: list[tuple[str, str]],
    doc_date: Callable,
    lines: Callable,
    service_time: str,
) -> Document:
    """The whole SOP as a python-docx Document."""
    document = Document()
    _landscape(document)
    _page_numbers(document)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(f"STANDAR OPERASIONAL PROSEDUR — {doc.title.upper()}").bold = True
    _identity(document, doc, info, doc_date)
    _grid(document, doc, grid, lines)
    _explanation(document, doc, service_time, lines)
    for png in pngs:
        title = document.add_paragraph()
        title.paragraph_format.page_break_before = True
        title.add_run(f"Diagram Alir — {doc.title}").bold = True
        document.add_picture(io.BytesIO(png), width=Mm(272))
    return document
