"""Results of a cohort's tests: per participant, per cohort, per module/topic, and the item matrix.

Reads the database and hands plain numbers to :mod:`diklat.assessments.stats`. The attempt that counts is a
participant's latest finished attempt (a granted re-take replaces the earlier one).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Select, select

from diklat.assessments import stats
from diklat.assessments.exam_services import find_test
from diklat.assessments.models import Attempt, AttemptAnswer, Test, TestKind, TestQuestion
from diklat.cohorts.models import Cohort, CohortMember, Role
from diklat.extensions import db


@dataclass
class ParticipantResult:
    """One participant's pre/post figures (percentages 0–100)."""

    number: int
    member: CohortMember
    pre: Attempt | None
    post: Attempt | None

    @property
    def paired(self) -> bool:
        """Both tests finished."""
        return self.pre is not None and self.post is not None

    @property
    def gain(self) -> float | None:
        """Post minus pre, in percentage points."""
        return self.post.percent - self.pre.percent if self.paired else None

    @property
    def g(self) -> float | None:
        """Normalized gain (None when unpaired or undefined)."""
        return stats.normalized_gain(self.pre.percent, self.post.percent) if self.paired else None

    @property
    def g_undefined(self) -> bool:
        """Paired, but the pre-test was already perfect."""
        return self.paired and self.g is None

    @property
    def category(self) -> str | None:
        """high / medium / low."""
        return stats.gain_category(self.g)

    @property
    def band(self) -> str | None:
        """N-gain % band."""
        return stats.ngain_band(self.g)


def counted_attempts(test: Test | None) -> dict[int, Attempt]:
    """user id → the latest finished attempt at ``test``."""
    if test is None:
        return {}
    rows = db.session.scalars(
        select(Attempt).where(Attempt.test_id == test.id, Attempt.submitted_at.is_not(None)).order_by(Attempt.number)
    )
    return {a.user_id: a for a in rows}


def participant_results(cohort: Cohort) -> list[ParticipantResult]:
    """Every participant of the cohort with their counted pre and post attempts, by team then name."""
    pre = counted_attempts(find_test(cohort.id, TestKind.PRE))
    post = counted_attempts(find_test(cohort.id, TestKind.POST))
    members = sorted(
        cohort.members_with_role(Role.PARTICIPANT), key=lambda m: (m.team.name if m.team else "~", m.user.name)
    )
    return [ParticipantResult(i, m, pre.get(m.user_id), post.get(m.user_id)) for i, m in enumerate(members, start=1)]


def cohort_summary(rows: list[ParticipantResult]) -> stats.PairedSummary:
    """Paired figures over participants who finished both tests."""
    paired = [r for r in rows if r.paired]
    return stats.paired_summary([r.pre.percent for r in paired], [r.post.percent for r in paired])


def _fractions(test: Test, attempt_ids: list[int]) -> dict[int, dict[int, float]]:
    """attempt id → {test question id: fraction earned}."""
    out: dict[int, dict[int, float]] = defaultdict(dict)
    if not attempt_ids:
        return out
    rows = db.session.execute(
        select(AttemptAnswer.attempt_id, AttemptAnswer.test_question_id, AttemptAnswer.fraction).where(
            AttemptAnswer.attempt_id.in_(attempt_ids)
        )
    )
    for attempt_id, question_id, fraction in rows:
        out[attempt_id][question_id] = fraction or 0.0
    return out


def group_means(test: Test | None, attempts: list[Attempt], key: str) -> dict[object, float]:
    """Mean score (0–100) per module number or category over the given attempts of ``test``."""
    if test is None or not attempts:
        return {}
    fractions = _fractions(test, [a.id for a in attempts])
    groups: dict[object, list[TestQuestion]] = defaultdict(list)
    for question in test.questions:
        groups[getattr(question, key)].append(question)
    out = {}
    for group, questions in groups.items():
        scores = [_group_score(fractions[a.id], questions, bool(test.draws)) for a in attempts]
        if kept := [score for score in scores if score is not None]:
            out[group] = float(np.mean(kept))
    return out


def _group_score(fractions: dict[int, float], questions: list[TestQuestion], drawn: bool) -> float | None:
    """One attempt's score (0–100) on a group of questions: those it was asked, when questions are drawn."""
    asked = [q for q in questions if q.id in fractions] if drawn else questions
    total = sum(q.points for q in asked)
    return 100 * sum(fractions.get(q.id, 0.0) * q.points for q in asked) / total if total else None


