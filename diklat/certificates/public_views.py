"""The public verification page: no login, 404 on an unknown code, rate-limited per address."""

from __future__ import annotations

from flask import abort, render_template

from diklat.certificates.blueprint import bp
from diklat.certificates.documents import jp_text
from diklat.certificates.services import find_by_code
from diklat.common import limits


def _limited(_blocked: limits.Limited) -> tuple[str, int]:
    return render_template("certificates/verify_limited.html"), 429


@bp.get("/verify/<code>")
@limits.limited("verify", _limited)  # VERIFY_LIMIT, counted for every server together
def verify(code: str) -> tuple[str, int]:
    """Name, course, dates, JP, number and validity of the certificate with this code."""
    certificate = find_by_code(code)
    if certificate is None:
        abort(404)
    return render_template("certificates/verify.html", c=certificate, jp=jp_text(certificate.jp)), 200
