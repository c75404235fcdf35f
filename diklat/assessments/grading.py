"""Scoring one response to one question: a fraction of its points in [0, 1]; no Flask, no database.

Responses (in the question's own index space, never the shuffled one):
multichoice ``{"choice": i}``, multiresponse ``{"choices": [i, …]}``, truefalse ``{"value": bool}``,
shortanswer/numerical ``{"text": str}``, matching ``{"pairs": {"<pair index>": <option index>}}``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from diklat.assessments.qtypes import QType, matching_options

_SPACE_RE = re.compile(r"\s+")


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


def normalize_text(value: str) -> str:
    """Case- and space-insensitive form of a short answer."""
    return _SPACE_RE.sub("", value).casefold()


def short_answer_pattern(accepted: str) -> re.Pattern[str]:
    """A regular expression for an accepted answer: ``*`` matches anything, ``\\*`` is a literal star."""
    parts = normalize_text(accepted).replace("\\*", "\x00").split("*")
    return re.compile(".*".join(re.escape(p).replace("\x00", "\\*") for p in parts), re.DOTALL)


_GROUPED_RE = re.compile(r"[1-9]\d{0,2}(\.\d{3}){2,}")  # 1.000.000: Indonesian thousands, never a decimal


def parse_number(text: str) -> float | None:
    """A number typed by a person; None when it is not one.

    ``3.14`` and ``3,14`` (Indonesian decimal comma); ``1.234,5`` and ``1,234.5`` (the last sign is the decimal
    one); ``1.000.000`` (thousands); ``1e3``; a trailing ``%`` (the question asks for a percentage) is dropped.
    A lone ``1.000`` stays one: the page asks for numbers without thousands separators.
    """
    value = text.strip().replace(" ", "").replace("\u00a0", "").removesuffix("%")
    if "," in value and "." in value:
        decimal_sign = "," if value.rfind(",") > value.rfind(".") else "."
        value = value.replace("." if decimal_sign == "," else ",", "").replace(",", ".")
    elif "," in value:
        value = value.replace(",", ".") if value.count(",") == 1 else ""
    elif _GROUPED_RE.fullmatch(value):
        value = value.replace(".", "")
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def matching_answer(data: dict, response: dict) -> dict[int, int]:
    """The chosen option index per pair index (ignoring junk)."""
    chosen = response.get("pairs") or {}
    out = {}
    for key, value in chosen.items():
        try:
            out[int(key)] = int(value)
        except (TypeError, ValueError):
            continue
    return out


def _multichoice(data: dict, response: dict) -> float:
    choices = data["choices"]
    index = response.get("choice")
    if not isinstance(index, int) or not 0 <= index < len(choices):
        return 0.0
    return _clamp(choices[index]["fraction"])


def _multiresponse(data: dict, response: dict) -> float:
    choices = data["choices"]
    picked = {i for i in response.get("choices") or [] if isinstance(i, int) and 0 <= i < len(choices)}
    return _clamp(sum(choices[i]["fraction"] for i in picked))


def _truefalse(data: dict, response: dict) -> float:
    value = response.get("value")
    return 1.0 if isinstance(value, bool) and value == data["correct"] else 0.0


def matched_short_answer(data: dict, response: dict) -> dict | None:
    """The first accepted answer the typed text matches (Moodle's order rule)."""
    text = normalize_text(str(response.get("text") or ""))
    if not text:
        return None
    for answer in data["answers"]:
        if short_answer_pattern(answer["text"]).fullmatch(text):
            return answer
    return None


def matched_numerical(data: dict, response: dict) -> dict | None:
    """The first numeric answer whose range holds the typed number (``value`` None matches any number)."""
    number = parse_number(str(response.get("text") or ""))
    if number is None:
        return None
    for answer in data["answers"]:
        if answer["value"] is None:
            return answer
        tolerance = abs(answer["tolerance"] or 0.0)
        if abs(number - answer["value"]) <= tolerance + 1e-12 * max(1.0, abs(answer["value"])):
            return answer
    return None


def _shortanswer(data: dict, response: dict) -> float:
    answer = matched_short_answer(data, response)
    return _clamp(answer["fraction"]) if answer else 0.0


def _numerical(data: dict, response: dict) -> float:
    answer = matched_numerical(data, response)
    return _clamp(answer["fraction"]) if answer else 0.0


def _matching(data: dict, response: dict) -> float:
    pairs = data["pairs"]
    options = matching_options(data)
    real = [i for i, p in enumerate(pairs) if p["question"].strip()]
    if not real:
        return 0.0
    chosen = matching_answer(data, response)
    right = sum(1 for i in real if 0 <= chosen.get(i, -1) < len(options) and options[chosen[i]] == pairs[i]["answer"])
    return right / len(real)


GRADERS: dict[str, Callable[[dict, dict], float]] = {
    QType.MULTICHOICE: _multichoice,
    QType.MULTIRESPONSE: _multiresponse,
    QType.TRUEFALSE: _truefalse,
    QType.SHORTANSWER: _shortanswer,
    QType.NUMERICAL: _numerical,
    QType.MATCHING: _matching,
}


def grade(qtype: str, data: dict, response: dict | None) -> float:
    """Fraction of the question's points earned by ``response`` (0 when unanswered)."""
    if not response:
        return 0.0
    return GRADERS[qtype](data, response)


def is_answered(qtype: str, response: dict | None) -> bool:
    """Whether the person gave any answer at all."""
    if not response:
        return False
    if qtype == QType.MULTICHOICE:
        return response.get("choice") is not None
    if qtype == QType.MULTIRESPONSE:
        return bool(response.get("choices"))
    if qtype == QType.TRUEFALSE:
        return isinstance(response.get("value"), bool)
    if qtype == QType.MATCHING:
        return bool(response.get("pairs"))
    return bool(str(response.get("text") or "").strip())
