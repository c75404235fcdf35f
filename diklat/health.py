"""Health check for load balancers and uptime monitors."""

from __future__ import annotations

from flask import Blueprint
from sqlalchemy import text

from diklat.extensions import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """Report whether the app and its database answer."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any database failure means unhealthy
        db.session.rollback()
        return {"status": "error", "database": "unreachable", "reason": type(exc).__name__}, 503
    return {"status": "ok", "database": "ok"}
