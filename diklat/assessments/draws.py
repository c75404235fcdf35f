"""Parallel forms: each attempt draws k random questions per topic; no Flask, no database.

A test's ``draws`` maps a topic (the questions' category; "" for questions without one) to how many of its
questions each participant gets. Topics without an entry are asked whole. The draw comes from the attempt's
seed, so it is the same every time and differs between participants.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping


def topics(questions: Iterable[tuple[int, str]]) -> dict[str, list[int]]:
    """Question ids per topic, in test order (topics in order of first appearance)."""
    out: dict[str, list[int]] = {}
    for question_id, topic in questions:
        out.setdefault(topic or "", []).append(question_id)
    return out


def draw(seed: int, questions: list[tuple[int, str]], draws: Mapping[str, int] | None) -> list[int]:
    """The question ids one attempt asks, in test order: ``k`` random ones of each topic that has a draw."""
    if not draws:
        return [question_id for question_id, _topic in questions]
    rng = random.Random(f"draw:{seed}")
    kept: set[int] = set()
    for topic, ids in topics(questions).items():
        count = draws.get(topic)
        kept.update(ids if count is None or count >= len(ids) else rng.sample(ids, count))
    return [question_id for question_id, _topic in questions if question_id in kept]


def draw_problems(available: Mapping[str, int], draws: Mapping[str, int]) -> dict[str, tuple[str, int]]:
    """Topic → (problem, topic size) for a draw that cannot be made: below one, or more than the topic holds."""
    problems: dict[str, tuple[str, int]] = {}
    for topic, count in draws.items():
        size = available.get(topic, 0)
        if count < 1:
            problems[topic] = ("too_few", size)
        elif count > size:
            problems[topic] = ("too_many", size)
    return problems


def kept_draws(available: Mapping[str, int], draws: Mapping[str, int] | None) -> dict[str, int]:
    """The draws still possible after the questions changed (a vanished or too small topic asks all)."""
    return {t: k for t, k in (draws or {}).items() if 1 <= k < available.get(t, 0)}
