"""Sign-in slips: one A4 PDF, eight slips a page, each with name, team, code and a QR code of the link."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from datetime import date

import qrcode
import qrcode.image.svg
from flask import render_template


@dataclass(frozen=True)
class SlipView:
    """One printed slip."""

    name: str
    team: str
    code: str
    link: str
    qr: str  # data: URI of an SVG


def qr_data_uri(text: str) -> str:
    """An SVG QR code of ``text`` as a data URI (no raster library needed)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def slips_pdf(cohort_name: str, code_url: str, valid_until: date, slips: list[SlipView]) -> bytes:
    """Render the slips to PDF."""
    from weasyprint import HTML

    html = render_template(
        "cohorts/slips_pdf.html", cohort_name=cohort_name, code_url=code_url, valid_until=valid_until, slips=slips
    )
    return HTML(string=html, base_url=".").write_pdf()
