"""The per-topic draw form: each topic of a test, the number typed for it, and a message when it is wrong."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext

from diklat.assessments.draws import draw_problems
from diklat.assessments.exam_services import topic_sizes
from diklat.assessments.models import Test


@dataclass
class DrawRow:
    """One topic of the test as the form shows it: what was typed, and what is wrong with it."""

    index: int
    topic: str
    size: int
    typed: str
    error: str = ""


def draw_rows(test: Test, typed: dict[int, str] | None = None) -> list[DrawRow]:
    """The topics of the test with their saved (or just typed) draw."""
    saved = test.draws or {}
    rows = []
    for index, (topic, size) in enumerate(topic_sizes(test).items()):
        value = typed.get(index, "") if typed is not None else str(saved.get(topic, ""))
        rows.append(DrawRow(index, topic, size, value.strip()))
    return rows


def parse_draws(rows: list[DrawRow]) -> dict[str, int] | None:
    """The draws typed, or None after putting a message on every row that is wrong."""
    draws: dict[str, int] = {}
    for row in rows:
        if not row.typed:
            continue
        if not row.typed.isdigit() or len(row.typed) > 6:
            row.error = _("Write a whole number of questions, or leave it empty to ask them all.")
        else:
            draws[row.topic] = int(row.typed)
    sizes = {r.topic: r.size for r in rows}
    for topic, (problem, size) in draw_problems(sizes, draws).items():
        row = next(r for r in rows if r.topic == topic)
        row.error = (
            _("Draw at least one question, or leave it empty to ask them all.")
            if problem == "too_few"
            else ngettext(
                "This topic holds only %(num)d question: draw at most %(num)d.",
                "This topic holds only %(num)d questions: draw at most %(num)d.",
                size,
            )
        )
    if any(r.error for r in rows):
        return None
    return {t: k for t, k in draws.items() if k < sizes[t]}  # all of a topic: no draw
