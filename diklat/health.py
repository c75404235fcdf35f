"""Health check for load balancers and uptime monitors: database, Redis and storage, each by name."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, current_app
from sqlalchemy import insert, text

from diklat.common.time import utcnow
from diklat.extensions import db

bp = Blueprint("health", __name__)

# name -> check; a check returns "ok" / "not configured" or raises. Features may add their own.
CHECKS: dict[str, Callable[[], str]] = {}


def register_check(name: str, check: Callable[[], str]) -> None:
    """Add a named check to /healthz."""
    CHECKS[name] = check


def check_database() -> str:
    """The database answers a query and accepts a write (rolled back: nothing stays)."""
    from diklat.auth.models import LoginAttempt

    try:
        db.session.execute(text("SELECT 1"))
        # A read-only or full database still answers SELECT; a load balancer must notice it cannot write.
        db.session.execute(insert(LoginAttempt).values(email="healthz", address="healthz", created_at=utcnow()))
        db.session.flush()
    finally:
        db.session.rollback()
    return "ok"


def check_redis() -> str:
    """Redis answers PING (when configured)."""
    if not current_app.config.get("REDIS_URL"):
        return "not configured"
    from diklat.common.jobs import redis_connection

    redis_connection(current_app.config).ping()
    return "ok"


def check_storage() -> str:
    """The storage backend is reachable and (for a folder) writable."""
    from diklat.common.storage import get_storage

    get_storage().ping()
    return "ok"


register_check("database", check_database)
register_check("redis", check_redis)
register_check("storage", check_storage)


@bp.get("/healthz")
def healthz():
    """Each check by name; 503 naming what is down."""
    report: dict = {}
    down: list[str] = []
    for name, check in CHECKS.items():
        try:
            report[name] = check()
        except Exception as exc:  # noqa: BLE001 - any failure means that part is down
            report[name] = f"down: {type(exc).__name__}"
            down.append(name)
    if down:
        return {"status": "error", "down": down, **report}, 503
    return {"status": "ok", **report}
