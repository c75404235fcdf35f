"""Health check for load balancers and uptime monitors."""

from __future__ import annotations

from flask import Blueprint
from sqlalchemy import insert, text

from diklat.common.time import utcnow
from diklat.extensions import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """Report whether the app and its database answer, and accept a write (rolled back: nothing stays)."""
    from diklat.auth.models import LoginAttempt

    try:
        db.session.execute(text("SELECT 1"))
        # A read-only or full database still answers SELECT; a load balancer must notice it cannot write.
        db.session.execute(insert(LoginAttempt).values(email="healthz", address="healthz", created_at=utcnow()))
        db.session.flush()
    except Exception as exc:  # noqa: BLE001 - any database failure means unhealthy
        db.session.rollback()
        return {"status": "error", "database": "unwritable", "reason": type(exc).__name__}, 503
    db.session.rollback()
    return {"status": "ok", "database": "ok"}
