"""Home-page items: a participant's open test that is not finished yet."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from diklat.assessments.models import Attempt, Test
from diklat.cohorts.models import CohortMember, Role
from diklat.common.formatting import datetime as datetime_text
from diklat.common.nav import AttentionItem
from diklat.common.time import to_local, utcnow
from diklat.extensions import db


def open_tests_for(user) -> list[AttentionItem]:  # noqa: ANN001
    """Open tests in the user's cohorts (as participant) without a finished attempt."""
    if not user.is_authenticated:
        return []
    now = utcnow()
    tests = db.session.scalars(
        select(Test)
        .join(CohortMember, CohortMember.cohort_id == Test.cohort_id)
        .where(
            CohortMember.user_id == user.id,
            CohortMember.role == Role.PARTICIPANT,
            Test.opens_at <= now,
            Test.closes_at > now,
        )
    )
    items = []
    for test in tests:
        done = db.session.scalar(
            select(Attempt.id)
            .where(Attempt.test_id == test.id, Attempt.user_id == user.id, Attempt.submitted_at.is_not(None))
            .limit(1)
        )
        if done is None:
            closes = datetime_text(to_local(test.closes_at, test.cohort.timezone), "medium")
            items.append(
                AttentionItem(
                    text=_("%(title)s is open until %(time)s.", title=test.title, time=closes),
                    url=url_for("assessments.tests", cohort_id=test.cohort_id),
                    category="test",
                    due=test.closes_at,
                )
            )
    return items
