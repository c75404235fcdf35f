"""The per-answer save, in two statements: the request every participant sends every few seconds.

One SELECT checks the session's account (``diklat.auth.session_identity``) and reads (and on PostgreSQL locks) its
own open attempt together with the membership that allows it, the test's shuffle option and the question; one
UPDATE stores the answer. Both are Core statements on the tables, built once: the ORM's per-statement work cost
more than running them. Anything unusual (no signed-in account, not a participant's own attempt, a question of
another test, an attempt finished or out of time) is not decided here: ``quick_save`` answers None and the view
takes the full path, with its sign-in check, its 404/403/400/409 answers and the time-out finalization, so the
rules live in one place (``attempt_services``) and this module only skips the ORM and Flask-Login.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Select, Update, and_, bindparam, exists, select, update

from diklat.assessments.attempt_services import SAVE_GRACE, seconds_left
from diklat.assessments.layout import Slot, make_slot, response_from_fields
from diklat.assessments.models import Attempt, AttemptAnswer, Test, TestQuestion
from diklat.auth.models import User
from diklat.auth.session_identity import Identity, account_is_signed_in
from diklat.cohorts.models import CohortMember, Role
from diklat.extensions import db


class SaveTarget(NamedTuple):
    """What one answer save needs to know, read in one statement."""

    seed: int
    deadline_at: datetime
    submitted_at: datetime | None
    shuffle: bool
    question_id: int | None
    qtype: str | None
    data: dict | None


def _target_query() -> Select:
    attempt, test, member, question = (model.__table__.c for model in (Attempt, Test, CohortMember, TestQuestion))
    asked = and_(question.id == bindparam("question_id"), question.test_id == test.id)
    allowed = and_(member.cohort_id == test.cohort_id, member.user_id == attempt.user_id)
    return (
        select(
            attempt.seed,
            attempt.deadline_at,
            attempt.submitted_at,
            test.shuffle_choices,
            question.id,
            question.qtype,
            question.data,
        )
        .select_from(Attempt.__table__)
        .join(Test.__table__, test.id == attempt.test_id)
        .join(User.__table__, and_(User.__table__.c.id == attempt.user_id, account_is_signed_in()))
        .join(CohortMember.__table__, allowed)
        .outerjoin(TestQuestion.__table__, asked)
        .where(
            attempt.id == bindparam("attempt_id"),
            test.cohort_id == bindparam("cohort_id"),
            member.role == Role.PARTICIPANT,
        )
        .with_for_update(of=Attempt.__table__)
    )


def _store_query(flagged: bool) -> Update:
    attempt, answer = Attempt.__table__.c, AttemptAnswer.__table__.c
    still_open = exists(
        select(attempt.id).where(attempt.id == bindparam("b_attempt_id"), attempt.submitted_at.is_(None))
    )
    values = {"response": bindparam("b_response"), "saved_at": bindparam("b_saved_at")}
    if flagged:
        values["flagged"] = bindparam("b_flagged")
    return (
        update(AttemptAnswer.__table__)
        .where(
            answer.attempt_id == bindparam("b_attempt_id"),
            answer.test_question_id == bindparam("b_question_id"),
            still_open,
        )
        .values(values)
    )


# Built once: constructing and keying these statements cost more CPU than running them.
TARGET = _target_query()
STORE = {flagged: _store_query(flagged) for flagged in (False, True)}


def save_target(cohort_id: int, attempt_id: int, identity: Identity, question_id: int) -> SaveTarget | None:
    """The signed-in account's own attempt in the cohort where it is a participant, locked; None when none."""
    ids = {
        "cohort_id": cohort_id,
        "attempt_id": attempt_id,
        "user_id": identity.user_id,
        "session_token": identity.token,
        "question_id": question_id,
    }
    row = db.session.connection().execute(TARGET, ids).first()
    if row is None:
        return None
    qtype = row[5].value if row[5] is not None else None
    return SaveTarget(row[0], row[1], row[2], row[3], row[4], qtype, row[6])


def response_of(slot: Slot, sent: object) -> dict | None:
    """The stored response for the page's ``fields`` (only this question's fields count)."""
    fields: dict[str, list[str]] = {}
    for item in sent if isinstance(sent, list) else []:
        if isinstance(item, list) and len(item) == 2 and str(item[0]).startswith(f"q{slot.question_id}"):
            fields.setdefault(str(item[0]), []).append(str(item[1])[:500])
    return response_from_fields(slot, fields)


def quick_save(cohort_id: int, attempt_id: int, identity: Identity, payload: Mapping, now: datetime) -> int | None:
    """Store one answer of an open attempt and commit; the seconds left, or None to take the full path."""
    target = save_target(cohort_id, attempt_id, identity, payload["question"])
    if target is None or target.question_id is None or target.submitted_at is not None:
        return None
    if now > target.deadline_at + SAVE_GRACE:
        return None
    assert target.qtype is not None  # the question was found with the attempt
    slot = make_slot(target.seed, target.question_id, target.qtype, target.data or {}, target.shuffle)
    flagged = payload.get("flagged")
    params = {
        "b_attempt_id": attempt_id,
        "b_question_id": target.question_id,
        "b_response": response_of(slot, payload.get("fields")),
        "b_saved_at": now,
        "b_flagged": flagged,
    }
    result = db.session.connection().execute(STORE[isinstance(flagged, bool)], params)
    if result.rowcount == 0:  # not in this attempt's draw, or finished a moment ago (SQLite): the full path says which
        db.session.rollback()
        return None
    db.session.commit()
    return seconds_left(target.deadline_at, now)
