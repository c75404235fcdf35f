"""Taking a test: start, save every answer, submit, close at the deadline, grant another attempt.

The server owns the clock: an attempt past its deadline is finalized on the next access (and by
``flask tests close-expired``). Saving and finalizing are conditional updates, so a late save can never slip
in after grading, whichever database runs underneath.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import exists, func, insert, select, update
from sqlalchemy.orm.attributes import set_committed_value

from diklat.assessments.draws import draw
from diklat.assessments.grading import grade
from diklat.assessments.layout import Slot, attempt_layout
from diklat.assessments.models import (
    Attempt,
    AttemptAnswer,
    AttemptGrant,
    OrderWaiver,
    Test,
    TestKind,
    TestQuestion,
)
from diklat.common.logs import CHANGES
from diklat.common.time import utcnow
from diklat.extensions import db

SAVE_GRACE = timedelta(seconds=5)  # answers sent just before the deadline still count despite network latency


class AttemptError(Exception):
    """Why an attempt cannot be started or changed: not_open, closed, no_attempts, pre_first, finished, time_up."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def attempts_of(test: Test, user_id: int) -> list[Attempt]:
    """The person's attempts at the test, oldest first."""
    return list(
        db.session.scalars(
            select(Attempt).where(Attempt.test_id == test.id, Attempt.user_id == user_id).order_by(Attempt.number)
        )
    )


def attempts_allowed(test: Test, user_id: int) -> int:
    """One attempt, plus one for every grant."""
    grants = db.session.scalar(
        select(func.count())
        .select_from(AttemptGrant)
        .where(AttemptGrant.test_id == test.id, AttemptGrant.user_id == user_id)
    )
    return 1 + (grants or 0)


def open_attempt(test: Test, user_id: int, now: datetime, mine: list[Attempt] | None = None) -> Attempt | None:
    """The unfinished attempt, finalized first if its time is up (then None); ``mine``: the attempts, if read."""
    for attempt in attempts_of(test, user_id) if mine is None else mine:
        if not attempt.finished and not expire_if_due(attempt, now):
            return attempt
    return None


def can_start(test: Test, user_id: int, now: datetime, mine: list[Attempt] | None = None) -> str | None:
    """Why a new attempt cannot start (error code), or None when it can; ``mine``: the attempts, if read."""
    if test.state(now) == "upcoming":
        return "not_open"
    if test.state(now) == "closed":
        return "closed"
    if not test.questions:
        return "not_open"
    if len(attempts_of(test, user_id) if mine is None else mine) >= attempts_allowed(test, user_id):
        return "no_attempts"
    if test.kind == TestKind.POST and needs_pre_first(test.cohort_id, user_id):
        return "pre_first"
    return None


def needs_pre_first(cohort_id: int, user_id: int) -> bool:
    """The cohort has a pre-test the person has not submitted, and no waiver lets them skip ahead."""
    pre_id = db.session.scalar(select(Test.id).where(Test.cohort_id == cohort_id, Test.kind == TestKind.PRE))
    if pre_id is None:
        return False
    submitted = db.session.scalar(
        select(Attempt.id)
        .where(Attempt.test_id == pre_id, Attempt.user_id == user_id, Attempt.submitted_at.is_not(None))
        .limit(1)
    )
    return submitted is None and find_waiver(cohort_id, user_id) is None


def find_waiver(cohort_id: int, user_id: int) -> OrderWaiver | None:
    """The person's waiver of the pre-before-post rule, if any."""
    return db.session.scalar(
        select(OrderWaiver).where(OrderWaiver.cohort_id == cohort_id, OrderWaiver.user_id == user_id)
    )


def waive_order(cohort_id: int, user_id: int, reason: str, granted_by_id: int | None) -> OrderWaiver:
    """Let one participant take the post-test without the pre-test, recording why (replaces an earlier reason)."""
    waiver = find_waiver(cohort_id, user_id) or OrderWaiver(cohort_id=cohort_id, user_id=user_id)
    waiver.reason, waiver.granted_by_id, waiver.granted_at = reason.strip(), granted_by_id, utcnow()
    db.session.add(waiver)
    db.session.flush()
    return waiver


