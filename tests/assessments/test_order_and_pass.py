"""Pre before post (with a per-person waiver), overlapping windows warn, KKM pass/fail, plain summary, p never 0."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from diklat.assessments import plain
from diklat.assessments.attempt_services import finalize, start_attempt
from diklat.assessments.exam_services import copy_questions, overlapping_test, save_settings
from diklat.assessments.exports import to_xlsx
from diklat.assessments.models import Attempt, OrderWaiver, TestKind
from diklat.assessments.stats import paired_summary
from diklat.common.table_export import csv_text
from diklat.common.time import utcnow
from diklat.extensions import db


def _post(world, opens_offset_hours=-1, pass_mark=None):
    now = utcnow()
    post = save_settings(
        None,
        world["a"]["cohort"],
        TestKind.POST,
        title="Post-test uji",
        instructions="",
        opens_at=now + timedelta(hours=opens_offset_hours),
        closes_at=now + timedelta(hours=3),
        time_limit_minutes=30,
        shuffle_questions=False,
        shuffle_choices=False,
        user_id=world["a"]["facilitator"].id,
        pass_mark=pass_mark,
    )
    copy_questions(world["test"], post)
    db.session.commit()
    return post


def test_post_test_waits_for_the_pre_test(client, world):
    post = _post(world)
    student = world["a"]["participants"][0]
    cohort = world["a"]["cohort"].id
    client.login(student.email)
    page = client.get(f"/cohorts/{cohort}/tests").get_data(as_text=True)
    assert "pre-test" in page.lower() and f"/tests/{post.id}/start" not in page
    refused = client.post(f"/cohorts/{cohort}/tests/{post.id}/start")
    assert refused.status_code == 302 and "/tests" in refused.headers["Location"]
    assert db.session.scalar(db.select(Attempt).where(Attempt.test_id == post.id)) is None

    now = utcnow()
    finalize(start_attempt(world["test"], student.id, now), "submitted", now)
    db.session.commit()
    assert f"/tests/{post.id}/start" in client.get(f"/cohorts/{cohort}/tests").get_data(as_text=True)
    client.get(f"/cohorts/{cohort}/tests")
    client.post(f"/cohorts/{cohort}/tests/{post.id}/start")
    assert db.session.scalar(db.select(Attempt).where(Attempt.test_id == post.id, Attempt.user_id == student.id))


def test_facilitator_lifts_the_order_for_one_person_with_a_reason(client, world):
    post = _post(world)
    other, student = world["a"]["participants"][:2]
    cohort = world["a"]["cohort"].id
    client.login(world["a"]["facilitator"].email)
    url = f"/cohorts/{cohort}/tests/{post.id}/attempts"
    client.get(url)
    refused = client.post(url, {"waive-user_id": str(student.id), "waive-reason": ""})
    assert refused.status_code == 200 and db.session.scalar(db.select(OrderWaiver)) is None
    client.post(url, {"waive-user_id": str(student.id), "waive-reason": "Sakit saat pre-test, ada surat dokter"})
    waiver = db.session.scalar(db.select(OrderWaiver))
    assert waiver.user_id == student.id and waiver.granted_by_id == world["a"]["facilitator"].id
    assert "surat dokter" in client.get(url).get_data(as_text=True)

    client.logout()
    client.login(student.email)
    client.get(f"/cohorts/{cohort}/tests")
    client.post(f"/cohorts/{cohort}/tests/{post.id}/start")
    assert db.session.scalar(db.select(Attempt).where(Attempt.test_id == post.id, Attempt.user_id == student.id))
    client.logout()
    client.login(other.email)
    client.get(f"/cohorts/{cohort}/tests")
    client.post(f"/cohorts/{cohort}/tests/{post.id}/start")
    assert db.session.scalar(db.select(Attempt).where(Attempt.test_id == post.id, Attempt.user_id == other.id)) is None


def test_overlapping_windows_warn_and_kkm_is_checked(client, world):
    cohort = world["a"]["cohort"].id
    client.login(world["a"]["facilitator"].email)
    url = f"/cohorts/{cohort}/tests/post/settings"
    client.get(url)
    base = {"title": "Post-test", "opens_at": "2030-01-01T08:00", "closes_at": "2030-01-01T09:00"}
    for bad in ("150", "-1", "tujuh puluh"):
        page = client.post(url, {**base, "pass_mark": bad}).get_data(as_text=True)
        assert "pass_mark-error" in page and "2030-01-01T09:00" in page  # the message and what was typed
    pre = world["test"]
    response = client.post(url, {**base, "pass_mark": "75,5"})
    assert response.status_code == 302
    post = db.session.scalar(db.select(type(pre)).where(type(pre).kind == TestKind.POST))
    assert post.pass_mark == 75.5 and overlapping_test(post) is None
    pre_local = "%s" % (pre.opens_at + timedelta(hours=7, minutes=30)).strftime("%Y-%m-%dT%H:%M")
    client.get(url)
    overlapping = {**base, "opens_at": pre_local, "closes_at": "2030-01-01T09:00", "version": str(post.version)}
    page = client.post(url, overlapping, follow_redirects=True).get_data(as_text=True)
    assert "tumpang tindih" in page or "overlaps" in page


def test_pass_counts_and_plain_sentences():
    summary = paired_summary([40, 50, 45, 60, 30], [70, 80, 75, 65, 50])
    count = plain.pass_count([70, 80, 75, 65, 50], 70)
    assert (count.taken, count.passed, count.failed) == (5, 3, 2)
    sentences = plain.summary_sentences(summary, 5, plain.pass_count([40, 50], 70), count)
    ids = [msgid for msgid, _ in sentences]
    assert ids[0].startswith("The mean score rose") and sentences[0][1] == {"pre": 45.0, "post": 68.0}
    assert "statistically significant:" in ids[2] and "not" not in ids[2]
    assert any(params.get("passed") == 3 for _, params in sentences)
    flat = paired_summary([50, 50, 50], [50, 51, 49])
    assert "not statistically significant" in plain.summary_sentences(flat, 1, None, None)[2][0]


def test_results_page_reads_plain_first_and_shows_pass(client, world):
    post = _post(world, pass_mark=60)
    now = utcnow()
    for student in world["a"]["participants"]:
        for test in (world["test"], post):
            attempt = start_attempt(test, student.id, now)
            finalize(attempt, "submitted", now)
    db.session.commit()
    client.login(world["a"]["facilitator"].email)
    page = client.get(f"/cohorts/{world['a']['cohort'].id}/results").get_data(as_text=True)
    assert page.index("plain-h") < page.index("cohort-h")
    assert "KKM 60" in page and "Tidak lulus" in page


@pytest.mark.parametrize("p", [2.15e-6, 0.0004, 1e-12])
def test_p_values_never_read_zero_in_exports(p):
    book = load_workbook(io.BytesIO(to_xlsx([("S", ["Figure", "Value"], [["p", p]])])))
    cell = book.active["B2"]
    assert isinstance(cell.value, float) and cell.value == p
    if p:
        assert "E" in cell.number_format and csv_text(p) not in ("0", "0,0000")
