"""GIFT, Aiken and Moodle XML importers against Moodle's own fixture files, and the exporters' round trips."""

from __future__ import annotations

import dataclasses

import pytest

from diklat.assessments.aiken import parse_aiken
from diklat.assessments.gift import export_gift, parse_gift
from diklat.assessments.moodlexml import export_moodle_xml, parse_moodle_xml
from tests.assessments.conftest import FIXTURES


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def by_name(result, name):
    return [q for q in result.questions if q.name == name]


def test_gift_examples_every_question_read():
    result = parse_gift(read("gift-examples.txt"))
    assert result.problems == []
    assert result.counts() == {
        "multichoice": 16,
        "truefalse": 5,
        "shortanswer": 9,
        "numerical": 8,
        "matching": 3,
        "multiresponse": 2,
    }


def test_gift_examples_details():
    result = parse_gift(read("gift-examples.txt"))
    first = result.questions[0]
    assert (first.line, first.qtype, first.text) == (8, "multichoice", "Who's buried in Grant's tomb?")
    assert [c["fraction"] for c in first.data["choices"]] == [0, 0, 1]
    missing_word = result.questions[1]
    assert missing_word.text == "Grant is _____ in Grant's tomb."
    multiline = by_name(result, "Kanji Origins")[0]
    assert multiline.text == "Japanese characters originally<br>came from what country?"
    assert multiline.data == {"answers": [{"text": "China", "fraction": 1.0, "feedback": ""}]}
    markdown = next(q for q in result.questions if "<strong>" in q.text)
    assert markdown.text == "<p>Who's buried in <strong>Grant's tomb</strong>?</p>"
    hometown = by_name(result, "Jesus' hometown")[0]
    assert [c["fraction"] for c in hometown.data["choices"]] == [0, 0.25, 0.5, 1]
    assert hometown.data["choices"][1]["feedback"] == "He was born here, but not raised here."
    negative = [q for q in result.questions if q.qtype == "multiresponse"][1]
    assert [c["fraction"] for c in negative.data["choices"]] == [-0.5, 0.5, 0.5, -0.5]
    control = by_name(result, "GIFT Control Characters")[0]
    assert [c["text"] for c in control.data["choices"]] == ["~", "=", "#", "{", "}", "\\"]
    equals = next(q for q in result.questions if q.text == "Which answer equals 5?")
    assert [c["text"] for c in equals.data["choices"]] == ["= 2 + 2", "= 2 + 3", "= 2 + 4"]


@pytest.mark.parametrize(
    ("text", "answers"),
    [
        ("When was Ulysses S. Grant born?{#1822:1}", [(1822.0, 1.0, 1.0)]),
        ("What is the value of pi (to 3 decimal places)? {#3.141..3.142}.", [(3.1415, 0.0005, 1.0)]),
        ("When was Ulysses S. Grant born? {#\n=1822:0\n=%50%1822:2}", [(1822.0, 0.0, 1.0), (1822.0, 2.0, 0.5)]),
        ("::Q5:: What is a number from 1 to 5? {#3:2~#Completely wrong}", [(3.0, 2.0, 1.0), (None, 0.0, 0.0)]),
    ],
)
def test_gift_numerical_forms(text, answers):
    (question,) = parse_gift(text).questions
    assert [(a["value"], a["tolerance"], a["fraction"]) for a in question.data["answers"]] == answers


def test_gift_questions_fixture():
    result = parse_gift(read("gift-questions.txt"))
    assert [(p.line, p.message) for p in result.problems] == [
        (2, "Essay questions cannot be scored automatically, so they are not imported.")
    ]
    assert result.counts() == {
        "matching": 1,
        "multichoice": 1,
        "multiresponse": 1,
        "numerical": 1,
        "shortanswer": 1,
        "truefalse": 3,
    }
    match = by_name(result, "Moodle activities")[0]
    assert match.text == "Match the <b>activity</b> to the description."
    assert match.data["pairs"][-1] == {"question": "", "answer": "Chat"}
    assert match.data["pairs"][3]["question"] == "<p>A collection of web pages that anyone can add to or edit.</p>"
    colours = by_name(result, "colours")[0]
    assert [c["fraction"] for c in colours.data["choices"]] == [0.5, -1.0, 0.5, -1.0]
    assert colours.data["choices"][3]["text"] == "blue"
    short = by_name(result, "Shortanswer")[0]
    assert [(a["text"], a["fraction"]) for a in short.data["answers"]] == [("Frog", 1.0), ("Cat", 0.5), ("*", 0.0)]
    tf = by_name(result, "Q1")[0]
    assert tf.data == {
        "correct": False,
        "feedback_true": "42 is the Ultimate Answer.",
        "feedback_false": "You gave the right answer.",
    }
    assert tf.general_feedback == "This is, of course, a Hitchiker's Guide to the Galaxy reference."


