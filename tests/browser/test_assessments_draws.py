"""Browser: the facilitator builds a test with random questions per topic; a participant gets their own draw."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from diklat.extensions import db
from tests.assessments.conftest import world  # noqa: F401 - fixture
from tests.browser.conftest import PHONE, check_accessibility, login, screenshot


def test_facilitator_builds_random_draws_per_topic_and_a_participant_answers_theirs(page, browser, live_server, world):  # noqa: F811
    cohort = world["a"]["cohort"].id
    login(page, world["a"]["facilitator"].email)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"/cohorts/{cohort}/tests/pre/questions")
    section = page.locator("section.draws")
    expect(section.get_by_role("heading", name="Soal acak per topik")).to_be_visible()
    topic = section.get_by_label(re.compile("^Pemetaan proses"))
    topic.fill("9")  # more than the topic holds
    section.get_by_label(re.compile("^Elemen SOP")).fill("1")
    section.get_by_role("button", name="Simpan pengacakan").click()
    error = page.locator(f"#{topic.get_attribute('id')}-error")
    expect(error).to_have_text("Topik ini hanya berisi 4 soal: ambil paling banyak 4.")
    assert topic.input_value() == "9" and section.get_by_label(re.compile("^Elemen SOP")).input_value() == "1"
    assert topic.get_attribute("aria-invalid") == "true"
    check_accessibility(page)
    screenshot(page, "assessments-draws-error-1366")
    page.set_viewport_size(PHONE)
    screenshot(page, "assessments-draws-error-390")
    page.set_viewport_size({"width": 1366, "height": 900})

    topic.fill("2")
    section.get_by_role("button", name="Simpan pengacakan").click()
    expect(page.locator(".flash-success")).to_contain_text("Setiap peserta kini menjawab 3 soal")
    db.session.refresh(world["test"])
    assert world["test"].draws == {"Elemen SOP": 1, "Pemetaan proses": 2}

    context = browser.new_context(base_url=live_server, locale="id-ID", viewport=PHONE, is_mobile=True, has_touch=True)
    phone = context.new_page()
    login(phone, world["a"]["participants"][0].email)
    phone.goto(f"/cohorts/{cohort}/tests")
    phone.get_by_role("button", name="Mulai tes").click()
    phone.wait_for_url(re.compile(r"/attempts/\d+$"))
    phone.locator("#q-nav summary").click()
    expect(phone.locator("#answered-count")).to_have_text(re.compile(r"^0 dari 3 dijawab$"))
    assert phone.locator("a.q-nav-item").count() == 3 and phone.locator("[id^=question-]").count() == 3
    check_accessibility(phone)
    screenshot(phone, "assessments-draws-attempt-390")
    context.close()
