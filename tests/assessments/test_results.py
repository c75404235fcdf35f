"""Results, item analysis, exports and the cross-feature summary — on the demo cohort and on small cases."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from diklat.assessments.attempt_services import finalize, save_response, start_attempt
from diklat.assessments.exam_services import copy_questions, save_settings
from diklat.assessments.models import Attempt, Question, Test, TestKind
from diklat.assessments.queries import cohort_learning_summary
from diklat.assessments.results import cohort_summary, participant_results
from diklat.common.formatting import decimal
from diklat.common.time import utcnow
from diklat.demo import run_demo_seed
from diklat.extensions import db


def test_demo_seed_results_pages_and_exports(client, app_ctx):
    run_demo_seed()
    run_demo_seed()  # idempotent
    assert db.session.scalar(db.select(db.func.count()).select_from(Question)) >= 30
    assert db.session.scalar(db.select(db.func.count()).select_from(Test)) == 2
    ctx_cohort = db.session.scalar(db.select(Test)).cohort
    rows = participant_results(ctx_cohort)
    assert len(rows) == 24 and sum(r.paired for r in rows) == 23
    assert sum(1 for r in rows if r.pre and r.pre.number == 2) == 1  # the granted re-take counts
    summary = cohort_summary(rows)
    assert summary.post.mean > summary.pre.mean + 5 and summary.pre.sd > 5
    assert any(r.gain is not None and r.gain < 0 for r in rows) or summary.categories["low"] > 0
    api = cohort_learning_summary(ctx_cohort.id)
    assert api["n_paired"] == 23 and api["mean_post"] > api["mean_pre"] and api["t_test_p"] < 0.05
    assert set(api) >= {"mean_g", "g_of_means", "wilcoxon_p", "effect_size", "categories"}

    client.login("fasilitator@diklat.example")
    page = client.get(f"/cohorts/{ctx_cohort.id}/results").get_data(as_text=True)
    shown_pre, shown_post = decimal(summary.pre.mean, 1, "id"), decimal(summary.post.mean, 1, "id")
    assert "<svg" in page and shown_pre in page and shown_post in page
    assert "23" in page and "Arif Rahman" in page
    pre = next(t for t in ctx_cohort_tests(ctx_cohort.id) if t.kind == TestKind.PRE)
    items = client.get(f"/cohorts/{ctx_cohort.id}/tests/{pre.id}/items").get_data(as_text=True)
    assert "Cronbach" in items and ("unstable" in items or "belum stabil" in items)
    assert "Sepertiga atas" in items and "/banks/" in items  # distractor analysis; each item links to its question
    book = load_workbook(io.BytesIO(client.get(f"/cohorts/{ctx_cohort.id}/results.xlsx").data))
    assert len(book.sheetnames) == 4 and book.worksheets[0].max_row == 25
    rows_csv = list(
        csv.reader(
            io.StringIO(client.get(f"/cohorts/{ctx_cohort.id}/results.csv").data.decode("utf-8-sig")), delimiter=";"
        )
    )
    assert len(rows_csv) == 25
    item_book = load_workbook(io.BytesIO(client.get(f"/cohorts/{ctx_cohort.id}/tests/{pre.id}/items.xlsx").data))
    assert item_book.worksheets[0].max_row == 1 + len(pre.questions)
    for url in (f"/cohorts/{ctx_cohort.id}/results.csv", f"/cohorts/{ctx_cohort.id}/tests/{pre.id}/items.csv"):
        assert client.get(url).headers["Content-Type"] == "text/csv; charset=utf-8"  # one charset, not two
    item_csv = client.get(f"/cohorts/{ctx_cohort.id}/tests/{pre.id}/items.csv").data.decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(item_csv), delimiter=";"))) == 1 + len(pre.questions)


def ctx_cohort_tests(cohort_id):
    return list(db.session.scalars(db.select(Test).where(Test.cohort_id == cohort_id)))


def _finish(test, user, fractions_right, now):
    attempt = start_attempt(test, user.id, now)
    for q in test.questions[:fractions_right]:
        save_response(attempt, q.id, {"value": q.data["correct"]} if q.qtype.value == "truefalse" else None, now)
    finalize(attempt, "submitted", now)
    return attempt


def test_undefined_g_reported_as_such(client, world):
    cohort = world["a"]["cohort"]
    pre = world["test"]
    now = utcnow()
    post = save_settings(
        None,
        cohort,
        TestKind.POST,
        title="Post",
        instructions="",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(hours=1),
        time_limit_minutes=None,
        shuffle_questions=False,
        shuffle_choices=False,
        user_id=None,
    )
    copy_questions(pre, post)
    only_tf = [q for q in pre.questions if q.qtype.value != "truefalse"]
    for q in only_tf:  # make the test a single true/false question so a perfect score is easy
        pre.questions.remove(q)
    for q in [q for q in post.questions if q.qtype.value != "truefalse"]:
        post.questions.remove(q)
    db.session.flush()
    user = world["a"]["participants"][0]
    _finish(pre, user, 1, now)
    _finish(post, user, 1, now)
    db.session.commit()
    rows = participant_results(cohort)
    perfect = next(r for r in rows if r.member.user_id == user.id)
    assert perfect.paired and perfect.g is None and perfect.g_undefined
    client.login(world["a"]["facilitator"].email)
    page = client.get(f"/cohorts/{cohort.id}/results").get_data(as_text=True)
    assert "undefined" in page or "tidak terdefinisi" in page


def test_summary_is_none_without_paired_results(app_ctx, factory):
    cohort = factory.cohort()
    assert cohort_learning_summary(cohort.id) is None
    assert cohort_learning_summary(999999) is None


def test_parallel_forms_and_lock_after_start(client, world):
    client.login(world["a"]["facilitator"].email)
    cohort = world["a"]["cohort"].id
    client.get(f"/cohorts/{cohort}/tests/post/settings")
    response = client.post(
        f"/cohorts/{cohort}/tests/post/settings",
        {"title": "Post-test", "opens_at": "2030-01-01T08:00", "closes_at": "2030-01-01T07:00"},
    )
    assert response.status_code == 200 and "2030-01-01T07:00" in response.get_data(as_text=True)
    client.post(
        f"/cohorts/{cohort}/tests/post/settings",
        {
            "title": "Post-test",
            "opens_at": "2030-01-01T08:00",
            "closes_at": "2030-01-01T09:00",
            "time_limit_minutes": "30",
            "shuffle_questions": "y",
        },
    )
    post = db.session.scalar(db.select(Test).where(Test.kind == TestKind.POST))
    assert post.opens_at.hour == 1  # 08:00 in Jakarta is 01:00 UTC
    questions_url = f"/cohorts/{cohort}/tests/post/questions"
    client.get(questions_url)
    parallel = [q.id for q in world["questions"][2:5]]
    client.post(questions_url, {"mode": "bank", "question_ids": [str(i) for i in parallel], "version": "1"})
    db.session.refresh(post)
    assert [q.question_id for q in post.questions] == parallel
    client.get(questions_url)
    client.post(questions_url, {"mode": "same", "version": str(post.version)})
    db.session.refresh(post)
    assert len(post.questions) == len(world["questions"])
    pre_url = f"/cohorts/{cohort}/tests/pre/questions"
    db.session.add(
        Attempt(
            test_id=world["test"].id,
            user_id=world["a"]["participants"][0].id,
            seed=1,
            deadline_at=utcnow() + timedelta(minutes=5),
        )
    )
    db.session.commit()
    client.get(pre_url)
    client.post(pre_url, {"mode": "bank", "question_ids": [str(parallel[0])], "version": str(world["test"].version)})
    db.session.refresh(world["test"])
    assert len(world["test"].questions) == len(world["questions"])


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_exports_of_an_empty_cohort(client, world, fmt):
    client.login(world["a"]["facilitator"].email)
    assert client.get(f"/cohorts/{world['a']['cohort'].id}/results.{fmt}").status_code == 200
    assert client.get(f"/cohorts/{world['a']['cohort'].id}/tests/{world['test'].id}/items.{fmt}").status_code == 200
