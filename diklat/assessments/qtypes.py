"""Question types as plain data, with their validation rules; no Flask, no database.

``data`` per type (fractions are 0–1; negative only in multiple response):
- multichoice / multiresponse: ``{"choices": [{"text", "fraction", "feedback"}]}`` (text/feedback are safe HTML)
- truefalse: ``{"correct": bool, "feedback_true", "feedback_false"}``
- shortanswer: ``{"answers": [{"text", "fraction", "feedback"}]}`` (text is plain, ``*`` is a wildcard)
- numerical: ``{"answers": [{"value": float | None, "tolerance", "fraction", "feedback"}]}`` (None = any other)
- matching: ``{"pairs": [{"question", "answer"}]}`` (question HTML, empty = distractor; answer plain)
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from diklat.common.markers import N_

FRACTION_TOLERANCE = 1e-6


class QType(enum.StrEnum):
    """The question types a bank holds."""

    MULTICHOICE = "multichoice"
    MULTIRESPONSE = "multiresponse"
    TRUEFALSE = "truefalse"
    SHORTANSWER = "shortanswer"
    NUMERICAL = "numerical"
    MATCHING = "matching"


@dataclass
class ParsedQuestion:
    """A question read from a file (or a form), before it is stored."""

    qtype: str
    name: str
    text: str
    data: dict
    general_feedback: str = ""
    points: float = 1.0
    category: str = ""
    module_number: int | None = None
    line: int = 0
    id_number: str = ""


@dataclass
class ImportProblem:
    """A question that could not be imported: where it starts and why (message with params)."""

    line: int
    message: str
    params: dict = field(default_factory=dict)
    excerpt: str = ""


@dataclass
class ImportResult:
    """What a parser found: good questions and problems, in file order."""

    questions: list[ParsedQuestion] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Number of good questions per type."""
        out: dict[str, int] = {}
        for q in self.questions:
            out[q.qtype] = out.get(q.qtype, 0) + 1
        return out


def _max_fraction(items: list[dict]) -> float:
    return max((float(i["fraction"]) for i in items), default=0.0)


def _check_choices(q: ParsedQuestion) -> list[str]:
    choices = q.data.get("choices", [])
    if len(choices) < 2:
        return [N_("A choice question needs at least two choices.")]
    if any(not c["text"].strip() for c in choices):
        return [N_("Every choice needs a text.")]
    if q.qtype == QType.MULTICHOICE:
        if abs(_max_fraction(choices) - 1) > FRACTION_TOLERANCE:
            return [N_("One choice must give full credit.")]
        if any(c["fraction"] < 0 for c in choices):
            return [N_("Negative weights are only allowed in multiple-response questions.")]
        return []
    positive = sum(c["fraction"] for c in choices if c["fraction"] > 0)
    if abs(positive - 1) > 0.01:
        return [N_("The positive weights of a multiple-response question must add up to full credit.")]
    return []


def _check_answers(q: ParsedQuestion) -> list[str]:
    answers = q.data.get("answers", [])
    if not answers:
        return [N_("At least one accepted answer is needed.")]
    if abs(_max_fraction(answers) - 1) > FRACTION_TOLERANCE:
        return [N_("One accepted answer must give full credit.")]
    if q.qtype == QType.SHORTANSWER and any(not str(a["text"]).strip() for a in answers):
        return [N_("An accepted answer is empty.")]
    if q.qtype == QType.NUMERICAL and any(a["tolerance"] is not None and a["tolerance"] < 0 for a in answers):
        return [N_("A tolerance cannot be negative.")]
    return []


def _check_matching(q: ParsedQuestion) -> list[str]:
    pairs = q.data.get("pairs", [])
    real = [p for p in pairs if p["question"].strip()]
    if len(real) < 2:
        return [N_("A matching question needs at least two pairs.")]
    if any(not p["answer"].strip() for p in pairs):
        return [N_("Every matching pair needs an answer.")]
    return []


def _check_truefalse(q: ParsedQuestion) -> list[str]:
    return [] if isinstance(q.data.get("correct"), bool) else [N_("Say whether the statement is true or false.")]


CHECKS = {
    QType.MULTICHOICE: _check_choices,
    QType.MULTIRESPONSE: _check_choices,
    QType.TRUEFALSE: _check_truefalse,
    QType.SHORTANSWER: _check_answers,
    QType.NUMERICAL: _check_answers,
    QType.MATCHING: _check_matching,
}


def question_problems(q: ParsedQuestion) -> list[str]:
    """Why this question cannot be used (untranslated messages); empty when it is fine."""
    if q.qtype not in CHECKS:
        return [N_("Unsupported question type.")]
    problems = [] if q.text.strip() else [N_("The question has no text.")]
    if q.points <= 0:
        problems.append(N_("Points must be more than zero."))
    return problems + CHECKS[QType(q.qtype)](q)


def matching_options(data: dict) -> list[str]:
    """Distinct answers of a matching question, in their first-seen order (distractors included)."""
    seen: list[str] = []
    for pair in data.get("pairs", []):
        if pair["answer"] not in seen:
            seen.append(pair["answer"])
    return seen
