"""Browser, phone (390 px): the post-test waits for the pre-test; the navigator, a flag, the review page, submit;
then the facilitator reads the plain summary with the pass counts."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import expect

from diklat.assessments.attempt_services import finalize, start_attempt
from diklat.assessments.exam_services import copy_questions, save_settings
from diklat.assessments.models import Attempt, AttemptAnswer, TestKind
from diklat.common.time import utcnow
from diklat.extensions import db
from tests.assessments.conftest import world  # noqa: F401 - fixture
from tests.browser.conftest import check_accessibility, login, screenshot


def _post_test(world):  # noqa: F811
    now = utcnow()
    post = save_settings(
        None,
        world["a"]["cohort"],
        TestKind.POST,
        title="Post-test uji",
        instructions="",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(hours=3),
        time_limit_minutes=30,
        shuffle_questions=False,
        shuffle_choices=False,
        user_id=world["a"]["facilitator"].id,
    )
    copy_questions(world["test"], post)
    db.session.commit()
    return post


def test_phone_pre_before_post_navigator_flag_review_submit(phone_page, world):  # noqa: F811
    page = phone_page
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    world["test"].shuffle_questions = False  # question 3 is then the true/false one
    post = _post_test(world)
    participant = world["a"]["participants"][0]
    cohort = world["a"]["cohort"].id
    login(page, participant.email)
    page.goto(f"/cohorts/{cohort}/tests")
    post_card = page.locator("section", has=page.get_by_role("heading", name="Post-test uji"))
    expect(post_card).to_contain_text("Kumpulkan pre-test terlebih dahulu")
    assert post_card.get_by_role("button").count() == 0
    screenshot(page, "assessments-tests-phone-pre-first")

    page.get_by_role("button", name="Mulai tes").click()
    page.wait_for_url(re.compile(r"/attempts/\d+$"))
    check_accessibility(page)
    screenshot(page, "assessments-attempt-phone-top")
    numerical = page.locator("input[inputmode=decimal]")
    assert numerical.count() == 1

    # the time left stays visible after scrolling to the bottom
    page.mouse.wheel(0, 5000)
    page.wait_for_timeout(300)
    box = page.locator("#timer").bounding_box()
    assert box is not None and 0 <= box["y"] < 80
    bar = page.locator("#attempt-bar").bounding_box()
    assert bar["height"] < 844 * 0.15

    # navigator: open it, jump to question 3, answer it; flag question 4
    page.locator("#q-nav summary").click()
    expect(page.locator("#answered-count")).to_have_text(re.compile(r"^0 dari 6 dijawab$"))
    screenshot(page, "assessments-attempt-phone-navigator")
    page.locator(".q-nav-item", has_text=re.compile(r"^3$")).click()
    third = page.locator("#question-3")
    expect(third).to_be_in_viewport()
    third.get_by_label("Benar").check()
    expect(page.locator("#save-status")).to_contain_text("Semua jawaban tersimpan", timeout=20000)
    page.locator("#question-4 .flag-input").check()
    assert not [e for e in errors if "NOT FOUND" not in e]
    expect(page.locator("#save-status")).to_contain_text("Semua jawaban tersimpan", timeout=20000)
    expect(page.locator("#answered-count")).to_have_text("1 dari 6 dijawab")
    attempt = db.session.scalar(db.select(Attempt).where(Attempt.user_id == participant.id))
    db.session.expire_all()
    assert (
        db.session.scalar(
            db.select(db.func.count())
            .select_from(AttemptAnswer)
            .where(AttemptAnswer.attempt_id == attempt.id, AttemptAnswer.flagged.is_(True))
        )
        == 1
    )
    page.locator("#q-nav summary").click()
    assert page.locator(".q-nav-list .q-nav-item.is-flagged").count() == 1
    assert page.locator(".q-nav-list .q-nav-item.is-answered").count() == 1
    screenshot(page, "assessments-attempt-phone-flagged")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("#q-nav summary").click()  # close the navigator again

    # tap targets: every choice row and navigator item at least 44 px high
    heights = page.locator(".choice, .q-nav-list .q-nav-item, .flag-row").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 43.5

    page.get_by_role("button", name="Tinjau lalu kumpulkan").click()
    page.wait_for_url(re.compile(r"/review(#.*)?$"))
    expect(page.get_by_role("heading", name=re.compile("Belum dijawab"))).to_contain_text("(5)")
    expect(page.get_by_role("heading", name=re.compile("Ditandai untuk ditinjau"))).to_contain_text("(1)")
    check_accessibility(page)
    screenshot(page, "assessments-review-phone")
    page.get_by_role("button", name="Kumpulkan jawaban").click()
    page.wait_for_url(re.compile(r"/result(#.*)?$"))
    db.session.expire_all()
    assert db.session.get(Attempt, attempt.id).finish_reason == "submitted"

    page.goto(f"/cohorts/{cohort}/tests")
    post_card = page.locator("section", has=page.get_by_role("heading", name="Post-test uji"))
    expect(post_card.get_by_role("button", name="Mulai tes")).to_be_visible()
    assert post.id


def test_facilitator_reads_plain_summary_and_pass_counts(page, world):  # noqa: F811
    post = _post_test(world)
    now = utcnow()
    for i, student in enumerate(world["a"]["participants"]):
        pre_attempt = start_attempt(world["test"], student.id, now)
        finalize(pre_attempt, "submitted", now)
        attempt = start_attempt(post, student.id, now)
        for answer in attempt.answers[: 2 + 2 * i]:
            q = answer.question
            if q.qtype.value == "truefalse":
                answer.response = {"value": q.data["correct"]}
            elif q.qtype.value == "multichoice":
                answer.response = {
                    "choice": max(range(len(q.data["choices"])), key=lambda k: q.data["choices"][k]["fraction"])
                }
            elif q.qtype.value == "numerical":
                answer.response = {"text": "85"}
            elif q.qtype.value == "shortanswer":
                answer.response = {"text": "LAPOR"}
        db.session.flush()
        finalize(attempt, "submitted", now)
    db.session.commit()
    login(page, world["a"]["facilitator"].email)
    page.goto(f"/cohorts/{world['a']['cohort'].id}/results")
    summary = page.locator(".summary-plain")
    expect(summary).to_contain_text("Rata-rata naik dari 0 menjadi")
    expect(summary).to_contain_text("peserta naik")
    expect(summary).to_contain_text("lulus")
    expect(summary).to_contain_text("KKM 70")
    assert page.content().index("Ringkasnya") < page.content().index("Angka-angka")
    check_accessibility(page)
    screenshot(page, "assessments-results-plain-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "assessments-results-plain-phone")


def test_facilitator_opens_item_edits_question_and_bulk_assigns(page, world):  # noqa: F811
    from diklat.assessments.models import Question

    now = utcnow()
    for student in world["a"]["participants"]:
        finalize(start_attempt(world["test"], student.id, now), "submitted", now)
    for q in world["questions"][:3]:
        q.module_number = None
    db.session.commit()
    login(page, world["a"]["facilitator"].email)
    page.goto(f"/cohorts/{world['a']['cohort'].id}/tests/{world['test'].id}/items")
    page.locator(".items-table a", has_text="MC").first.click()
    page.wait_for_url(re.compile(r"/banks/\d+/questions/\d+$"))
    expect(page.locator(".flash-warning")).to_contain_text("versi baru")
    screenshot(page, "assessments-question-edit-warning")
    page.get_by_role("button", name=re.compile("Simpan")).click()
    page.wait_for_url(re.compile(r"/banks/\d+$"))

    page.goto(f"/banks/{world['bank'].id}?module=none")
    boxes = page.locator(".question-pick input[type=checkbox]")
    assert boxes.count() == 3
    for i in range(3):
        boxes.nth(i).check()
    page.locator("#module_number").fill("5")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.locator(".flash-success")).to_contain_text("3 soal diperbarui")
    check_accessibility(page)
    screenshot(page, "assessments-bank-bulk")
    db.session.expire_all()
    assert {db.session.get(Question, q.id).module_number for q in world["questions"][:3]} == {5}
