"""Demo step: the notifications the demo's history produced, plus the calendar ones due today; none mailed."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import update

from diklat.common.time import utcnow
from diklat.demo.context import DemoContext
from diklat.extensions import db
from diklat.notifications.models import Notification
from diklat.notifications.scan import scan


def seed(ctx: DemoContext) -> None:
    """Overdue items and open tests become notifications; the demo's past events are not e-mailed again."""
    with current_app.test_request_context("/"):
        scan()
    # The earlier demo steps emitted signals (returned worksheets, SOP comments, visit logs): those are history.
    db.session.execute(
        update(Notification).where(Notification.mailed_at.is_(None)).values(mailed_at=utcnow(), mail_batch="demo")
    )
    db.session.flush()
