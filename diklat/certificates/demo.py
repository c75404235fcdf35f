"""Demo step: ranks, certificate settings with a signer, logo and signature, certificates, one revoked and reissued."""

from __future__ import annotations

import io
from datetime import time

from flask import current_app
from sqlalchemy import select

from diklat.certificates.models import Certificate
from diklat.certificates.services import issue_for_completed, reissue, settings_of, store_image
from diklat.cohorts.models import Role
from diklat.common.time import local_to_utc
from diklat.demo.context import DemoContext
from diklat.demo.platform import demo_nip

RANKS = [
    "Penata Muda (III/a)",
    "Penata Muda Tingkat I (III/b)",
    "Penata (III/c)",
    "Penata Tingkat I (III/d)",
    "Pengatur (II/c)",
    "Pembina (IV/a)",
]
LOGO_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240">
<circle cx="120" cy="120" r="112" fill="#0b4f8a" stroke="#d4a017" stroke-width="10"/>
<polygon points="120,38 143,98 206,98 155,134 174,196 120,158 66,196 85,134 34,98 97,98" fill="#d4a017"/>
<text x="120" y="226" font-family="DejaVu Sans" font-size="26" font-weight="bold" fill="#0b4f8a"
 text-anchor="middle">BPSDM</text></svg>"""
SIGNATURE_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="420" height="160" viewBox="0 0 420 160">
<circle cx="110" cy="80" r="66" fill="none" stroke="#3b4cc0" stroke-width="5" opacity="0.75"/>
<circle cx="110" cy="80" r="50" fill="none" stroke="#3b4cc0" stroke-width="2" opacity="0.75"/>
<text x="110" y="86" font-family="DejaVu Sans" font-size="16" fill="#3b4cc0" text-anchor="middle"
 opacity="0.8">BPSDM PROV.</text>
<path d="M150 110 C 180 20, 210 140, 240 60 S 290 120, 320 50 S 370 100, 400 70" fill="none" stroke="#111"
 stroke-width="4" stroke-linecap="round"/></svg>"""


def _png(svg: str) -> io.BytesIO:
    import cairosvg

    return io.BytesIO(cairosvg.svg2png(bytestring=svg.encode(), output_width=600))


def _settings(ctx: DemoContext):
    settings = settings_of(ctx.cohort)
    if settings.signer_name:
        return settings
    root, limit = current_app.config["UPLOAD_FOLDER"], current_app.config["UPLOAD_MAX_BYTES"]
    settings.institution = "Badan Pengembangan Sumber Daya Manusia Provinsi Contoh"
    settings.signer_position = "Kepala Badan Pengembangan Sumber Daya Manusia Provinsi Contoh"
    settings.signer_name = "Dr. Hj. Ratna Wulandari, M.Si"
    settings.signer_nip = demo_nip(88)
    settings.post_test_pass_mark = 60.0
    settings.logo_file = store_image(_png(LOGO_SVG), root, limit)
    settings.signature_file = store_image(_png(SIGNATURE_SVG), root, limit)
    return settings


def seed(ctx: DemoContext) -> None:
    """Certificates for everyone who completed the demo cohort; one revoked and reissued."""
    cohort = ctx.cohort
    if cohort is None:
        return
    for index, member in enumerate(cohort.members_with_role(Role.PARTICIPANT)):
        member.user.rank = member.user.rank or RANKS[index % len(RANKS)]
    _settings(ctx)
    from diklat.extensions import db

    db.session.flush()
    if db.session.scalar(select(Certificate.id).where(Certificate.cohort_id == cohort.id).limit(1)):
        return
    facilitator = ctx.user("fasilitator@diklat.example")
    issued = issue_for_completed(cohort, facilitator)
    for certificate in issued:
        certificate.issued_at = local_to_utc(cohort.end_date, time(15, 0), cohort)
    if issued:
        replacement = reissue(issued[0], "Salah penulisan nama pada sertifikat; diterbitkan ulang.", facilitator)
        replacement.issued_at = local_to_utc(cohort.end_date, time(16, 0), cohort)
    db.session.flush()
