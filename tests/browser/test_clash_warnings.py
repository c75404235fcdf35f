"""Clashes shown before saving, in the browser: the warning, the typed values kept, then "save anyway"."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine
from playwright.sync_api import expect

from diklat.extensions import db
from diklat.followups import plan_services
from diklat.followups.models import FollowupItem, ItemKind
from tests.browser.conftest import check_accessibility, login, screenshot
from tests.followups.helpers import item_of

LAST_DAY = datetime(2026, 3, 12, 3, 0, tzinfo=UTC)  # 10:00 WIB on cohort A's last day


def test_moving_a_followup_session_onto_a_visit_warns_first(page, factory):
    page.set_viewport_size({"width": 1366, "height": 900})
    world = factory.world()
    cohort = world["a"]["cohort"]
    with time_machine.travel(LAST_DAY):
        plan_services.generate(cohort, world["a"]["facilitator"], datetime(2026, 3, 12).date())
        db.session.commit()
        session = item_of(None, ItemKind.FOLLOWUP_SESSION, cohort.id)
        visit = item_of(world["a"]["teams"][1].id, ItemKind.VISIT)
        session_id, visit_day = session.id, visit.starts_on
        plan_services.reschedule(session, world["a"]["facilitator"], datetime(2026, 6, 8).date(), *_times(session), "x")
        db.session.commit()
        login(page, world["a"]["facilitator"].email)
        page.goto(f"/cohorts/{cohort.id}/followup/items/{session_id}")
        page.get_by_label("Tanggal baru").fill(visit_day.isoformat())
        page.get_by_label("Alasan perubahan").fill("Narasumber hanya bisa hari itu")
        page.get_by_role("button", name="Pindahkan", exact=True).click()
        expect(page.locator(".clash-warning")).to_contain_text("kunjungan lapangan")
        assert page.get_by_label("Alasan perubahan").input_value() == "Narasumber hanya bisa hari itu"
        assert page.get_by_label("Tanggal baru").input_value() == visit_day.isoformat()
        check_accessibility(page)
        screenshot(page, "followup-item-clash-warning")
        page.get_by_role("button", name="Tetap pindahkan").click()
        expect(page.get_by_text("Kegiatan dipindahkan ke tanggal baru.")).to_be_visible()
        db.session.expire_all()
        assert db.session.get(FollowupItem, session_id).starts_on == visit_day


def _times(item: FollowupItem) -> tuple:
    return item.start_time, item.end_time


def test_course_session_in_a_booked_room_warns_first_on_a_phone(phone_page, factory):
    world = factory.world()
    cohort = world["a"]["cohort"]  # its session: 10 March 08:00–09:30 in Aula
    page = phone_page
    login(page, world["a"]["facilitator"].email)
    page.goto(f"/cohorts/{cohort.id}/schedule/new")
    page.get_by_label("Tanggal").fill("2026-03-10")
    page.get_by_label("Mulai").fill("09:00")
    page.get_by_label("Selesai").fill("10:30")
    page.get_by_label("Judul").fill("Modul 2: Pemetaan proses")
    page.get_by_label("Ruang").fill("Aula")
    page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.locator(".clash-warning")).to_contain_text("Ruang Aula terpakai dua kali")
    assert page.get_by_label("Judul").input_value() == "Modul 2: Pemetaan proses"
    check_accessibility(page)
    screenshot(page, "schedule-session-clash-warning-phone")
    page.get_by_role("button", name="Tetap simpan").click()
    expect(page.get_by_text("Jadwal disimpan.")).to_be_visible()
    assert "Ruang Aula terpakai dua kali" in page.content()  # the schedule lists the clash it kept


def test_people_page_links_each_participants_jp_record(phone_page, factory):
    world = factory.world()
    cohort, person = world["a"]["cohort"], world["a"]["participants"][0]
    login(phone_page, world["a"]["facilitator"].email)
    phone_page.goto(f"/cohorts/{cohort.id}/members")
    link = phone_page.locator(f'a[href$="/certificates/people/{person.id}/jp/2026.xlsx"]')
    expect(link).to_be_visible()
    check_accessibility(phone_page)
    screenshot(phone_page, "members-jp-links-phone")
    with phone_page.expect_download() as info:
        link.click()
    assert info.value.suggested_filename == f"jp-{person.nip}-2026.xlsx"
