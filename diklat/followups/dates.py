"""Today in the configured zone: due dates are local dates, not UTC ones."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def local_today() -> date:
    """Today's date in ``TIMEZONE`` (Asia/Jakarta by default)."""
    return datetime.now(ZoneInfo(current_app.config.get("TIMEZONE", "Asia/Jakarta"))).date()
