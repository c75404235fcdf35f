"""Browser: take a test as a participant, lose the connection and close the page mid-way, resume, submit;
then the facilitator's results, item analysis and import preview."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from diklat.assessments.models import Attempt, AttemptAnswer
from diklat.extensions import db
from tests.assessments.conftest import FIXTURES, world  # noqa: F401 - fixture
from tests.browser.conftest import check_accessibility, login, screenshot


def _saved(question_id: int):
    db.session.expire_all()
    return db.session.scalar(db.select(AttemptAnswer.response).where(AttemptAnswer.test_question_id == question_id))


def _wait_saved(page) -> None:
    expect(page.locator("#save-status")).to_contain_text("Semua jawaban tersimpan", timeout=20000)


def test_take_drop_connection_resume_submit(page, world):  # noqa: F811
    participant = world["a"]["participants"][0]
    cohort = world["a"]["cohort"].id
    mc, _mr, tf, sa, num, _match = world["questions"]
    login(page, participant.email)
    page.goto(f"/cohorts/{cohort}/tests")
    page.get_by_role("button", name="Mulai tes").click()
    page.wait_for_load_state("networkidle")
    assert "Sisa waktu" in page.content()
    check_accessibility(page)
    screenshot(page, "assessments-attempt-desktop")
    page.get_by_role("radio", name=re.compile("belah ketupat$")).check()
    _wait_saved(page)
    assert _saved(mc.id) is not None

    page.context.set_offline(True)
    page.locator(f"#q{tf.id}-true").check()
    page.locator(f"#q{sa.id}-text").fill("Lapor")
    page.keyboard.press("Tab")  # leaving the field sends it at once (typing alone waits 0.7 s)
    expect(page.locator("#save-status")).to_contain_text("koneksi")
    assert _saved(tf.id) is None  # not yet on the server
    page.context.set_offline(False)
    _wait_saved(page)
    assert _saved(tf.id) == {"value": True} and _saved(sa.id) == {"text": "Lapor"}

    # close the tab while offline with an unsent answer, then reopen: kept on the device, sent on return
    page.context.set_offline(True)
    page.locator(f"#q{num.id}-text").fill("85")
    page.wait_for_timeout(1200)
    url = page.url
    page.close()
    again = page.context.new_page()
    page.context.set_offline(False)
    again.goto(url)
    again.wait_for_load_state("networkidle")
    _wait_saved(again)
    assert _saved(num.id) == {"text": "85"}
    assert again.get_by_role("radio", name=re.compile("belah ketupat$")).is_checked()
    assert again.locator(f"#q{tf.id}-true").is_checked()
    assert again.locator(f"#q{sa.id}-text").input_value() == "Lapor"
    timer = again.locator("#timer-value").inner_text()
    assert re.match(r"^\d+:\d\d$", timer) and 25 <= int(timer.split(":")[0]) <= 30

    again.get_by_role("button", name="Tinjau lalu kumpulkan").click()
    again.wait_for_url(re.compile(r"/review$"))
    again.get_by_role("button", name="Kumpulkan jawaban").click()
    again.wait_for_url(re.compile(r"/result$"))
    assert "Nilai" in again.content()
    attempt = db.session.scalar(db.select(Attempt))
    db.session.refresh(attempt)
    assert attempt.finish_reason == "submitted" and attempt.score == 4.0  # MC 1 + TF 1 + SA 1 + numerical 1
    check_accessibility(again)

    again.context.clear_cookies()
    login(again, world["a"]["facilitator"].email)
    again.goto(f"/cohorts/{cohort}/results")
    assert again.locator("svg.chart").count() == 0 and "tidak ikut" in again.content()  # no post-test yet
    assert participant.name in again.content()
    check_accessibility(again)
    screenshot(again, "assessments-results-desktop")
    again.goto(f"/cohorts/{cohort}/tests/{world['test'].id}/items")
    assert "Alfa Cronbach" in again.content() and "belum stabil" in again.content()
    check_accessibility(again)


def test_phone_keyboard_only_answering(phone_page, world):  # noqa: F811
    page = phone_page
    participant = world["a"]["participants"][1]
    tf = world["questions"][2]
    login(page, participant.email)
    page.goto(f"/cohorts/{world['a']['cohort'].id}/tests")
    page.get_by_role("button", name="Mulai tes").click()
    page.wait_for_load_state("networkidle")
    page.locator(f"#q{tf.id}-true").focus()
    page.keyboard.press("Space")
    _wait_saved(page)
    assert _saved(tf.id) == {"value": True}
    page.keyboard.press("ArrowDown")  # radio group: moves to "Salah" and selects it
    page.wait_for_timeout(300)
    _wait_saved(page)
    assert _saved(tf.id) == {"value": False}
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    check_accessibility(page)
    screenshot(page, "assessments-attempt-phone")


def test_import_preview_in_the_browser(page, world):  # noqa: F811
    login(page, world["a"]["facilitator"].email)
    page.goto(f"/banks/{world['bank'].id}/import")
    page.get_by_label("Format").select_option("aiken")
    page.locator("input[type=file]").set_input_files(str(FIXTURES / "aiken-errors.txt"))
    page.get_by_role("button", name="Pratinjau").click()
    page.wait_for_load_state("networkidle")
    content = page.content()
    assert "Baris 1" in content and "Baris 5" in content and "Baris 14" in content and "A good question" in content
    check_accessibility(page)
    screenshot(page, "assessments-import-preview")
    page.get_by_role("button", name="Simpan 2 soal").click()
    page.wait_for_load_state("networkidle")
    assert "2 soal diimpor; 3 dilewati." in page.content()


def test_demo_results_and_items_pages_with_charts(page, phone_page):
    from diklat.demo import run_demo_seed

    run_demo_seed()
    cohort = db.session.scalar(db.select(Attempt)).test.cohort_id
    for tab, name in ((page, "desktop"), (phone_page, "phone")):
        login(tab, "fasilitator@diklat.example")
        tab.goto(f"/cohorts/{cohort}/results")
        assert tab.locator("svg.chart").count() == 4
        assert "23 dari 24 peserta mengikuti kedua tes" in tab.content()
        check_accessibility(tab)
        screenshot(tab, f"assessments-demo-results-{name}")
    page.goto(f"/cohorts/{cohort}/tests")
    page.get_by_role("link", name="Analisis butir soal").first.click()
    assert "Alfa Cronbach" in page.content()
    check_accessibility(page)
    phone_page.context.clear_cookies()
    login(phone_page, "peserta01@diklat.example")
    phone_page.goto(f"/cohorts/{cohort}/tests")
    phone_page.get_by_role("link", name="lihat hasil").first.click()
    assert "Jawaban benar" in phone_page.content()  # the window has closed: review with the key
    check_accessibility(phone_page)
    screenshot(phone_page, "assessments-demo-review-phone")