def waivers_of(cohort_id: int) -> list[OrderWaiver]:
    """Every waiver in the cohort, newest first."""
    return list(
        db.session.scalars(
            select(OrderWaiver).where(OrderWaiver.cohort_id == cohort_id).order_by(OrderWaiver.granted_at.desc())
        )
    )


def start_attempt(test: Test, user_id: int, now: datetime) -> Attempt:
    """Resume the open attempt or start a new one with its own seed and one empty answer row per question."""
    mine = attempts_of(test, user_id)  # read once: a thousand people press Start in the same minute
    current = open_attempt(test, user_id, now, mine)
    if current is not None:
        return current
    if problem := can_start(test, user_id, now, mine):
        raise AttemptError(problem)
    number = len(mine) + 1
    deadline = test.closes_at
    if test.time_limit_minutes:
        deadline = min(deadline, now + timedelta(minutes=test.time_limit_minutes))
    seed = secrets.randbelow(2**31 - 1)
    drawn = drawn_ids(test, seed)
    asked = [q for q in test.questions if q.id in drawn]
    attempt = Attempt(
        test_id=test.id,
        user_id=user_id,
        number=number,
        seed=seed,
        started_at=now,
        deadline_at=deadline,
        max_score=sum(q.points for q in asked),
    )
    # A second tab starting at the same instant violates the unique (test, user, number): the view rolls back
    # and calls again, which then resumes the attempt the other request created.
    db.session.add(attempt)
    db.session.flush()
    if asked:  # one bulk INSERT of the empty answer rows (not one ORM object and change-log line per question)
        rows = [{"attempt_id": attempt.id, "test_question_id": q.id} for q in asked]
        db.session.execute(insert(AttemptAnswer), rows)
        CHANGES.info("insert %d AttemptAnswer rows for Attempt id=%s", len(rows), attempt.id)
    return attempt


def drawn_ids(test: Test, seed: int) -> set[int]:
    """The test question ids an attempt with ``seed`` asks: its draw when the test draws per topic, else all."""
    return set(draw(seed, [(q.id, q.category) for q in test.questions], test.draws))


def layout_for(attempt: Attempt) -> list[Slot]:
    """The attempt's questions (its draw, when the test draws per topic) and their order (from its seed)."""
    test = attempt.test
    questions = test.questions
    if test.draws:
        drawn = drawn_ids(test, attempt.seed)
        questions = [q for q in questions if q.id in drawn]
    return attempt_layout(
        attempt.seed,
        [(q.id, q.qtype.value, q.data) for q in questions],
        test.shuffle_questions,
        test.shuffle_choices,
    )


def remaining_seconds(attempt: Attempt, now: datetime) -> int:
    """Seconds left before the attempt's deadline (never negative)."""
    return seconds_left(attempt.deadline_at, now)


def seconds_left(deadline: datetime, now: datetime) -> int:
    """Seconds left before ``deadline`` (never negative)."""
    return max(0, int((deadline - now).total_seconds()))


def expire_if_due(attempt: Attempt, now: datetime) -> bool:
    """Finalize an unfinished attempt whose deadline has passed; True when it is (now) finished."""
    if attempt.finished:
        return True
    if now < attempt.deadline_at:
        return False
    finalize(attempt, "timeout", now)
    return True


def finalize(attempt: Attempt, reason: str, now: datetime) -> bool:
    """Close the attempt once (a concurrent second call does nothing) and grade every answer."""
    when = min(now, attempt.deadline_at)
    result = db.session.execute(
        update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.submitted_at.is_(None))
        .values(submitted_at=when, finish_reason=reason)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 0:
        db.session.refresh(attempt)
        return False
    rows = db.session.execute(
        select(AttemptAnswer.id, AttemptAnswer.response, TestQuestion.qtype, TestQuestion.data, TestQuestion.points)
        .join(TestQuestion, TestQuestion.id == AttemptAnswer.test_question_id)
        .where(AttemptAnswer.attempt_id == attempt.id)
    ).all()
    graded = [{"id": r.id, "fraction": grade(r.qtype.value, r.data, r.response)} for r in rows]
    if graded:
        db.session.execute(update(AttemptAnswer).execution_options(synchronize_session=None), graded)
    score = sum(g["fraction"] * r.points for g, r in zip(graded, rows, strict=True))
    db.session.execute(
        update(Attempt).where(Attempt.id == attempt.id).values(score=score).execution_options(synchronize_session=False)
    )
    # What the two UPDATEs stored, without reading the row back (answers' fractions are read where shown).
    for name, value in (("submitted_at", when), ("finish_reason", reason), ("score", score)):
        set_committed_value(attempt, name, value)
    return True


