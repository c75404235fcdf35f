"""Building a cohort's pre-test and post-test: settings and questions (frozen copies); flush, never commit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from diklat.assessments.draws import kept_draws, topics
from diklat.assessments.models import Attempt, Question, Test, TestKind, TestQuestion
from diklat.cohorts.models import Cohort
from diklat.extensions import db

DEFAULT_PASS_MARK = 70.0  # KKM (kriteria ketuntasan minimal) on the 0–100 scale


class TestLockedError(Exception):
    """The questions of a test cannot change once someone has started it."""


def find_test(cohort_id: int, kind: TestKind | str) -> Test | None:
    """The cohort's pre- or post-test, if built."""
    return db.session.scalar(select(Test).where(Test.cohort_id == cohort_id, Test.kind == TestKind(kind)))


def has_attempts(test: Test) -> bool:
    """Whether anyone has started the test."""
    return db.session.scalar(select(Attempt.id).where(Attempt.test_id == test.id).limit(1)) is not None


def save_settings(
    test: Test | None,
    cohort: Cohort,
    kind: TestKind,
    *,
    title: str,
    instructions: str,
    opens_at: datetime,
    closes_at: datetime,
    time_limit_minutes: int | None,
    shuffle_questions: bool,
    shuffle_choices: bool,
    user_id: int | None,
    pass_mark: float | None = None,
) -> Test:
    """Create the test or update its settings (version already checked by the caller for updates)."""
    if test is None:
        test = Test(cohort_id=cohort.id, kind=kind, created_by_id=user_id)
        db.session.add(test)
    test.title, test.instructions = title.strip(), instructions.strip()
    test.opens_at, test.closes_at, test.time_limit_minutes = opens_at, closes_at, time_limit_minutes
    test.shuffle_questions, test.shuffle_choices = shuffle_questions, shuffle_choices
    if pass_mark is not None:
        test.pass_mark = pass_mark
    elif test.pass_mark is None:
        test.pass_mark = DEFAULT_PASS_MARK
    db.session.flush()
    return test


def overlapping_test(test: Test) -> Test | None:
    """The cohort's other test when its window overlaps this one's (pre and post should not run together)."""
    other_kind = TestKind.POST if test.kind == TestKind.PRE else TestKind.PRE
    other = find_test(test.cohort_id, other_kind)
    if other is None or other.id == test.id:
        return None
    return other if test.opens_at < other.closes_at and other.opens_at < test.closes_at else None


def set_questions(test: Test, questions: list[Question]) -> None:
    """Replace the test's questions by frozen copies of ``questions`` (in the given order)."""
    if has_attempts(test):
        raise TestLockedError
    test.questions.clear()
    db.session.flush()
    for position, question in enumerate(questions, start=1):
        copy = TestQuestion(question_id=question.id, position=position)
        copy.fill_from(question.parsed())
        test.questions.append(copy)
    db.session.flush()
    _keep_possible_draws(test)


def topic_sizes(test: Test) -> dict[str, int]:
    """How many questions each topic of the test holds (topic "" for questions without one)."""
    return {t: len(ids) for t, ids in topics((q.id, q.category) for q in test.questions).items()}


def set_draws(test: Test, draws: dict[str, int]) -> None:
    """Ask each participant ``k`` random questions of each topic in ``draws`` (checked by the form)."""
    if has_attempts(test):
        raise TestLockedError
    test.draws = dict(draws) or None


def _keep_possible_draws(test: Test) -> None:
    kept = kept_draws(topic_sizes(test), test.draws) or None
    if kept != test.draws:
        test.draws = kept


def copy_questions(source: Test, target: Test) -> None:
    """Give ``target`` the same form as ``source`` (its own frozen copies of the same questions)."""
    if has_attempts(target):
        raise TestLockedError
    target.questions.clear()
    db.session.flush()
    for item in source.questions:
        copy = TestQuestion(question_id=item.question_id, position=item.position)
        copy.fill_from(item.parsed())
        target.questions.append(copy)
    db.session.flush()
    target.draws = dict(source.draws) if source.draws else None
