"""GIFT import and export, following Moodle's qformat_gift rules; no Flask, no database.

Questions are separated by blank lines; ``//`` lines are comments (``// [module:3] [points:2]`` is read as
metadata, which Moodle ignores); ``$CATEGORY:`` sets the category of the questions that follow.
"""

from __future__ import annotations

import re

from diklat.assessments.qtypes import ImportProblem, ImportResult, ParsedQuestion, QType, question_problems
from diklat.assessments.textfmt import FORMATS, short_name, to_html
from diklat.common.markers import N_

ESCAPES = {
    "\\:": "\ue03a",
    "\\#": "\ue023",
    "\\=": "\ue03d",
    "\\{": "\ue07b",
    "\\}": "\ue07d",
    "\\~": "\ue07e",
    "\\n": "\ue00a",
}
BACKSLASH = "\ue05c"
PLAIN = {v: k[1] if k != "\\n" else "\n" for k, v in ESCAPES.items()}
WEIGHT_RE = re.compile(r"^%(-*)([0-9]{1,2}\.?[0-9]*)%")
META_RE = re.compile(r"\[(module|points):\s*([0-9.]+)\]")
TF_VALUES = {"T": True, "TRUE": True, "F": False, "FALSE": False}
CATEGORY_PREFIX_RE = re.compile(r"^(\$[a-z0-9]+\$/)?(top/)?", re.IGNORECASE)


