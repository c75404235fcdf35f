"""Question-bank services: plain values and models in, flush, never commit."""

from __future__ import annotations

from sqlalchemy import func, select

from diklat.assessments.formats import EXPORTERS
from diklat.assessments.models import Attempt, Question, QuestionBank, TestQuestion
from diklat.assessments.qtypes import ParsedQuestion
from diklat.common.models import check_version
from diklat.extensions import db


def bank_by_name(name: str) -> QuestionBank | None:
    """A bank by its exact name."""
    return db.session.scalar(select(QuestionBank).where(QuestionBank.name == name))


def get_or_create_bank(name: str, created_by_id: int | None = None, description: str = "") -> QuestionBank:
    """The bank called ``name``, created when missing."""
    bank = bank_by_name(name)
    if bank is None:
        bank = QuestionBank(name=name.strip()[:200], description=description, created_by_id=created_by_id)
        db.session.add(bank)
        db.session.flush()
    return bank


def add_questions(bank: QuestionBank, parsed: list[ParsedQuestion]) -> list[Question]:
    """Store parsed questions in the bank."""
    created = []
    for item in parsed:
        question = Question(bank_id=bank.id)
        question.fill_from(item)
        db.session.add(question)
        created.append(question)
    db.session.flush()
    return created


def update_question(question: Question, parsed: ParsedQuestion, version: str | int | None) -> None:
    """Replace a question's content; refused (StaleEditError) when someone saved it in between."""
    check_version(question, version)
    question.fill_from(parsed)
    db.session.flush()


def bank_counts() -> dict[int, int]:
    """Number of questions per bank id."""
    rows = db.session.execute(select(Question.bank_id, func.count()).group_by(Question.bank_id))
    return dict(rows.all())


def export_bank(questions: list[Question], fmt: str) -> str:
    """The questions written as GIFT or Moodle XML."""
    writer = EXPORTERS[fmt][0]
    return writer([q.parsed() for q in questions])


def bulk_assign(
    bank: QuestionBank,
    question_ids: list[int],
    *,
    module_number: int | None = None,
    category: str | None = None,
    points: float | None = None,
) -> int:
    """Give the bank's chosen questions a module, topic and/or points (None leaves a field as it is)."""
    values: dict[str, object] = {}
    if module_number is not None:
        values["module_number"] = module_number
    if category:
        values["category"] = category.strip()[:200]
    if points is not None:
        values["points"] = points
    if not values or not question_ids:
        return 0
    questions = db.session.scalars(
        select(Question).where(Question.bank_id == bank.id, Question.id.in_(question_ids))
    ).all()
    for question in questions:
        for name, value in values.items():
            setattr(question, name, value)
        question.version += 1
    db.session.flush()
    return len(questions)


def bulk_delete(bank: QuestionBank, question_ids: list[int]) -> int:
    """Delete the bank's chosen questions (tests keep their frozen copies)."""
    questions = db.session.scalars(
        select(Question).where(Question.bank_id == bank.id, Question.id.in_(question_ids))
    ).all()
    for question in questions:
        db.session.delete(question)
    db.session.flush()
    return len(questions)


def used_in_finished_attempts(question_id: int) -> int:
    """How many finished attempts were graded on a copy of this question."""
    return (
        db.session.scalar(
            select(func.count(func.distinct(Attempt.id)))
            .join(TestQuestion, TestQuestion.test_id == Attempt.test_id)
            .where(TestQuestion.question_id == question_id, Attempt.submitted_at.is_not(None))
        )
        or 0
    )
