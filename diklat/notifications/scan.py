"""Notifications that come from the calendar, not from an action: tests opening/closing soon, overdue items."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from diklat.assessments.models import Attempt, Test
from diklat.cohorts.models import Role
from diklat.common.formatting import datetime as datetime_text
from diklat.common.time import to_local, today, utcnow
from diklat.extensions import db
from diklat.followups.models import FollowupItem, ItemStatus
from diklat.followups.reminders import item_recipients
from diklat.notifications.services import notify
from diklat.notifications.subscribers import link, members

CLOSING_SOON = timedelta(hours=24)
KIND_MSGIDS = {
    "visit": "Mentoring visit",
    "followup_session": "Follow-up session",
    "group_review": "Group review",
    "report_due": "Trial report due",
    "evaluation": "Quarterly evaluation",
}


def scan(now: datetime | None = None) -> int:
    """Create the calendar notifications due at ``now`` (each once); returns how many were created."""
    now = now or utcnow()
    return _tests(now) + _overdue_items()


def _tests(now: datetime) -> int:
    created = 0
    query = select(Test).where(Test.opens_at <= now, Test.closes_at > now)
    for test in db.session.scalars(query):
        closes = datetime_text(to_local(test.closes_at, test.cohort), "medium")
        url = link("assessments.tests", cohort_id=test.cohort_id)
        params = {"title": test.title, "closes": closes}
        people = members(test.cohort_id, (Role.PARTICIPANT,))
        key = f"test-open:{test.id}:{test.opens_at.isoformat()}"
        created += len(notify(people, "test_open", key, params, url, test.cohort_id))
        if test.closes_at - now <= CLOSING_SOON:
            done = set(
                db.session.scalars(
                    select(Attempt.user_id).where(Attempt.test_id == test.id, Attempt.submitted_at.is_not(None))
                )
            )
            key = f"test-closing:{test.id}:{test.closes_at.isoformat()}"
            waiting = [p for p in people if p not in done]
            created += len(notify(waiting, "test_closing", key, params, url, test.cohort_id))
    return created


def _overdue_items() -> int:
    created = 0
    query = select(FollowupItem).where(FollowupItem.status.not_in((ItemStatus.DONE, ItemStatus.CANCELLED)))
    for item in db.session.scalars(query):
        if not item.is_overdue(today(item.cohort)):
            continue
        url = link("followups.item", cohort_id=item.cohort_id, item_id=item.id)
        params = {
            "title_msgid": KIND_MSGIDS.get(item.kind.value, item.kind.value),
            "team": item.team.name if item.team else "",
        }
        people = [u.id for u in item_recipients(item, overdue=True)]
        key = f"fu-overdue:{item.id}:{item.ends_on.isoformat()}"
        created += len(notify(people, "followup_overdue", key, params, url, item.cohort_id))
    return created
