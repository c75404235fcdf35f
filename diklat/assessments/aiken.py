"""Aiken import (one-line question, lettered choices, ``ANSWER: X``); no Flask, no database.

Like Moodle's importer, a broken question is reported with its line number and the good ones are kept:
too few choices, choices or an answer line before any question, a question never finished.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from diklat.assessments.qtypes import ImportProblem, ImportResult, ParsedQuestion, QType
from diklat.assessments.textfmt import plain_to_html, short_name
from diklat.common.markers import N_

CHOICE_RE = re.compile(r"^([A-Z])[).]\s*(.*)$")
ANSWER_RE = re.compile(r"^ANSWER\s*:\s*(.*)$")


@dataclass
class _Draft:
    line: int
    text: str
    choices: list[str] = field(default_factory=list)


def _finish(draft: _Draft, answer: str, line: int, result: ImportResult) -> None:
    if len(draft.choices) < 2:
        result.problems.append(
            ImportProblem(
                draft.line,
                N_("Only %(count)d choice; at least two are needed."),
                {"count": len(draft.choices)},
                draft.text[:80],
            )
        )
        return
    letter = answer[:1].upper()
    index = ord(letter) - ord("A") if letter else -1
    if not 0 <= index < len(draft.choices):
        result.problems.append(
            ImportProblem(
                line,
                N_("The ANSWER line names choice “%(letter)s”, which does not exist."),
                {"letter": answer},
                draft.text[:80],
            )
        )
        return
    html = plain_to_html(draft.text)
    choices = [
        {"text": plain_to_html(c), "fraction": 1.0 if i == index else 0.0, "feedback": ""}
        for i, c in enumerate(draft.choices)
    ]
    result.questions.append(
        ParsedQuestion(
            qtype=QType.MULTICHOICE, name=short_name(html), text=html, data={"choices": choices}, line=draft.line
        )
    )


def parse_aiken(source: str) -> ImportResult:
    """Read every question of an Aiken file."""
    result = ImportResult()
    draft: _Draft | None = None
    orphan_line = 0
    for number, raw in enumerate(source.lstrip("\ufeff").splitlines(), start=1):
        line = raw.strip()
        if len(line) < 2:
            continue
        choice, answer = CHOICE_RE.match(line), ANSWER_RE.match(line)
        if (choice or answer) and draft is None:
            orphan_line = orphan_line or number
            continue
        if choice and draft is not None:
            draft.choices.append(choice.group(2).strip())
        elif answer and draft is not None:
            _finish(draft, answer.group(1).strip(), number, result)
            draft = None
        else:
            if orphan_line:
                result.problems.append(
                    ImportProblem(orphan_line, N_("Choices or an ANSWER line come before any question text."), {}, "")
                )
                orphan_line = 0
            if draft is not None:
                result.problems.append(
                    ImportProblem(draft.line, N_("The question has no ANSWER line."), {}, draft.text[:80])
                )
            draft = _Draft(number, line)
    if orphan_line:
        result.problems.append(
            ImportProblem(orphan_line, N_("Choices or an ANSWER line come before any question text."), {}, "")
        )
    if draft is not None:
        result.problems.append(ImportProblem(draft.line, N_("The question has no ANSWER line."), {}, draft.text[:80]))
    result.problems.sort(key=lambda p: p.line)
    return result
