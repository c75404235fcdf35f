"""The checklist as a pure function of plain documents."""

from __future__ import annotations

import copy

import pytest

from diklat.sops.checks import all_passed, long_sentences, longest_path, run_checks
from diklat.sops.document import SopDocument
from tests.sops.helpers import good_document


def failing(doc: SopDocument, pages: int | None = 2) -> dict[str, list]:
    return {r.key: r.problems for r in run_checks(doc, pages) if not r.passed}


def test_good_document_passes_everything():
    assert failing(good_document()) == {}
    assert all_passed(run_checks(good_document(), 2))


@pytest.mark.parametrize(
    ("change", "key", "where"),
    [
        (lambda d: d.identity.update(title=""), "required-title", "field-title"),
        (lambda d: d.explanation.update(purpose=""), "required-purpose", "field-purpose"),
        (lambda d: d.explanation.update(scope=""), "required-scope", "field-scope"),
        (lambda d: d.standard.update(complaint_channel=""), "required-complaint_channel", "field-complaint_channel"),
        (lambda d: d.standard.update(service_time_value=None), "required-service_time", "field-service_time"),
        (lambda d: d.identity.update(approver_name=""), "required-person", "field-approver_name"),
        (lambda d: [setattr(s, "requirements", "") for s in d.steps], "required-documents", "steps"),
    ],
)
def test_each_required_element_says_what_and_where(change, key, where):
    doc = good_document()
    change(doc)
    problems = failing(doc)[key]
    assert problems and problems[0].where == where


def test_flow_needs_exactly_one_start_and_a_reachable_end():
    doc = good_document()
    doc.steps[1].kind = "start"
    assert failing(doc)["flow-start"][0].params == {"n": 2}
    doc = good_document()
    doc.steps[-1].kind = "process"
    assert "flow-end" in failing(doc)


def test_dead_end_and_unreachable_step_are_located():
    doc = good_document()
    doc.steps[4].next = "e"  # verification loops on itself: no end can be reached from it
    problems = failing(doc)
    assert "flow-dead-end" in problems
    assert problems["flow-unreachable"][0].where == "step-f"  # signing is never reached now


def test_decision_without_no_branch_or_with_equal_branches():
    doc = good_document()
    doc.steps[2].alt = ""
    assert failing(doc)["flow-decisions"][0].params == {"n": 3}
    doc.steps[2].alt = "e"
    assert "same step" in failing(doc)["flow-decisions"][0].message


def test_target_that_no_longer_exists_is_reported():
    doc = good_document()
    doc.steps[3].next = "gone"
    assert any("no longer exists" in p.message for p in failing(doc)["flow-decisions"])


def test_longest_path_ignores_the_rework_loop_and_sums_time():
    path = longest_path(good_document())
    # a(5) b(10) c(2) d(5)->a is a loop back; longest forward path a b c e f g = 5+10+2+60+30+10
    assert path.minutes == 117
    assert [good_document().steps[i].uid for i in path.indexes] == ["a", "b", "c", "e", "f", "g"]


def test_longest_path_takes_the_slower_branch():
    doc = good_document()
    doc.steps[3].next = "g"  # returning documents now ends the service
    doc.steps[3].time_value = 600
    path = longest_path(doc)
    assert path.minutes == 5 + 10 + 2 + 600 + 10


def test_total_time_compared_with_promise():
    doc = good_document()
    doc.standard.update(service_time_value=1, service_time_unit="hours")
    problem = failing(doc)["time-total"][0]
    assert problem.params == {"total": "117", "promised": "60"}
    assert problem.where == "field-service_time"


def test_step_without_time_is_flagged_in_time_check():
    doc = good_document()
    doc.steps[4].time_value = None
    assert failing(doc)["time-total"][0].where == "step-e"


@pytest.mark.parametrize(
    ("pages", "passed", "measured"), [(1, True, True), (2, True, True), (3, False, True), (None, False, False)]
)
def test_length_counts_pdf_pages(pages, passed, measured):
    result = next(r for r in run_checks(good_document(), pages) if r.key == "length-pages")
    assert (result.passed, result.measured) == (passed, measured)


def test_long_sentences_are_found_with_their_start():
    text = "Pendek. " + " ".join(["kata"] * 30) + ". Juga pendek."
    assert long_sentences(text) == [(30, "kata kata kata kata kata kata …")]
    doc = good_document()
    doc.steps[1].activity = " ".join(["memeriksa"] * 26)
    problem = failing(doc)["language-sentences"][0]
    assert problem.params["n"] == 2 and problem.where == "step-b"


def test_steps_without_actor_or_output():
    doc = good_document()
    doc.steps[1].actor = ""
    doc.steps[4].output = ""
    doc.steps[5].actor = "Orang yang tidak ada di daftar"
    wheres = [p.where for p in failing(doc)["language-actors"]]
    assert wheres == ["step-b", "step-e", "step-f"]


def test_decisions_and_ends_need_no_output():
    doc = copy.deepcopy(good_document())
    doc.steps[2].output = ""
    doc.steps[-1].output = ""
    assert "language-actors" not in failing(doc)


def test_empty_document_fails_without_crashing():
    problems = failing(SopDocument(), None)
    assert {"required-title", "required-steps", "flow-start", "flow-end"} <= set(problems)


def test_round_trip_through_dict():
    doc = SopDocument.from_dict(good_document().to_dict())
    assert SopDocument.from_dict(doc.to_dict()).to_dict() == doc.to_dict()
    assert doc.title == "Pelayanan IUMK" and doc.steps[2].alt == "d" and doc.promised_minutes == 450
    odd = SopDocument.from_dict({"steps": [{"kind": "bogus", "time_value": "x", "time_unit": "years"}]}).steps[0]
    assert (odd.kind, odd.time_value, odd.time_unit) == ("process", None, "minutes")
