"""Question banks, tests (pre/post) with frozen copies of their questions, attempts, answers and grants."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Enum, Float, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diklat.assessments.draws import topics
from diklat.assessments.qtypes import ParsedQuestion, QType
from diklat.auth.models import User
from diklat.cohorts.models import Cohort
from diklat.common.models import TimestampMixin, VersionedMixin
from diklat.common.time import utcnow
from diklat.extensions import db


class TestKind(enum.StrEnum):
    """A cohort has one pre-test and one post-test."""

    __test__ = False  # not a pytest test class

    PRE = "pre"
    POST = "post"


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])


class QuestionFields:
    """Columns shared by a bank question and its frozen copy inside a test."""

    qtype: Mapped[QType] = mapped_column(_enum(QType, "question_type"))
    name: Mapped[str] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text)
    data: Mapped[dict] = mapped_column(JSON)
    general_feedback: Mapped[str] = mapped_column(Text, default="")
    points: Mapped[float] = mapped_column(Float, default=1.0)
    category: Mapped[str] = mapped_column(String(200), default="")
    module_number: Mapped[int | None]

    def parsed(self) -> ParsedQuestion:
        """The question as plain data (for exporters and graders)."""
        return ParsedQuestion(
            qtype=self.qtype.value,
            name=self.name,
            text=self.text,
            data=self.data,
            general_feedback=self.general_feedback or "",
            points=self.points,
            category=self.category or "",
            module_number=self.module_number,
        )

    def fill_from(self, q: ParsedQuestion) -> None:
        """Copy plain question data into the columns."""
        self.qtype, self.name, self.text, self.data = QType(q.qtype), q.name[:255], q.text, q.data
        self.general_feedback, self.points, self.category = q.general_feedback, q.points, q.category[:200]
        self.module_number = q.module_number


class QuestionBank(TimestampMixin, db.Model):
    """A named collection of questions shared by the facilitators."""

    __tablename__ = "question_banks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    questions: Mapped[list[Question]] = relationship(
        back_populates="bank", cascade="all, delete-orphan", order_by="(Question.module_number, Question.id)"
    )


class Question(QuestionFields, TimestampMixin, VersionedMixin, db.Model):
    """A question in a bank."""

    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    bank_id: Mapped[int] = mapped_column(ForeignKey("question_banks.id", ondelete="CASCADE"), index=True)

    bank: Mapped[QuestionBank] = relationship(back_populates="questions")


class Test(TimestampMixin, VersionedMixin, db.Model):
    """A cohort's pre-test or post-test: window, time limit, shuffling and its questions."""

    __test__ = False  # not a pytest test class

    __tablename__ = "tests"
    __table_args__ = (UniqueConstraint("cohort_id", "kind", name="uq_tests_cohort_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[TestKind] = mapped_column(_enum(TestKind, "test_kind"))
    title: Mapped[str] = mapped_column(String(200))
    instructions: Mapped[str] = mapped_column(Text, default="")
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    time_limit_minutes: Mapped[int | None]
    shuffle_questions: Mapped[bool] = mapped_column(default=True)
    shuffle_choices: Mapped[bool] = mapped_column(default=True)
    pass_mark: Mapped[float] = mapped_column(Float, default=70.0, server_default="70")
    # Parallel forms: topic → questions each participant draws (diklat.assessments.draws); empty asks all.
    draws: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    cohort: Mapped[Cohort] = relationship()
    questions: Mapped[list[TestQuestion]] = relationship(
        back_populates="test", cascade="all, delete-orphan", order_by="TestQuestion.position"
    )
    attempts: Mapped[list[Attempt]] = relationship(
        back_populates="test", cascade="all, delete-orphan", order_by="Attempt.id"
    )

    @property
    def max_points(self) -> float:
        """Total points of the test (of one participant's form when questions are drawn per topic)."""
        if not self.draws:
            return sum(q.points for q in self.questions)
        by_topic = topics((q.id, q.category) for q in self.questions)
        points = {q.id: q.points for q in self.questions}
        return sum(
            max(points[i] for i in ids) * self.draws[t] if t in self.draws else sum(points[i] for i in ids)
            for t, ids in by_topic.items()
        )

    @property
    def questions_per_attempt(self) -> int:
        """How many questions one participant answers."""
        by_topic = topics((q.id, q.category) for q in self.questions)
        return sum(min(len(ids), (self.draws or {}).get(t, len(ids))) for t, ids in by_topic.items())

    def state(self, now: datetime) -> str:
        """upcoming, open or closed, derived from the window."""
        if now < self.opens_at:
            return "upcoming"
        return "open" if now < self.closes_at else "closed"


class TestQuestion(QuestionFields, db.Model):
    """A frozen copy of a bank question inside a test, so later bank edits never change results."""

    __test__ = False  # not a pytest test class

    __tablename__ = "test_questions"
    __table_args__ = (UniqueConstraint("test_id", "position", name="uq_test_questions_test_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    test_id: Mapped[int] = mapped_column(ForeignKey("tests.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int | None] = mapped_column(ForeignKey("questions.id", ondelete="SET NULL"), index=True)
    position: Mapped[int]

    test: Mapped[Test] = relationship(back_populates="questions")


class Attempt(db.Model):
    """One participant's attempt at a test; finished when ``submitted_at`` is set."""

    __tablename__ = "test_attempts"
    __table_args__ = (UniqueConstraint("test_id", "user_id", "number", name="uq_test_attempts_test_user_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    test_id: Mapped[int] = mapped_column(ForeignKey("tests.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(default=1)
    seed: Mapped[int]
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    deadline_at: Mapped[datetime]
    submitted_at: Mapped[datetime | None]
    finish_reason: Mapped[str | None] = mapped_column(String(20))  # submitted | timeout
    score: Mapped[float | None] = mapped_column(Float)
    max_score: Mapped[float] = mapped_column(Float, default=0.0)

    test: Mapped[Test] = relationship(back_populates="attempts")
    user: Mapped[User] = relationship()
    answers: Mapped[list[AttemptAnswer]] = relationship(back_populates="attempt", cascade="all, delete-orphan")

    @property
    def passed(self) -> bool | None:
        """Score at or above the test's pass mark (KKM); None while ungraded."""
        percent = self.percent
        return None if percent is None else percent >= self.test.pass_mark - 1e-9

    @property
    def finished(self) -> bool:
        """Submitted by the participant or closed at the deadline."""
        return self.submitted_at is not None

    @property
    def percent(self) -> float | None:
        """Score on a 0–100 scale."""
        if self.score is None or not self.max_score:
            return None
        return 100 * self.score / self.max_score


class AttemptAnswer(db.Model):
    """The latest answer to one question of an attempt (rows exist from the start; saving updates them)."""

    __tablename__ = "test_answers"
    __table_args__ = (UniqueConstraint("attempt_id", "test_question_id", name="uq_test_answers_attempt_question"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("test_attempts.id", ondelete="CASCADE"), index=True)
    test_question_id: Mapped[int] = mapped_column(ForeignKey("test_questions.id", ondelete="CASCADE"), index=True)
    response: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))
    fraction: Mapped[float | None] = mapped_column(Float)
    saved_at: Mapped[datetime | None]
    flagged: Mapped[bool] = mapped_column(default=False, server_default=false())

    attempt: Mapped[Attempt] = relationship(back_populates="answers")
    question: Mapped[TestQuestion] = relationship()


class AttemptGrant(db.Model):
    """Permission for one more attempt, with the facilitator's recorded reason."""

    __tablename__ = "test_attempt_grants"

    id: Mapped[int] = mapped_column(primary_key=True)
    test_id: Mapped[int] = mapped_column(ForeignKey("tests.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    granted_by: Mapped[User | None] = relationship(foreign_keys=[granted_by_id])


class OrderWaiver(db.Model):
    """The facilitator lets one participant take the post-test before the pre-test, with the reason on record."""

    __tablename__ = "test_order_waivers"
    __table_args__ = (UniqueConstraint("cohort_id", "user_id", name="uq_test_order_waivers_cohort_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    granted_by: Mapped[User | None] = relationship(foreign_keys=[granted_by_id])


class GradeWeights(db.Model):
    """How a cohort's final grade is made: percentages for attendance, worksheets, pre-test and post-test."""

    __tablename__ = "gradebook_weights"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), unique=True)
    attendance: Mapped[int] = mapped_column(default=20)
    worksheets: Mapped[int] = mapped_column(default=30)
    pre: Mapped[int] = mapped_column(default=0)
    post: Mapped[int] = mapped_column(default=50)