def _check_open(attempt: Attempt, now: datetime) -> None:
    """Lock the attempt row (PostgreSQL) and refuse changes once it is finished or out of time."""
    state = db.session.execute(
        select(Attempt.submitted_at, Attempt.deadline_at).where(Attempt.id == attempt.id).with_for_update()
    ).one()
    if state.submitted_at is not None:
        raise AttemptError("finished")
    if now > state.deadline_at + SAVE_GRACE:
        finalize(attempt, "timeout", now)
        raise AttemptError("time_up")


def _still_open(attempt: Attempt):
    # Checked inside the UPDATE itself, so on SQLite a save can never land after a concurrent finalize.
    return exists(select(Attempt.id).where(Attempt.id == attempt.id, Attempt.submitted_at.is_(None)))


def save_response(
    attempt: Attempt, question_id: int, response: dict | None, now: datetime, flagged: bool | None = None
) -> None:
    """Store the latest answer to one question (and its review flag); refused once finished or out of time."""
    _check_open(attempt, now)
    values: dict[str, object] = {"response": response, "saved_at": now}
    if flagged is not None:
        values["flagged"] = flagged
    result = db.session.execute(
        update(AttemptAnswer)
        .where(
            AttemptAnswer.attempt_id == attempt.id, AttemptAnswer.test_question_id == question_id, _still_open(attempt)
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 0:  # finished by a concurrent request, or a question this attempt was not asked
        finished = db.session.scalar(select(Attempt.submitted_at).where(Attempt.id == attempt.id)) is not None
        raise AttemptError("finished" if finished else "not_asked")


def save_responses(
    attempt: Attempt, answers: dict[int, dict | None], now: datetime, flagged: set[int] | None = None
) -> None:
    """Store the answers to many questions at once (the whole form), with the review flags when given."""
    _check_open(attempt, now)
    ids = dict(
        db.session.execute(
            select(AttemptAnswer.test_question_id, AttemptAnswer.id).where(AttemptAnswer.attempt_id == attempt.id)
        ).all()
    )
    rows: list[dict[str, object]] = [
        {"id": ids[qid], "response": response, "saved_at": now} for qid, response in answers.items() if qid in ids
    ]
    if flagged is not None:
        for row, qid in zip(rows, [q for q in answers if q in ids], strict=True):
            row["flagged"] = qid in flagged
    if rows:
        db.session.execute(
            update(AttemptAnswer).where(_still_open(attempt)).execution_options(synchronize_session=None), rows
        )


def responses(attempt: Attempt) -> dict[int, AttemptAnswer]:
    """Answer rows of the attempt by test-question id."""
    return {
        a.test_question_id: a
        for a in db.session.scalars(select(AttemptAnswer).where(AttemptAnswer.attempt_id == attempt.id))
    }


def close_expired(now: datetime) -> int:
    """Finalize every unfinished attempt whose deadline has passed; the number closed."""
    due = db.session.scalars(select(Attempt).where(Attempt.submitted_at.is_(None), Attempt.deadline_at <= now))
    return sum(1 for attempt in list(due) if finalize(attempt, "timeout", now))


def grant_attempt(test: Test, user_id: int, reason: str, granted_by_id: int | None) -> AttemptGrant:
    """Allow one more attempt, recording why."""
    grant = AttemptGrant(test_id=test.id, user_id=user_id, reason=reason.strip(), granted_by_id=granted_by_id)
    db.session.add(grant)
    db.session.flush()
    return grant


def grants_of(test: Test) -> list[AttemptGrant]:
    """Every grant of the test, newest first."""
    return list(
        db.session.scalars(
            select(AttemptGrant).where(AttemptGrant.test_id == test.id).order_by(AttemptGrant.granted_at.desc())
        )
    )