class GiftError(Exception):
    """A question that cannot be read; carries an untranslated message."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


def _escape_pre(text: str) -> str:
    text = text.replace("\\\\", BACKSLASH)
    for seq, placeholder in ESCAPES.items():
        text = text.replace(seq, placeholder)
    return text


def _escape_post(text: str) -> str:
    for placeholder, char in PLAIN.items():
        text = text.replace(placeholder, char)
    return text.replace(BACKSLASH, "\\")


def _with_format(text: str, default: str = "moodle") -> tuple[str, str]:
    """Split a leading ``[html]``-style format marker from ``text``; unescape; trim."""
    text = text.strip()
    fmt = default
    if text.startswith("[") and "]" in text:
        name = text[1 : text.index("]")]
        if name in FORMATS:
            fmt, text = name, text[text.index("]") + 1 :]
    return _escape_post(text).strip(), fmt


def _weight(answer: str) -> tuple[float | None, str]:
    """A leading ``%n%`` weight as a fraction (None when absent) and the rest of the answer."""
    match = WEIGHT_RE.match(answer)
    if not match:
        return None, answer
    sign, number = match.group(1), match.group(2)
    return (-1 if sign else 1) * float(number) / 100, answer[match.end() :]


def _comment(answer: str, fmt: str) -> tuple[str, str, str, str]:
    """Answer and feedback texts with their formats (``#`` separates them)."""
    head, _, tail = answer.partition("#")
    text, text_fmt = _with_format(head, fmt)
    feedback, fb_fmt = _with_format(tail, fmt)
    return text, text_fmt, feedback, fb_fmt


def _split(answertext: str, sep: str) -> list[str]:
    parts = answertext.split(sep)
    if parts and not parts[0].strip():
        parts = parts[1:]
    return [p.strip() for p in parts]


def _choices(answertext: str, fmt: str) -> tuple[str, dict]:
    single = "=" in answertext
    answers = _split(answertext.replace("=", "~="), "~")
    if len(answers) < 2:
        raise GiftError(N_("A choice question needs at least two choices."))
    choices = []
    for answer in answers:
        if answer.startswith("="):
            fraction, answer = 1.0, answer[1:]
        else:
            weight, answer = _weight(answer)
            fraction = weight if weight is not None else 0.0
        text, text_fmt, feedback, fb_fmt = _comment(answer, fmt)
        choices.append({"text": to_html(text, text_fmt), "fraction": fraction, "feedback": to_html(feedback, fb_fmt)})
    return (QType.MULTICHOICE if single else QType.MULTIRESPONSE), {"choices": choices}


def _matching(answertext: str, fmt: str) -> tuple[str, dict]:
    answers = _split(answertext, "=")
    if len(answers) < 2:
        raise GiftError(N_("A matching question needs at least two pairs."))
    pairs = []
    for answer in answers:
        if "->" not in answer:
            raise GiftError(N_("Each matching pair must be written as “question -> answer”."))
        left, _, right = answer.partition("->")
        text, text_fmt = _with_format(left, fmt)
        pairs.append({"question": to_html(text, text_fmt) if text else "", "answer": _escape_post(right).strip()})
    return QType.MATCHING, {"pairs": pairs}


def _truefalse(answertext: str, fmt: str) -> tuple[str, dict]:
    bits = ([*answertext.split("#", 2), "", ""])[:3]
    value, _ = _with_format(bits[0], fmt)
    wrong, wrong_fmt = _with_format(bits[1], fmt)
    right, right_fmt = _with_format(bits[2], fmt)
    correct = TF_VALUES[value]
    wrong_html, right_html = to_html(wrong, wrong_fmt), to_html(right, right_fmt)
    return QType.TRUEFALSE, {
        "correct": correct,
        "feedback_true": right_html if correct else wrong_html,
        "feedback_false": wrong_html if correct else right_html,
    }


def _shortanswer(answertext: str, fmt: str) -> tuple[str, dict]:
    answers = []
    for answer in _split(answertext, "="):
        weight, answer = _weight(answer)
        text, _, feedback, fb_fmt = _comment(answer, fmt)
        answers.append(
            {"text": text, "fraction": 1.0 if weight is None else weight, "feedback": to_html(feedback, fb_fmt)}
        )
    if not answers:
        raise GiftError(N_("At least one accepted answer is needed."))
    return QType.SHORTANSWER, {"answers": answers}


def _number(value: str) -> float:
    try:
        return float(value.strip())
    except ValueError as exc:
        raise GiftError(N_("“%(value)s” is not a number."), value=_escape_post(value.strip())) from exc


def _tidy(value: float) -> float:
    """Drop binary noise from a computed midpoint (3.141..3.142 → 3.1415 ± 0.0005)."""
    return float(f"{value:.12g}")


def _numeric_answer(answer: str) -> tuple[float, float]:
    if answer.find("..") > 0:
        low, _, high = answer.partition("..")
        low_v, high_v = _number(low), _number(high)
        return _tidy((low_v + high_v) / 2), _tidy((high_v - low_v) / 2)
    if answer.find(":") > 0:
        value, _, tolerance = answer.partition(":")
        return _number(value), abs(_number(tolerance))
    return _number(answer), 0.0


def _numerical(answertext: str, fmt: str) -> tuple[str, dict]:
    body, tilde, wrong = answertext[1:].partition("~")
    answers = []
    for answer in _split(body, "="):
        weight, answer = _weight(answer)
        text, _, feedback, fb_fmt = _comment(answer, fmt)
        value, tolerance = (None, 0.0) if text == "*" else _numeric_answer(text)
        answers.append(
            {
                "value": value,
                "tolerance": tolerance,
                "fraction": 1.0 if weight is None else weight,
                "feedback": to_html(feedback, fb_fmt),
            }
        )
    if not answers:
        raise GiftError(N_("A numerical question needs at least one number."))
    if tilde:
        _, _, feedback, fb_fmt = _comment(wrong, fmt)
        answers.append({"value": None, "tolerance": 0.0, "fraction": 0.0, "feedback": to_html(feedback, fb_fmt)})
    return QType.NUMERICAL, {"answers": answers}


def _kind(answertext: str) -> str:
    if answertext.startswith("#"):
        return "numerical"
    if "~" in answertext:
        return "choices"
    if "=" in answertext and "->" in answertext:
        return "matching"
    check = answertext.split("#", 1)[0].strip() if answertext.find("#") > 0 else answertext
    return "truefalse" if check in TF_VALUES else "shortanswer"


BUILDERS = {
    "numerical": _numerical,
    "choices": _choices,
    "matching": _matching,
    "truefalse": _truefalse,
    "shortanswer": _shortanswer,
}


def _question(text: str, line: int, category: str) -> ParsedQuestion:
    name = ""
    if text.startswith("::"):
        rest = text[2:]
        if "::" in rest:
            name, text = _escape_post(rest[: rest.index("::")]).strip(), rest[rest.index("::") + 2 :].strip()
        else:
            text = rest
    start, finish = text.find("{"), text.find("}")
    if start == -1 and finish == -1:
        raise GiftError(N_("No answer block {…}: text-only items cannot be used in a test."))
    if start == -1 or finish == -1 or finish < start:
        raise GiftError(N_("The braces { } of the answer block do not match."))
    answertext = text[start + 1 : finish].strip()
    blank = "" if text.endswith("}") else "_____"
    questiontext = text[:start] + blank + text[finish + 1 :]
    general = ""
    if "####" in answertext:
        answertext, general = (
            answertext[: answertext.rindex("####")].strip(),
            answertext[answertext.rindex("####") + 4 :],
        )
    qtext, fmt = _with_format(questiontext)
    gtext, gfmt = _with_format(general, fmt)
    if not answertext:
        raise GiftError(N_("Essay questions cannot be scored automatically, so they are not imported."))
    qtype, data = BUILDERS[_kind(answertext)](answertext, fmt)
    html = to_html(qtext, fmt)
    return ParsedQuestion(
        qtype=qtype,
        name=name or short_name(html),
        text=html,
        data=data,
        general_feedback=to_html(gtext, gfmt),
        category=category,
        line=line,
    )


def _blocks(source: str) -> list[tuple[int, list[str], list[str]]]:
    """(first line number, question lines, comment lines) for each blank-line separated block."""
    blocks: list[tuple[int, list[str], list[str]]] = []
    lines: list[str] = []
    comments: list[str] = []
    first = 0
    for number, raw in enumerate([*source.splitlines(), ""], start=1):
        line = raw.strip()
        if not line:
            if lines or comments:
                blocks.append((first, lines, comments))
            lines, comments, first = [], [], 0
        elif line.startswith("//"):
            comments.append(line)
        else:
            first = first or number
            lines.append(line)
    return [b for b in blocks if b[1]]


def _apply_meta(question: ParsedQuestion, comments: list[str]) -> None:
    for comment in comments:
        for key, value in META_RE.findall(comment):
            if key == "module" and value.isdigit():
                question.module_number = int(value)
            elif key == "points":
                question.points = float(value)


def parse_gift(source: str) -> ImportResult:
    """Read every question of a GIFT file; problems are reported with the line where the question starts."""
    result = ImportResult()
    category = ""
    for line, lines, comments in _blocks(source.lstrip("\ufeff")):
        text = _escape_pre("\n".join(lines)).strip()
        if text.startswith("$CATEGORY:"):
            category = CATEGORY_PREFIX_RE.sub("", _escape_post(text[10:]).strip()).strip("/")
            continue
        excerpt = _escape_post(text)[:80]
        try:
            question = _question(text, line, category)
        except GiftError as error:
            result.problems.append(ImportProblem(line, error.message, error.params, excerpt))
            continue
        _apply_meta(question, comments)
        problems = question_problems(question)
        if problems:
            result.problems.append(ImportProblem(line, problems[0], {}, excerpt))
        else:
            result.questions.append(question)
    return result


def _repchar(text: str) -> str:
    """Escape GIFT control characters and newlines (Moodle's ``repchar``)."""
    for char, escaped in (
        ("\\", "\\\\"),
        ("#", "\\#"),
        ("=", "\\="),
        ("~", "\\~"),
        ("{", "\\{"),
        ("}", "\\}"),
        (":", "\\:"),
        ("\n", "\\n"),
        ("\r", ""),
    ):
        text = text.replace(char, escaped)
    return text


def _num(value: float) -> str:
    return f"{value:.12g}"


def _feedback(value: str) -> str:
    return f"#{_repchar(value)}" if value else ""


def _gift_answers(q: ParsedQuestion) -> list[str]:
    data = q.data
    if q.qtype in (QType.MULTICHOICE, QType.MULTIRESPONSE):
        out = []
        for c in data["choices"]:
            if c["fraction"] == 1 and q.qtype == QType.MULTICHOICE:
                mark = "="
            else:
                mark = "~" if c["fraction"] == 0 else f"~%{_num(c['fraction'] * 100)}%"
            out.append(f"\t{mark}{_repchar(c['text'])}{_feedback(c['feedback'])}")
        return out
    if q.qtype == QType.TRUEFALSE:
        right = data["feedback_true" if data["correct"] else "feedback_false"]
        wrong = data["feedback_false" if data["correct"] else "feedback_true"]
        text = "TRUE" if data["correct"] else "FALSE"
        if wrong or right:
            text += f"#{_repchar(wrong)}" + (f"#{_repchar(right)}" if right else "")
        return [f"\t{text}"]
    if q.qtype == QType.SHORTANSWER:
        return [
            f"\t=%{_num(a['fraction'] * 100)}%{_repchar(a['text'])}{_feedback(a['feedback'])}" for a in data["answers"]
        ]
    if q.qtype == QType.NUMERICAL:
        out = []
        for a in data["answers"]:
            if a["value"] is None:
                out.append(f"\t~#{_repchar(a['feedback'])}")
            else:
                out.append(
                    f"\t=%{_num(a['fraction'] * 100)}%{_num(a['value'])}:{_num(a['tolerance'])}"
                    f"{_feedback(a['feedback'])}"
                )
        return out
    return [f"\t={_repchar(p['question'])} -> {_repchar(p['answer'])}" for p in data["pairs"]]


def question_to_gift(q: ParsedQuestion) -> str:
    """One question as a GIFT block (name, ``[html]`` text, answers, general feedback)."""
    head = f"::{_repchar(q.name)}::[html]{_repchar(q.text)}{{" + ("#" if q.qtype == QType.NUMERICAL else "")
    lines = [head, *_gift_answers(q)]
    if q.general_feedback:
        lines.append(f"\t####{_repchar(q.general_feedback)}")
    return "\n".join(lines) + "\n}"


def export_gift(questions: list[ParsedQuestion]) -> str:
    """Write questions as GIFT, with ``$CATEGORY:`` lines and ``// [points] [module]`` comments."""
    out: list[str] = []
    category = ""
    for q in questions:
        if q.category != category:
            category = q.category
            out.append(f"$CATEGORY: $course$/top/{category}\n")
        meta = f"[points:{_num(q.points)}]" + (f" [module:{q.module_number}]" if q.module_number else "")
        out.append(f"// {meta}\n{question_to_gift(q)}\n")
    return "\n".join(out)
