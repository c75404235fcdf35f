"""Assessments' part of a new cohort: its setup step and copying the tests of an earlier cohort."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from diklat.assessments.models import Test, TestKind, TestQuestion
from diklat.cohorts.models import Cohort
from diklat.cohorts.setup import SetupStep
from diklat.common.time import local_to_utc, to_local
from diklat.extensions import db

QUESTION_COLUMNS = ("qtype", "name", "text", "data", "general_feedback", "points", "category", "module_number")
TEST_SETTINGS = ("kind", "title", "instructions", "time_limit_minutes", "shuffle_questions", "shuffle_choices")


def tests_ready(cohort: Cohort) -> bool:
    """Both the pre-test and the post-test exist and have questions."""
    tests = db.session.scalars(select(Test).where(Test.cohort_id == cohort.id)).all()
    kinds = {t.kind for t in tests if t.questions}
    return {TestKind.PRE, TestKind.POST} <= kinds


SETUP_STEP = SetupStep(
    "tests",
    _l("Prepare the pre-test and post-test"),
    _l("Pick the questions from a bank and set when each test is open."),
    "assessments.tests",
    tests_ready,
    50,
)


def copy_tests(source: Cohort, target: Cohort, shift: Callable[[date], date]) -> None:
    """Each test with its settings and frozen questions; its window moves to the new course days."""
    for test in db.session.scalars(select(Test).where(Test.cohort_id == source.id).order_by(Test.id)):
        opens, closes = to_local(test.opens_at, source), to_local(test.closes_at, source)
        copy = Test(cohort_id=target.id, **{name: getattr(test, name) for name in TEST_SETTINGS})
        copy.opens_at = local_to_utc(shift(opens.date()), opens.time(), target)
        copy.closes_at = local_to_utc(shift(closes.date()), closes.time(), target)
        copy.questions = [
            TestQuestion(
                question_id=q.question_id, position=q.position, **{name: getattr(q, name) for name in QUESTION_COLUMNS}
            )
            for q in test.questions
        ]
        db.session.add(copy)
    db.session.flush()
