"""Per-attempt order of questions and choices, and form values ⇄ stored responses; no Flask, no database.

The order comes from the attempt's seed, so it is the same every time the attempt is opened. Form values are
*display positions*, never the stored indices, so nothing in the page hints at which choice is which.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from diklat.assessments.qtypes import QType, matching_options


@dataclass
class Slot:
    """How one question appears in one attempt."""

    question_id: int
    qtype: str
    choice_order: list[int] = field(default_factory=list)  # display position → choice index
    pair_order: list[int] = field(default_factory=list)  # display position → pair index (real pairs only)
    option_order: list[int] = field(default_factory=list)  # display position → matching option index


def _shuffled(items: list[int], rng: random.Random, shuffle: bool) -> list[int]:
    out = list(items)
    if shuffle:
        rng.shuffle(out)
    return out


def make_slot(seed: int, question_id: int, qtype: str, data: dict, shuffle_choices: bool) -> Slot:
    """The layout of one question for one attempt."""
    rng = random.Random(f"{seed}:{question_id}")
    slot = Slot(question_id, qtype)
    if qtype in (QType.MULTICHOICE, QType.MULTIRESPONSE):
        slot.choice_order = _shuffled(list(range(len(data["choices"]))), rng, shuffle_choices)
    elif qtype == QType.MATCHING:
        real = [i for i, p in enumerate(data["pairs"]) if p["question"].strip()]
        slot.pair_order = _shuffled(real, rng, shuffle_choices)
        slot.option_order = _shuffled(list(range(len(matching_options(data)))), rng, True)
    return slot


def attempt_layout(
    seed: int, questions: list[tuple[int, str, dict]], shuffle_questions: bool, shuffle_choices: bool
) -> list[Slot]:
    """Questions ``(id, qtype, data)`` in this attempt's order, each with its choice order."""
    order = _shuffled(list(range(len(questions))), random.Random(seed), shuffle_questions)
    return [make_slot(seed, questions[i][0], questions[i][1], questions[i][2], shuffle_choices) for i in order]


def _position(value: str | None, size: int) -> int | None:
    try:
        position = int(value or "")
    except ValueError:
        return None
    return position if 0 <= position < size else None


def _mc(slot: Slot, values: list[str], fields: Mapping[str, list[str]]) -> dict | None:
    position = _position(values[0] if values else None, len(slot.choice_order))
    return None if position is None else {"choice": slot.choice_order[position]}


def _mr(slot: Slot, values: list[str], fields: Mapping[str, list[str]]) -> dict | None:
    positions = {_position(v, len(slot.choice_order)) for v in values} - {None}
    return {"choices": sorted(slot.choice_order[p] for p in positions)} if positions else None


def _tf(slot: Slot, values: list[str], fields: Mapping[str, list[str]]) -> dict | None:
    value = values[0] if values else ""
    return {"value": value == "true"} if value in ("true", "false") else None


def _text(slot: Slot, values: list[str], fields: Mapping[str, list[str]]) -> dict | None:
    text = (values[0] if values else "").strip()[:500]
    return {"text": text} if text else None


def _matching(slot: Slot, values: list[str], fields: Mapping[str, list[str]]) -> dict | None:
    pairs = {}
    for position, pair_index in enumerate(slot.pair_order):
        chosen = fields.get(f"q{slot.question_id}_{position}") or [""]
        option = _position(chosen[0], len(slot.option_order))
        if option is not None:
            pairs[str(pair_index)] = slot.option_order[option]
    return {"pairs": pairs} if pairs else None


READERS: dict[str, Callable[[Slot, list[str], Mapping[str, list[str]]], dict | None]] = {
    QType.MULTICHOICE: _mc,
    QType.MULTIRESPONSE: _mr,
    QType.TRUEFALSE: _tf,
    QType.SHORTANSWER: _text,
    QType.NUMERICAL: _text,
    QType.MATCHING: _matching,
}


def response_from_fields(slot: Slot, fields: Mapping[str, list[str]]) -> dict | None:
    """The stored response for a question from the submitted fields (``name → [values]``); None = unanswered."""
    return READERS[slot.qtype](slot, list(fields.get(f"q{slot.question_id}", [])), fields)


def form_state(slot: Slot, response: dict | None) -> dict:
    """What the page should show as already given: selected positions, typed text, chosen options."""
    response = response or {}
    if slot.qtype in (QType.MULTICHOICE, QType.MULTIRESPONSE):
        picked = {response["choice"]} if "choice" in response else set(response.get("choices") or [])
        return {"selected": {pos for pos, index in enumerate(slot.choice_order) if index in picked}}
    if slot.qtype == QType.TRUEFALSE:
        value = response.get("value")
        return {"value": "true" if value is True else "false" if value is False else ""}
    if slot.qtype == QType.MATCHING:
        chosen = response.get("pairs") or {}
        by_option = {index: pos for pos, index in enumerate(slot.option_order)}
        return {"chosen": {pos: by_option.get(chosen.get(str(pair))) for pos, pair in enumerate(slot.pair_order)}}
    return {"text": response.get("text", "")}
