"""The public verification page: no login, 404 on an unknown code, rate-limited per address."""

from __future__ import annotations

from flask import abort, current_app, render_template, request

from diklat.certificates.blueprint import bp
from diklat.certificates.documents import jp_text
from diklat.certificates.services import find_by_code
from diklat.common import ratelimit


@bp.get("/verify/<code>")
def verify(code: str) -> tuple[str, int]:
    """Name, course, dates, JP, number and validity of the certificate with this code."""
    key = f"verify:{request.remote_addr}"
    if not ratelimit.allow(key, current_app.config["VERIFY_RATE_LIMIT"], current_app.config["VERIFY_RATE_WINDOW"]):
        return render_template("certificates/verify_limited.html"), 429
    certificate = find_by_code(code)
    if certificate is None:
        abort(404)
    return render_template("certificates/verify.html", c=certificate, jp=jp_text(certificate.jp)), 200
