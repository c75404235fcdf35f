"""A facilitator's first week in the browser (1366 and 390 px): copy the demo cohort, follow the checklist,
notifications and their mail, search, and no page wider than a phone for any role."""

from __future__ import annotations

import time
from datetime import date, timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from diklat.cohorts.models import Cohort
from diklat.demo.context import DEMO_COHORT_NAME
from diklat.extensions import db
from diklat.followups.schedule import is_working_day, non_working_days
from tests.browser.conftest import PHONE, check_accessibility, login, screenshot
from tests.browser.crawl import crawl

SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": PHONE}


@pytest.fixture()
def demo(app_ctx):
    """The demo data (cohort, people, work) on the test database."""
    from diklat.demo import run_demo_seed

    return run_demo_seed()


def _tab(browser, live_server, size: str):
    context = browser.new_context(
        base_url=live_server, locale="id-ID", viewport=SIZES[size], is_mobile=size == "phone", has_touch=size == "phone"
    )
    context.set_default_timeout(15000)
    return context, context.new_page()


def _free_start() -> date:
    """A first day from which three course days are consecutive working days (fixed year: date-independent)."""
    off = non_working_days([2030])
    day = date(2030, 2, 4)
    while not all(is_working_day(day + timedelta(days=n), off) for n in range(3)):
        day += timedelta(days=1)
    return day


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_facilitator_copies_the_demo_cohort_and_follows_the_checklist(browser, live_server, demo, size):
    context, page = _tab(browser, live_server, size)
    login(page, "fasilitator@diklat.example")
    page.goto("/cohorts/")
    page.get_by_role("link", name="Angkatan baru dari angkatan sebelumnya").click()
    source = db.session.scalar(select(Cohort).where(Cohort.name == DEMO_COHORT_NAME))
    page.get_by_label("Angkatan sebelumnya").select_option(str(source.id))
    page.get_by_label("Nama angkatan baru").fill(f"Angkatan Salinan {size}")
    page.get_by_label("Hari pertama").fill(_free_start().isoformat())
    check_accessibility(page)
    page.get_by_role("button", name="Buat angkatan").click()
    checklist = page.locator(".checklist")
    assert checklist.is_visible()
    copy = db.session.scalar(select(Cohort).where(Cohort.name == f"Angkatan Salinan {size}"))
    assert copy.days == source.days and len(copy.sessions) == len(source.sessions)
    assert "Belum" in checklist.locator("li").first.inner_text()  # teams: to do
    screenshot(page, f"first-week-checklist-{size}")
    check_accessibility(page)
    # 1. a team
    checklist.get_by_role("link", name="Buat tim").click()
    page.get_by_role("link", name="Kelompok baru").click()
    page.get_by_label("Nama kelompok").fill("Kelompok 1")
    page.get_by_label("Kantor").fill("DPMPTSP Kota Contoh")
    page.get_by_label("Layanan publik untuk SOP").fill("Izin Usaha Mikro")
    page.get_by_role("button", name="Simpan").click()
    # 2. a mentor and a participant in the team
    cohort_url = page.url.split("/teams")[0]
    for name, email, role, team in (
        ("Mentor Baru", "mentor.baru@example.go.id", "mentor", None),
        ("Peserta Baru", "peserta.baru@example.go.id", "participant", "Kelompok 1"),
    ):
        page.goto(f"{cohort_url}/members")
        page.get_by_label("Nama lengkap").fill(name)
        page.get_by_label("Surel").fill(email)
        page.get_by_label("Peran di angkatan ini").select_option(role)
        if team:
            page.locator("#team_id").select_option(label=team)
        page.get_by_role("button", name="Tambah").click()
    # 3. the team's mentor
    page.goto(f"{cohort_url}/teams")
    page.get_by_role("link", name="Ubah kelompok").first.click()
    page.get_by_label("Mentor").select_option(label="Mentor Baru")
    page.get_by_role("button", name="Simpan").click()
    # schedule, tests and modules came with the copy: the cohort is ready, the checklist gone
    page.goto(cohort_url)
    assert page.locator(".checklist").count() == 0
    assert page.get_by_role("heading", name=f"Angkatan Salinan {size}").is_visible()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= SIZES[size]["width"]
    screenshot(page, f"first-week-ready-{size}")
    context.close()


