"""Certificate PDFs (A4 landscape, WeasyPrint): one, all in one PDF for printing, or a ZIP of single PDFs."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_date
from flask import current_app, render_template, url_for

from diklat.certificates.models import Certificate, CertificateSettings
from diklat.common.time import to_local
from diklat.followups import storage
from diklat.monitoring.qr import qr_svg


@dataclass
class CertificatePage:
    """Everything one printed certificate shows."""

    certificate: Certificate
    verify_url: str
    qr_data_uri: str
    issued_text: str
    dates_text: str
    jp_text: str
    signing_place: str


def _file_uri(stored_name: str) -> str:
    if not stored_name:
        return ""
    return storage.path_of(current_app.config["UPLOAD_FOLDER"], stored_name).as_uri()


def jp_text(jp: float) -> str:
    """JP as printed: '40' or '37,5'."""
    return f"{jp:g}".replace(".", ",")


def signing_place(place: str) -> str:
    """The town a certificate is signed in: the last part of the place, without 'Kota'/'Kabupaten'."""
    town = place.split(",")[-1].strip()
    for prefix in ("Kota ", "Kabupaten ", "Kab. "):
        if town.startswith(prefix):
            return town[len(prefix) :]
    return town


def _dates(start, end) -> str:  # noqa: ANN001 - date
    if start == end:
        return format_date(start, "d MMMM y", locale="id")
    return f"{format_date(start, 'd MMMM y', locale='id')} s.d. {format_date(end, 'd MMMM y', locale='id')}"


def page_for(certificate: Certificate) -> CertificatePage:
    """The printed facts of a certificate, with its verification QR code."""
    cohort = certificate.cohort
    url = url_for("certificates.verify", code=certificate.code, _external=True)
    qr = base64.b64encode(qr_svg(url)).decode()
    issued = format_date(to_local(certificate.issued_at, cohort).date(), "d MMMM y", locale="id")
    return CertificatePage(
        certificate,
        url,
        f"data:image/svg+xml;base64,{qr}",
        issued,
        _dates(cohort.start_date, cohort.end_date),
        jp_text(certificate.jp),
        signing_place(cohort.place),
    )


def _render(certificates: list[Certificate], settings: CertificateSettings) -> bytes:
    from weasyprint import CSS, HTML

    html = render_template(
        "certificates/certificate_pdf.html",
        pages=[page_for(c) for c in certificates],
        settings=settings,
        logo=_file_uri(settings.logo_file),
        signature=_file_uri(settings.signature_file),
    )
    css = Path(current_app.root_path).parent / "templates" / "certificates" / "certificate_pdf.css"
    return HTML(string=html, base_url=current_app.root_path).write_pdf(stylesheets=[CSS(filename=str(css))])


def certificate_pdf(certificate: Certificate, settings: CertificateSettings) -> bytes:
    """One certificate as an A4 landscape PDF."""
    return _render([certificate], settings)


def all_in_one_pdf(certificates: list[Certificate], settings: CertificateSettings) -> bytes:
    """Every certificate in one PDF, one page each, for printing."""
    return _render(certificates, settings)


def file_name(certificate: Certificate) -> str:
    """A download name from the participant's name and the sequence, safe in any file system."""
    slug = re.sub(r"[^a-z0-9]+", "-", certificate.user.name.lower()).strip("-")[:60] or "peserta"
    return f"sertifikat-{certificate.seq:03d}-{slug}.pdf"


def zip_of(certificates: list[Certificate], settings: CertificateSettings) -> bytes:
    """A ZIP with one PDF per certificate."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            archive.writestr(file_name(certificate), certificate_pdf(certificate, settings))
    return out.getvalue()
