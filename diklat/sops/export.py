"""The printed SOP: PDF through WeasyPrint, DOCX through python-docx with the flowchart as PNG.

Both show the identity table and short explanation on the first page and the flowchart table,
page by page, after it. The flowchart pages are the very SVGs the editor shows; the DOCX gets them
rendered to PNG by CairoSVG (needs libcairo2).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date
from flask import render_template

from diklat.sops.document import SopDocument
from diklat.sops.flowchart import build_pages, time_text
from diklat.sops.svg import render_page

# Officials' words of the SOP AP identity section (the printed SOP is always in Indonesian).
IDENTITY_GRID = [
    ("legal_basis", "Dasar Hukum"),
    ("qualifications", "Kualifikasi Pelaksana"),
    ("related_sops", "Keterkaitan"),
    ("equipment", "Peralatan/Perlengkapan"),
    ("warning", "Peringatan"),
    ("records", "Pencatatan dan Pendataan"),
]
PNG_DPI = 200


@dataclass
class PrintInfo:
    """What the printed SOP says about where it comes from."""

    agency: str
    unit: str
    status: str
    version: int | None


def doc_date(value: str) -> str:
    """An ISO date as '12 Maret 2026' ('' when empty or invalid)."""
    try:
        return format_date(date.fromisoformat(value), "d MMMM y", locale="id")
    except (TypeError, ValueError):
        return ""


def lines(value: str) -> list[str]:
    """Non-empty lines of a multi-line field."""
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def flowchart_svgs(doc: SopDocument, prefix: str = "fc") -> list[str]:
    """Every flowchart page as SVG markup."""
    pages = build_pages(doc)
    return [
        render_page(
            p, doc.actors, f"Diagram alir {doc.title}, halaman {p.number} dari {p.count}", f"{prefix}-{p.number}"
        )
        for p in pages
    ]


def _html(doc: SopDocument, info: PrintInfo) -> str:
    return render_template(
        "sops/print.html",
        doc=doc,
        info=info,
        svgs=flowchart_svgs(doc, "print"),
        grid=IDENTITY_GRID,
        doc_date=doc_date,
        lines=lines,
        service_time=time_text(
            doc.standard.get("service_time_value"), doc.standard.get("service_time_unit") or "minutes"
        ),
    )


def pdf_document(doc: SopDocument, info: PrintInfo):
    """The laid-out PDF document (its ``pages`` are the printed pages)."""
    from weasyprint import HTML

    return HTML(string=_html(doc, info), base_url=".").render()


def render_pdf(doc: SopDocument, info: PrintInfo) -> bytes:
    """The SOP as PDF bytes."""
    return pdf_document(doc, info).write_pdf()


def count_pages(doc: SopDocument, info: PrintInfo) -> int:
    """Pages of the generated PDF."""
    return len(pdf_document(doc, info).pages)


def svg_to_png(svg: str, dpi: int = PNG_DPI) -> bytes:
    """Render one flowchart SVG to PNG with CairoSVG."""
    import cairosvg

    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), dpi=dpi)


def render_docx(doc: SopDocument, info: PrintInfo) -> bytes:
    """The SOP as a Word document: identity tables, explanation, flowchart pages as pictures."""
    from diklat.sops.docx_writer import build_docx

    pngs = [svg_to_png(svg) for svg in flowchart_svgs(doc)]
    document = build_docx(
        doc,
        info,
        pngs,
        IDENTITY_GRID,
        doc_date,
        lines,
        time_text(doc.standard.get("service_time_value"), doc.standard.get("service_time_unit") or "minutes"),
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
