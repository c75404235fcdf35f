"""Moodle XML import and export for the supported question types; no Flask, no database."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from diklat.assessments.qtypes import ImportProblem, ImportResult, ParsedQuestion, QType, question_problems
from diklat.assessments.textfmt import html_to_text, short_name, to_html
from diklat.common.markers import N_

XML_FORMATS = {"html": "html", "moodle_auto_format": "moodle", "plain_text": "plain", "markdown": "markdown"}
CATEGORY_PREFIX_RE = re.compile(r"^(\$[a-z0-9]+\$/)?(top/)?", re.IGNORECASE)
MODULE_TAG_RE = re.compile(r"^module:(\d+)$")


@dataclass
class Node:
    """An XML element with the line it starts on."""

    tag: str
    attrs: dict
    line: int
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def find(self, tag: str) -> Node | None:
        """First child named ``tag``."""
        return next((c for c in self.children if c.tag == tag), None)

    def findall(self, tag: str) -> list[Node]:
        """Children named ``tag``."""
        return [c for c in self.children if c.tag == tag]

    def value(self, tag: str, default: str = "") -> str:
        """Text of child ``tag`` (or of its ``<text>`` child)."""
        child = self.find(tag)
        if child is None:
            return default
        inner = child.find("text")
        return (inner.text if inner is not None else child.text).strip()


class _Builder:
    def __init__(self, parser: expat.XMLParserType) -> None:
        self.parser = parser
        self.stack: list[Node] = []
        self.root: Node | None = None

    def start(self, tag: str, attrs: dict) -> None:
        node = Node(tag, attrs, self.parser.CurrentLineNumber)
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)

    def end(self, tag: str) -> None:
        self.stack.pop()

    def data(self, text: str) -> None:
        if self.stack:
            self.stack[-1].text += text


def _forbid_doctype(*args: object) -> None:
    raise ValueError("DOCTYPE")


def read_xml(source: str) -> Node:
    """Parse XML into nodes carrying line numbers; DOCTYPE (and so entity tricks) is refused."""
    parser = expat.ParserCreate()
    builder = _Builder(parser)
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = _forbid_doctype
    parser.Parse(source.lstrip("\ufeff"), True)
    assert builder.root is not None
    return builder.root


def _text(node: Node | None, default_format: str = "html") -> str:
    if node is None:
        return ""
    inner = node.find("text")
    raw = inner.text if inner is not None else ""
    return to_html(raw, XML_FORMATS.get(node.attrs.get("format", ""), default_format)) if raw.strip() else ""


def _fraction(node: Node) -> float:
    return float(node.attrs.get("fraction", "0")) / 100


def _choices(node: Node) -> tuple[str, dict]:
    single = node.value("single", "true").lower() in ("true", "1")
    choices = [
        {"text": _text(a), "fraction": _fraction(a), "feedback": _text(a.find("feedback"))}
        for a in node.findall("answer")
    ]
    return (QType.MULTICHOICE if single else QType.MULTIRESPONSE), {"choices": choices}


def _truefalse(node: Node) -> tuple[str, dict]:
    data: dict = {"correct": None, "feedback_true": "", "feedback_false": ""}
    for answer in node.findall("answer"):
        word = answer.value("text").lower()
        if word not in ("true", "false"):
            continue
        data[f"feedback_{word}"] = _text(answer.find("feedback"))
        if _fraction(answer) >= 1:
            data["correct"] = word == "true"
    return QType.TRUEFALSE, data


def _shortanswer(node: Node) -> tuple[str, dict]:
    answers = [
        {"text": html_to_text(a.value("text")), "fraction": _fraction(a), "feedback": _text(a.find("feedback"))}
        for a in node.findall("answer")
    ]
    return QType.SHORTANSWER, {"answers": answers}


def _numerical(node: Node) -> tuple[str, dict]:
    answers = []
    for a in node.findall("answer"):
        raw = a.value("text")
        try:
            value = None if raw in ("*", "") else float(raw)
            tolerance = abs(float(a.value("tolerance") or 0))
        except ValueError as exc:
            raise ValueError(raw) from exc
        answers.append(
            {"value": value, "tolerance": tolerance, "fraction": _fraction(a), "feedback": _text(a.find("feedback"))}
        )
    return QType.NUMERICAL, {"answers": answers}


def _matching(node: Node) -> tuple[str, dict]:
    pairs = [
        {"question": _text(s), "answer": html_to_text(a.value("text") if (a := s.find("answer")) else "")}
        for s in node.findall("subquestion")
    ]
    return QType.MATCHING, {"pairs": pairs}


READERS = {
    "multichoice": _choices,
    "truefalse": _truefalse,
    "shortanswer": _shortanswer,
    "numerical": _numerical,
    "matching": _matching,
}


def _question(node: Node, category: str) -> ParsedQuestion:
    qtype, data = READERS[node.attrs["type"]](node)
    text = _text(node.find("questiontext"))
    tags_node = node.find("tags")
    tags = [t.value("text") for t in (tags_node.findall("tag") if tags_node else [])]
    module = next((int(m.group(1)) for t in tags if (m := MODULE_TAG_RE.match(t))), None)
    return ParsedQuestion(
        qtype=qtype,
        name=node.value("name") or short_name(text),
        text=text,
        data=data,
        general_feedback=_text(node.find("generalfeedback")),
        points=float(node.value("defaultgrade") or 1),
        category=category,
        module_number=module,
        line=node.line,
        id_number=node.value("idnumber"),
    )


def parse_moodle_xml(source: str) -> ImportResult:
    """Read every question of a Moodle XML file; unsupported or broken ones are reported by line."""
    result = ImportResult()
    try:
        root = read_xml(source)
    except (expat.ExpatError, ValueError) as error:
        line = getattr(error, "lineno", 1)
        result.problems.append(ImportProblem(line, N_("The file is not valid XML: %(reason)s"), {"reason": str(error)}))
        return result
    category = ""
    for node in root.findall("question"):
        kind = node.attrs.get("type", "")
        if kind == "category":
            category = CATEGORY_PREFIX_RE.sub("", node.value("category")).strip("/")
            continue
        if kind not in READERS:
            result.problems.append(
                ImportProblem(
                    node.line, N_("Question type “%(type)s” is not supported."), {"type": kind}, node.value("name")
                )
            )
            continue
        try:
            question = _question(node, category)
        except ValueError as error:
            result.problems.append(
                ImportProblem(node.line, N_("“%(value)s” is not a number."), {"value": str(error)}, node.value("name"))
            )
            continue
        problems = question_problems(question)
        if problems:
            result.problems.append(ImportProblem(node.line, problems[0], {}, question.name))
        else:
            result.questions.append(question)
    return result


def _cdata(value: str) -> str:
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _html(tag: str, value: str, indent: str = "    ") -> str:
    return f'{indent}<{tag} format="html"><text>{_cdata(value)}</text></{tag}>\n'


def _pct(fraction: float) -> str:
    return f"{fraction * 100:.7g}"


def _answers(q: ParsedQuestion) -> str:
    out = []
    if q.qtype in (QType.MULTICHOICE, QType.MULTIRESPONSE):
        single = "true" if q.qtype == QType.MULTICHOICE else "false"
        out.append(f"    <single>{single}</single>\n    <shuffleanswers>true</shuffleanswers>\n")
        for c in q.data["choices"]:
            out.append(
                f'    <answer fraction="{_pct(c["fraction"])}" format="html"><text>{_cdata(c["text"])}</text>\n'
                f"  {_html('feedback', c['feedback'])}    </answer>\n"
            )
    elif q.qtype == QType.TRUEFALSE:
        for word in ("true", "false"):
            right = q.data["correct"] == (word == "true")
            out.append(
                f'    <answer fraction="{100 if right else 0}" format="moodle_auto_format"><text>{word}</text>\n'
                f"  {_html('feedback', q.data['feedback_' + word])}    </answer>\n"
            )
    elif q.qtype == QType.SHORTANSWER:
        out.append("    <usecase>0</usecase>\n")
        for a in q.data["answers"]:
            out.append(
                f'    <answer fraction="{_pct(a["fraction"])}" format="moodle_auto_format">'
                f"<text>{escape(a['text'])}</text>\n  {_html('feedback', a['feedback'])}    </answer>\n"
            )
    elif q.qtype == QType.NUMERICAL:
        for a in q.data["answers"]:
            value = "*" if a["value"] is None else repr(a["value"])
            out.append(
                f'    <answer fraction="{_pct(a["fraction"])}" format="moodle_auto_format"><text>{value}</text>\n'
                f"  {_html('feedback', a['feedback'])}      <tolerance>{a['tolerance']!r}</tolerance>\n    </answer>\n"
            )
    else:
        out.append("    <shuffleanswers>true</shuffleanswers>\n")
        for p in q.data["pairs"]:
            out.append(
                f'    <subquestion format="html"><text>{_cdata(p["question"])}</text>'
                f"<answer><text>{escape(p['answer'])}</text></answer></subquestion>\n"
            )
    return "".join(out)


def export_moodle_xml(questions: list[ParsedQuestion]) -> str:
    """Write questions as a Moodle XML ``<quiz>``, with a category entry whenever the category changes."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n']
    category = ""
    for q in questions:
        if q.category != category:
            category = q.category
            out.append(
                f'  <question type="category"><category><text>{escape("$course$/top/" + category)}'
                "</text></category></question>\n"
            )
        out.append(
            f"  <question type={quoteattr(q.qtype if q.qtype != QType.MULTIRESPONSE else 'multichoice')}>\n"
            f"    <name><text>{escape(q.name)}</text></name>\n"
        )
        out.append(_html("questiontext", q.text) + _html("generalfeedback", q.general_feedback))
        out.append(f"    <defaultgrade>{q.points:.7f}</defaultgrade>\n")
        if q.module_number:
            out.append(f"    <tags><tag><text>module:{q.module_number}</text></tag></tags>\n")
        out.append(_answers(q) + "  </question>\n")
    out.append("</quiz>\n")
    return "".join(out)
