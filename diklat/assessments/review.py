"""What a finished attempt shows: the answer given, the right answer and the feedback, as safe HTML; no Flask."""

from __future__ import annotations

from html import escape

from diklat.assessments.grading import matched_numerical, matched_short_answer, matching_answer
from diklat.assessments.qtypes import QType, matching_options


def _pct(fraction: float) -> str:
    return f"{fraction * 100:g}%"


def given(qtype: str, data: dict, response: dict | None) -> list[str]:
    """The answer as given, one item per chosen option or pair."""
    response = response or {}
    if qtype == QType.MULTICHOICE:
        index = response.get("choice")
        return [data["choices"][index]["text"]] if isinstance(index, int) else []
    if qtype == QType.MULTIRESPONSE:
        return [data["choices"][i]["text"] for i in response.get("choices") or []]
    if qtype == QType.TRUEFALSE:
        value = response.get("value")
        return [] if value is None else ["true" if value else "false"]
    if qtype == QType.MATCHING:
        options = matching_options(data)
        chosen = matching_answer(data, response)
        return [
            f"{data['pairs'][i]['question']} → {escape(options[o])}"
            for i, o in sorted(chosen.items())
            if i < len(data["pairs"]) and 0 <= o < len(options)
        ]
    text = str(response.get("text") or "")
    return [escape(text)] if text else []


def right_answers(qtype: str, data: dict) -> list[str]:
    """The full-credit answer(s)."""
    if qtype in (QType.MULTICHOICE, QType.MULTIRESPONSE):
        return [
            c["text"] + (f" ({_pct(c['fraction'])})" if qtype == QType.MULTIRESPONSE else "")
            for c in data["choices"]
            if c["fraction"] > 0 and (qtype == QType.MULTIRESPONSE or c["fraction"] >= 1)
        ]
    if qtype == QType.TRUEFALSE:
        return ["true" if data["correct"] else "false"]
    if qtype == QType.SHORTANSWER:
        return [escape(a["text"]) for a in data["answers"] if a["fraction"] >= 1]
    if qtype == QType.NUMERICAL:
        return [
            f"{a['value']:g} ± {a['tolerance']:g}"
            for a in data["answers"]
            if a["value"] is not None and a["fraction"] >= 1
        ]
    return [f"{p['question']} → {escape(p['answer'])}" for p in data["pairs"] if p["question"].strip()]


def feedback(qtype: str, data: dict, response: dict | None) -> list[str]:
    """Feedback attached to the answer given (per choice, per accepted answer, or true/false)."""
    response = response or {}
    if qtype in (QType.MULTICHOICE, QType.MULTIRESPONSE):
        picked = [response["choice"]] if isinstance(response.get("choice"), int) else response.get("choices") or []
        return [data["choices"][i]["feedback"] for i in picked if data["choices"][i]["feedback"]]
    if qtype == QType.TRUEFALSE:
        value = response.get("value")
        text = data.get("feedback_true" if value else "feedback_false", "") if value is not None else ""
        return [text] if text else []
    if qtype in (QType.SHORTANSWER, QType.NUMERICAL):
        match = (matched_short_answer if qtype == QType.SHORTANSWER else matched_numerical)(data, response)
        return [match["feedback"]] if match and match["feedback"] else []
    return []
