"""Parallel forms: k random questions per topic for each participant, with honest scores and item analysis."""

from __future__ import annotations

import numpy as np
import pytest

from diklat.assessments import stats
from diklat.assessments.attempt_services import finalize, layout_for, save_responses, start_attempt
from diklat.assessments.draws import draw, draw_problems, kept_draws, topics
from diklat.assessments.exam_services import set_questions, topic_sizes
from diklat.assessments.models import Attempt, AttemptAnswer
from diklat.assessments.results import item_report
from diklat.common.time import utcnow
from diklat.extensions import db

POOL = [(1, "A"), (2, "A"), (3, "A"), (4, "B"), (5, "B"), (6, "")]


def test_a_draw_takes_k_of_each_topic_in_test_order_and_the_rest_whole():
    picked = draw(7, POOL, {"A": 2, "B": 1})
    assert len(picked) == 4 and picked == sorted(picked)
    assert sum(1 for q in picked if q <= 3) == 2 and sum(1 for q in picked if q in (4, 5)) == 1 and 6 in picked
    assert draw(7, POOL, {"A": 2, "B": 1}) == picked  # the same attempt always gets the same questions
    assert len({tuple(draw(seed, POOL, {"A": 1})) for seed in range(40)}) == 3  # participants differ
    assert draw(7, POOL, None) == [1, 2, 3, 4, 5, 6]


def test_impossible_draws_are_named_with_the_topic_size():
    sizes = {t: len(ids) for t, ids in topics(POOL).items()}
    assert sizes == {"A": 3, "B": 2, "": 1}
    assert draw_problems(sizes, {"A": 4, "B": 0, "": 1}) == {"A": ("too_many", 3), "B": ("too_few", 2)}
    assert kept_draws({"A": 2}, {"A": 2, "B": 1}) == {}  # all of A is no draw; B has gone


def test_item_statistics_skip_the_attempts_a_question_was_not_asked():
    rng = np.random.default_rng(3)
    full = rng.integers(0, 2, size=(30, 4)).astype(float)
    holes = full.copy()
    holes[::3, 1] = np.nan  # a third of the attempts never saw item 2
    items, summary = stats.item_analysis(holes, [1, 1, 1, 1])
    subset = full[~np.isnan(holes[:, 1])]
    rest = full[~np.isnan(holes[:, 1])].sum(axis=1) - subset[:, 1]
    assert items[1].facility == pytest.approx(subset[:, 1].mean())
    assert items[1].di == pytest.approx(100 * np.corrcoef(subset[:, 1], rest)[0, 1])
    assert summary.alpha is None and summary.max_total == pytest.approx(4 - 10 / 30)
    complete, _ = stats.item_analysis(full, [1, 1, 1, 1])
    assert complete[0].facility == pytest.approx(items[0].facility)


def _draw_page(client, world, data):
    cohort = world["a"]["cohort"].id
    client.get(f"/cohorts/{cohort}/tests/pre/questions")
    return client.post(f"/cohorts/{cohort}/tests/pre/draws", {"version": str(world["test"].version), **data})


def test_the_facilitator_sets_a_draw_and_a_bad_number_comes_back_next_to_its_topic(client, world):
    sizes = topic_sizes(world["test"])
    index = {topic: i for i, topic in enumerate(sizes)}
    assert sizes == {"Elemen SOP": 2, "Pemetaan proses": 4}
    client.login(world["a"]["facilitator"].email)
    bad = _draw_page(client, world, {f"draw-{index['Pemetaan proses']}": "9", f"draw-{index['Elemen SOP']}": "1"})
    page = bad.get_data(as_text=True)
    assert bad.status_code == 422
    assert "hanya berisi 4 soal: ambil paling banyak 4." in page and 'aria-invalid="true"' in page
    assert 'value="9"' in page and 'value="1"' in page  # both typed numbers are kept
    db.session.refresh(world["test"])
    assert world["test"].draws is None
    good = _draw_page(client, world, {f"draw-{index['Pemetaan proses']}": "2", f"draw-{index['Elemen SOP']}": ""})
    assert good.status_code == 302
    db.session.refresh(world["test"])
    assert world["test"].draws == {"Pemetaan proses": 2} and world["test"].questions_per_attempt == 4


def test_each_attempt_answers_its_own_draw_and_is_scored_on_it(world):
    test = world["test"]
    test.draws = {"Pemetaan proses": 2}
    db.session.commit()
    attempts = []
    for person in world["a"]["participants"]:
        attempt = start_attempt(test, person.id, utcnow())
        db.session.commit()
        asked = [s.question_id for s in layout_for(attempt)]
        rows = db.session.scalars(
            db.select(AttemptAnswer.test_question_id).where(AttemptAnswer.attempt_id == attempt.id)
        )
        assert sorted(asked) == sorted(rows) and len(asked) == 4
        by_id = {q.id: q for q in test.questions}
        assert attempt.max_score == sum(by_id[q].points for q in asked)
        save_responses(attempt, {}, utcnow())
        finalize(attempt, "submitted", utcnow())
        db.session.commit()
        attempts.append(attempt)
    assert len({tuple(sorted(s.question_id for s in layout_for(a))) for a in attempts}) > 1
    report, summary = item_report(test)
    asked_counts = {q.id: 0 for q in test.questions}
    for attempt in db.session.scalars(db.select(Attempt).where(Attempt.test_id == test.id)):
        for slot in layout_for(attempt):
            asked_counts[slot.question_id] += 1
    never = [q for q, item in report if asked_counts[q.id] == 0]
    assert all(item.facility is None for q, item in report if q in never)
    assert summary.alpha is None


def test_changing_the_questions_drops_a_draw_the_new_topics_cannot_hold(world):
    test = world["test"]
    test.draws = {"Pemetaan proses": 3}
    db.session.commit()
    set_questions(test, world["questions"][:3])  # Pemetaan proses now holds one question
    db.session.commit()
    assert test.draws is None


def test_an_answer_to_a_question_outside_the_draw_is_refused(client, world):
    from tests.assessments.test_taking import save_json, start

    world["test"].draws = {"Pemetaan proses": 1}
    db.session.commit()
    attempt, _url = start(client, world)
    asked = {s.question_id for s in layout_for(attempt)}
    outside = next(q for q in world["test"].questions if q.id not in asked)
    inside = next(q for q in world["test"].questions if q.id in asked and q.qtype.value == "multichoice")
    refused = save_json(client, world, attempt, outside.id, [[f"q{outside.id}", "x"]])
    assert refused.status_code == 400 and refused.get_json()["error"] == "bad_request"
    saved = save_json(client, world, attempt, inside.id, [[f"q{inside.id}", "0"]])
    assert saved.status_code == 200 and saved.get_json()["saved"]
