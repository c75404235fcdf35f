"""Question-bank services: plain values and models in, flush, never commit."""

from __future__ import annotations

from sqlalchemy import func, select

from diklat.assessments.formats import EXPORTERS
from diklat.assessments.models import Question, QuestionBank
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