def test_gift_sanitizes_html_and_keeps_special_characters():
    (q,) = parse_gift("[html]Is 2 < 3 & <script>alert(1)</script><b>bold</b>?{T}").questions
    assert q.text == "Is 2 &lt; 3 &amp; <b>bold</b>?"
    (q,) = parse_gift("[plain]Use <b> tags & more{T}").questions
    assert q.text == "Use &lt;b&gt; tags &amp; more"


def test_gift_category_module_and_points_comments():
    source = "$CATEGORY: $course$/top/Pengaduan\n\n// [module:6] [points:2]\n::A::Teks {T}\n"
    (q,) = parse_gift(source).questions
    assert (q.category, q.module_number, q.points, q.line) == ("Pengaduan", 6, 2.0, 4)


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("Only text without answers", "No answer block"),
        ("Broken {=a ~b", "braces"),
        ("One choice {~only}", "at least two choices"),
        ("Match {=a -> b}", "at least two pairs"),
        ("Number {#abc}", "not a number"),
        ("Choices without right {~a ~b}", "full credit"),
    ],
)
def test_gift_problems_are_reported_with_reason(source, reason):
    result = parse_gift("// comment\n\n" + source)
    assert result.questions == []
    assert result.problems[0].line == 3
    assert reason in result.problems[0].message % result.problems[0].params


def _key(q):
    d = dataclasses.asdict(q)
    d.pop("line")
    d["qtype"] = str(d["qtype"])
    return d


@pytest.mark.parametrize("name", ["gift-examples.txt", "gift-questions.txt", "aiken-questions.txt"])
def test_exporters_round_trip(name):
    parser = parse_aiken if name.startswith("aiken") else parse_gift
    questions = parser(read(name)).questions
    for q in questions:
        q.module_number, q.points, q.category = 3, 2.0, "Topik: uji"
    again_gift = parse_gift(export_gift(questions))
    again_xml = parse_moodle_xml(export_moodle_xml(questions))
    assert again_gift.problems == [] and again_xml.problems == []
    assert [_key(q) for q in again_gift.questions] == [_key(q) for q in questions]
    assert [_key(q) for q in again_xml.questions] == [_key(q) for q in questions]


def test_aiken_valid_file_keeps_special_characters_as_text():
    result = parse_aiken(read("aiken-questions.txt"))
    assert result.problems == []
    first, second = result.questions
    assert first.text == "The Moodle project was started by:"
    assert [c["fraction"] for c in first.data["choices"]] == [0, 1, 0, 0]
    assert (
        second.text
        == 'Moodle\'s abilities include handling user input that includes &lt;html class="cool"&gt; &amp; images:'
    )
    assert [c["text"] for c in second.data["choices"]] == ["True", "False"]


def test_aiken_errors_keep_good_questions_and_report_broken_ones():
    result = parse_aiken(read("aiken-errors.txt"))
    assert [q.text for q in result.questions] == ["A good question", "A second good question"]
    assert [c["fraction"] for c in result.questions[1].data["choices"]] == [0, 1]
    assert [c["text"] for c in result.questions[1].data["choices"]] == ["Incorrect (No space)", "Correct (No space)"]
    assert [p.line for p in result.problems] == [1, 5, 14]
    messages = [p.message for p in result.problems]
    assert "at least two" in messages[0]
    assert "before any question" in messages[1]
    assert "no ANSWER line" in messages[2]


def test_aiken_answer_letter_out_of_range():
    result = parse_aiken("Q?\nA) x\nB) y\nANSWER: D\n")
    assert result.questions == [] and result.problems[0].line == 4


MOODLE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Default/Elemen</text></category></question>
  <question type="essay"><name><text>Esai</text></name><questiontext format="html"><text>Tulis</text></questiontext></question>
  <question type="shortanswer">
    <name><text>Singkat</text></name>
    <questiontext format="plain_text"><text>2 &lt; 3 &amp; 4?</text></questiontext>
    <defaultgrade>2</defaultgrade>
    <answer fraction="100"><text>ya</text><feedback><text>Benar</text></feedback></answer>
  </question>
  <question type="numerical">
    <name><text>Angka</text></name>
    <questiontext format="html"><text><![CDATA[<p>Berapa?</p><script>x()</script>]]></text></questiontext>
    <answer fraction="100"><text>abc</text><tolerance>0</tolerance></answer>
  </question>
</quiz>
"""


def test_moodle_xml_types_lines_and_sanitizing():
    result = parse_moodle_xml(MOODLE_XML)
    assert [(p.line, p.params) for p in result.problems] == [(4, {"type": "essay"}), (11, {"value": "abc"})]
    (q,) = result.questions
    assert (q.qtype, q.text, q.points, q.category) == ("shortanswer", "2 &lt; 3 &amp; 4?", 2.0, "Default/Elemen")


def test_moodle_xml_refuses_doctype_and_reports_bad_xml():
    evil = '<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaa">]><quiz>&a;</quiz>'
    assert parse_moodle_xml(evil).questions == [] and parse_moodle_xml(evil).problems
    broken = parse_moodle_xml("<quiz>\n<question type='truefalse'>\n</quiz>")
    assert broken.problems[0].line == 3