def pre_post_by(
    cohort: Cohort, rows: list[ParticipantResult], key: str
) -> list[tuple[object, float | None, float | None]]:
    """(module or topic, mean pre, mean post) over paired participants, sorted by group."""
    paired = [r for r in rows if r.paired]
    pre = group_means(find_test(cohort.id, TestKind.PRE), [r.pre for r in paired], key)
    post = group_means(find_test(cohort.id, TestKind.POST), [r.post for r in paired], key)
    groups = sorted(set(pre) | set(post), key=lambda g: (g is None or g == "", str(g).zfill(3)))
    return [(g, pre.get(g), post.get(g)) for g in groups]


def _counted_ids(test: Test) -> list[int]:
    """Ids of the attempts that count (latest finished per person), sorted."""
    rows = db.session.execute(
        select(Attempt.user_id, Attempt.id)
        .where(Attempt.test_id == test.id, Attempt.submitted_at.is_not(None))
        .order_by(Attempt.number)
    ).all()
    return sorted(dict(rows).values())


def _raw_rows(statement: Select) -> list[tuple]:
    """Plain tuples straight from the driver: building Row objects for 250,000 marks costs seconds."""
    compiled = statement.compile(dialect=db.engine.dialect)
    params = [compiled.params[k] for k in compiled.positiontup] if compiled.positional else compiled.params
    cursor = db.session.connection().connection.cursor()
    try:
        cursor.execute(str(compiled), params)
        return cursor.fetchall()
    finally:
        cursor.close()


def item_matrix(test: Test) -> tuple[list[TestQuestion], np.ndarray, list[float]]:
    """Questions in test order, the S × p matrix of marks of the counted attempts, and the max marks."""
    questions = list(test.questions)
    attempt_ids = np.array(_counted_ids(test), dtype=np.int64)
    # With a per-topic draw, a question an attempt was not asked has no answer row: NaN, not a wrong answer.
    marks = np.full((attempt_ids.size, len(questions)), np.nan if test.draws else 0.0)
    rows = _raw_rows(
        select(AttemptAnswer.attempt_id, AttemptAnswer.test_question_id, AttemptAnswer.fraction)
        .join(Attempt, Attempt.id == AttemptAnswer.attempt_id)
        .where(Attempt.test_id == test.id, Attempt.submitted_at.is_not(None))
    )
    if rows and attempt_ids.size:
        try:
            data = np.array(rows, dtype=float)
        except TypeError:  # an unfinished grading left a NULL fraction: it counts as 0
            data = np.array([(a, q, f or 0.0) for a, q, f in rows], dtype=float)
        data = data[np.isin(data[:, 0].astype(np.int64), attempt_ids)]
        qids = np.array([q.id for q in questions], dtype=np.int64)
        order = np.argsort(qids)
        found = np.searchsorted(qids[order], data[:, 1].astype(np.int64)).clip(0, max(len(qids) - 1, 0))
        cols = order[found]
        keep = qids[cols] == data[:, 1].astype(np.int64)
        points = np.array([q.points for q in questions])
        rows_idx = np.searchsorted(attempt_ids, data[keep, 0].astype(np.int64))
        marks[rows_idx, cols[keep]] = data[keep, 2] * points[cols[keep]]
    return questions, marks, [q.points for q in questions]


def item_report(test: Test) -> tuple[list[tuple[TestQuestion, stats.ItemStats]], stats.TestStats]:
    """Item analysis of a test as DOMAIN §6 defines it."""
    questions, marks, max_marks = item_matrix(test)
    items, summary = stats.item_analysis(marks, max_marks)
    return list(zip(questions, items, strict=True)), summary


def distractor_report(test: Test) -> dict[int, list]:
    """Test question id → option statistics for its choice questions, over the counted attempts."""
    from diklat.assessments.distractors import analyse

    choice_questions = [q for q in test.questions if q.qtype.value in ("multichoice", "multiresponse")]
    ids = _counted_ids(test)
    if not choice_questions or not ids:
        return {}
    totals = dict(db.session.execute(select(Attempt.id, Attempt.score).where(Attempt.id.in_(ids))).all())
    picks: dict[int, dict[int, set[int]]] = defaultdict(dict)
    rows = db.session.execute(
        select(AttemptAnswer.test_question_id, AttemptAnswer.attempt_id, AttemptAnswer.response).where(
            AttemptAnswer.attempt_id.in_(ids),
            AttemptAnswer.test_question_id.in_([q.id for q in choice_questions]),
        )
    )
    for question_id, attempt_id, response in rows:
        response = response or {}
        chosen = {response["choice"]} if "choice" in response else set(response.get("choices") or [])
        picks[question_id][attempt_id] = chosen
    out = {}
    for q in choice_questions:
        scores = [totals[a] or 0.0 for a in ids]
        chosen = [picks[q.id].get(a, set()) for a in ids]
        out[q.id] = analyse(scores, chosen, [c["fraction"] for c in q.data["choices"]])
    return out