def _mails_to(folder: Path, before: set, address: str, wait: float = 20.0) -> list:
    """Mails to ``address`` written since ``before``; the mail job runs after the response, so wait for it."""
    deadline = time.monotonic() + wait
    while True:
        files = set(folder.glob("*.eml")) - before
        mails = [message_from_bytes(p.read_bytes(), policy=policy.default) for p in files]
        mine = [m for m in mails if str(m["To"]) == address]
        if mine or time.monotonic() > deadline:
            return mine
        time.sleep(0.2)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_participant_sees_returned_worksheet_and_gets_the_mail(browser, live_server, app, demo, size):
    from diklat.curriculum.models import AnswerStatus, WorksheetAnswer

    answer = db.session.scalars(
        select(WorksheetAnswer).where(
            WorksheetAnswer.status == AnswerStatus.SUBMITTED, WorksheetAnswer.team_id.is_not(None)
        )
    ).first()
    assert answer is not None, "the demo has a submitted team worksheet"
    folder = Path(app.config["MAIL_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    before = set(folder.glob("*.eml"))
    context, page = _tab(browser, live_server, size)
    login(page, "fasilitator@diklat.example")
    number, key = answer.worksheet.module.number, answer.worksheet.key
    page.goto(f"/cohorts/{answer.cohort_id}/modules/{number}/sheets/{key}/teams/{answer.team_id}")
    page.locator("#comment-").fill("Lengkapi dasar hukumnya.")
    page.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    page.wait_for_load_state("networkidle")
    participant = answer.team.members[0].user
    email = participant.email
    context.close()

    context, page = _tab(browser, live_server, size)
    login(page, email)
    bell = page.locator("a.bell")
    assert "belum dibaca" in bell.get_attribute("aria-label") and page.locator(".bell-count").is_visible()
    bell.click()
    item = page.locator(".notification.unread").first
    assert "dikembalikan untuk diperbaiki" in item.inner_text()
    check_accessibility(page)
    screenshot(page, f"first-week-notifications-{size}")
    item.get_by_role("button").click()
    assert f"/sheets/{key}/teams/{answer.team_id}" in page.url
    deadline = time.monotonic() + 20  # the mail job runs after the review's response; a loaded machine is slow
    while not (mine := _mails_to(folder, before, email)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(mine) == 1 and "dikembalikan untuk diperbaiki" in str(mine[0]["Subject"])
    context.close()


def test_daily_digest_run_twice_sends_once(app, demo):
    from diklat.notifications.models import MailMode
    from diklat.notifications.services import notify, set_mail_mode

    user = demo.user("peserta02@diklat.example")
    set_mail_mode(user.id, MailMode.DIGEST)
    with app.test_request_context("/"):
        notify([user.id], "sop_comment", "browser-digest-1", {"team": "Kelompok 1", "author": "Fasilitator"}, "/")
    db.session.commit()
    folder = Path(app.config["MAIL_FOLDER"])
    before = set(folder.glob("*.eml")) if folder.exists() else set()
    runner = app.test_cli_runner()
    runner.invoke(args=["notifications", "digest"])
    runner.invoke(args=["notifications", "digest"])
    mails = [message_from_bytes(p.read_bytes(), policy=policy.default) for p in set(folder.glob("*.eml")) - before]
    assert [str(m["To"]) for m in mails if str(m["Subject"]).startswith("Ringkasan harian")] == [user.email]


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_search_by_nip_part_and_step_word_within_own_cohorts(browser, live_server, demo, size):
    from diklat.sops.models import Sop

    participant = demo.user("peserta01@diklat.example")
    sop = db.session.scalars(select(Sop)).first()
    word = sop.draft["steps"][0]["activity"].split()[0]
    context, page = _tab(browser, live_server, size)
    login(page, "fasilitator@diklat.example")
    page.goto(f"/search/?q={participant.nip[4:12]}")
    assert page.get_by_role("link", name=participant.name).first.is_visible()
    page.goto("/search/")
    page.get_by_label("Nama, NIP, surel, tim, kantor, SOP atau soal").fill(word)
    page.get_by_role("button", name="Cari").click()
    page.wait_for_url("**/search/?q=*")
    page.wait_for_load_state("networkidle")
    group = page.locator("section.search-group", has=page.get_by_role("heading", name="SOP"))
    expect(group.locator("li").first).to_be_visible()  # waits for the results page
    check_accessibility(page)
    screenshot(page, f"first-week-search-{size}")
    context.close()
    # the second cohort's facilitator (not in the demo cohort) sees none of it
    context, page = _tab(browser, live_server, size)
    login(page, "fasilitator2@diklat.example")
    page.goto(f"/search/?q={participant.nip[4:12]}")
    assert page.get_by_role("link", name=participant.name).count() == 0
    page.goto(f"/search/?q={word}")
    assert DEMO_COHORT_NAME not in page.locator("main").inner_text()
    context.close()


@pytest.mark.parametrize(
    "email", ["admin@diklat.example", "fasilitator@diklat.example", "mentor@diklat.example", "peserta01@diklat.example"]
)
def test_no_page_wider_than_a_phone(browser, live_server, demo, email):
    context, page = _tab(browser, live_server, "phone")
    login(page, email)
    results = crawl(page, live_server, ["/"], limit=90)
    assert len(results) >= 15, results
    wide = [(path, width) for path, width, screen in results if width > screen]
    assert not wide, wide
    context.close()
