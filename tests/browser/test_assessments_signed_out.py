"""Browser: a participant signed out in the middle of a test (a password reset, "sign out everywhere") is told so
next to the save status, with a link to sign in again, instead of "no connection"; the answer stays in the
browser and is sent once the participant is back, and the temporary-password case says what to do too."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from diklat.assessments.models import AttemptAnswer
from diklat.auth.models import User
from diklat.extensions import db
from tests.assessments.conftest import world  # noqa: F401 - fixture
from tests.browser.conftest import check_accessibility, login, screenshot, sign_in_again_from


def _saved(question_id: int):
    db.session.expire_all()
    return db.session.scalar(db.select(AttemptAnswer.response).where(AttemptAnswer.test_question_id == question_id))


def _start(page, participant, cohort: int) -> None:
    login(page, participant.email)
    page.goto(f"/cohorts/{cohort}/tests")
    page.get_by_role("button", name="Mulai tes").click()
    page.wait_for_load_state("networkidle")


def test_signed_out_mid_test_keeps_the_answer_and_sends_it_after_signing_in(phone_page, world):  # noqa: F811
    page = phone_page
    participant = world["a"]["participants"][0]
    _mc, _mr, tf, _sa, _num, _match = world["questions"]
    _start(page, participant, world["a"]["cohort"].id)
    db.session.get(User, participant.id).end_sessions()  # e.g. the facilitator reset the password
    db.session.commit()

    page.locator(f"#q{tf.id}-true").check()
    status = page.locator("#save-status")
    expect(status).to_contain_text("Anda sudah keluar dari akun")
    expect(status).not_to_contain_text("koneksi")
    assert _saved(tf.id) is None
    link = status.get_by_role("link", name=re.compile("Masuk lagi"))
    assert "/login?next=" in (link.get_attribute("href") or "")
    check_accessibility(page)
    screenshot(page, "assessments-attempt-signed-out-phone")

    sign_in_again_from(page, link, participant.email, re.compile(r"/attempts/\d+$"))
    expect(status).to_contain_text("Semua jawaban tersimpan", timeout=20000)
    assert _saved(tf.id) == {"value": True}


def test_a_temporary_password_mid_test_says_to_set_a_new_one(page, world):  # noqa: F811
    participant = world["a"]["participants"][0]
    _mc, _mr, tf, _sa, _num, _match = world["questions"]
    _start(page, participant, world["a"]["cohort"].id)
    db.session.get(User, participant.id).must_change_password = True
    db.session.commit()
    page.locator(f"#q{tf.id}-false").check()
    status = page.locator("#save-status")
    expect(status).to_contain_text("Buat kata sandi baru terlebih dahulu")
    link = status.get_by_role("link", name=re.compile("Buat kata sandi baru"))
    assert (link.get_attribute("href") or "").endswith("/account/password")
    assert _saved(tf.id) is None
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('diklat-attempt-')).length")
    assert stored == 1  # the answer waits in this browser
