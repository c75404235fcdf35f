"""Follow-up in a real browser: plan, reschedule, visit log with photo, report, reminders, .ics, phone calendar."""

from __future__ import annotations

import email
from datetime import timedelta
from pathlib import Path

from icalendar import Calendar
from sqlalchemy import func, select

from diklat.common import time as clock
from diklat.extensions import db
from diklat.followups import schedule
from diklat.followups.models import FollowupItem, ItemKind, ReportStatus, SentReminder, TrialReport, VisitLog
from tests.browser.conftest import check_accessibility, login, screenshot
from tests.followups.helpers import item_of, past_world, png_bytes


def test_facilitator_generates_and_reschedules(page, factory):
    world = past_world(factory, generate=False)
    cohort = world["a"]["cohort"]
    login(page, world["a"]["facilitator"].email)
    page.goto(f"/cohorts/{cohort.id}/followup")
    page.get_by_role("link", name="Susun rencana tindak lanjut").click()
    page.get_by_role("button", name="Sepakati dan simpan rencana").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Rencana tindak lanjut dibuat: 10 kegiatan.").is_visible()
    check_accessibility(page)
    screenshot(page, "followups-plan")
    page.get_by_role("table", name="Rencana Kelompok a1").get_by_role("link", name="Kunjungan pendampingan").click()
    off = schedule.non_working_days([clock.today().year, clock.today().year + 1])
    new_day = schedule.next_working_day(clock.today() + timedelta(days=12), off)[0]
    page.get_by_label("Tanggal baru").fill(new_day.isoformat())
    page.get_by_label("Alasan perubahan").fill("Kepala dinas menghadiri rapat dengan Bupati")
    page.get_by_role("button", name="Pindahkan").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Kegiatan dipindahkan ke tanggal baru.").is_visible()
    assert page.get_by_text("Kepala dinas menghadiri rapat dengan Bupati").is_visible()
    check_accessibility(page)
    screenshot(page, "followups-item")
    db.session.expire_all()
    item = item_of(world["a"]["teams"][0].id, ItemKind.VISIT)
    assert item.starts_on == new_day and item.status.value == "rescheduled"


def test_mentor_logs_a_visit_with_a_photo(page, factory, tmp_path):
    world = past_world(factory)
    team = world["a"]["teams"][0]
    login(page, world["a"]["mentor"].email)
    page.goto(f"/cohorts/{team.cohort_id}/followup/teams/{team.id}")
    page.get_by_role("link", name="Catat kunjungan").click()
    page.get_by_label("Langkah SOP 1").fill("Petugas memeriksa berkas dengan daftar periksa")
    page.get_by_role("group", name="Sejauh mana langkah 1 diterapkan?").get_by_label("Diterapkan", exact=True).check()
    page.get_by_label("Langkah SOP 2").fill("Pemohon mengisi survei kepuasan")
    page.get_by_role("group", name="Sejauh mana langkah 2 diterapkan?").get_by_label("Belum diterapkan").check()
    page.get_by_label("Catatan langkah 2").fill("Formulir survei belum dicetak")
    page.get_by_label("Masalah yang ditemukan").fill("Antrean menumpuk pukul 09.00")
    page.get_by_label("Tindak lanjut 1", exact=True).fill("Cetak formulir survei")
    page.get_by_label("Penanggung jawab tindak lanjut 1").fill("Kasi Pelayanan")
    page.get_by_label("Tenggat tindak lanjut 1").fill((clock.today() + timedelta(days=14)).isoformat())
    check_accessibility(page)
    page.get_by_role("button", name="Simpan catatan kunjungan").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Catatan kunjungan disimpan.").is_visible()
    photo = tmp_path / "loket.png"
    photo.write_bytes(png_bytes())
    page.get_by_label("Berkas").set_input_files(str(photo))
    page.get_by_label("Keterangan").fill("Papan alur di loket")
    page.get_by_role("button", name="Unggah").click()
    page.wait_for_load_state("networkidle")
    image = page.get_by_role("img", name="Papan alur di loket")
    assert image.is_visible() and image.evaluate("img => img.naturalWidth") == 8
    check_accessibility(page)
    screenshot(page, "followups-visit")
    log = db.session.scalar(select(VisitLog).where(VisitLog.team_id == team.id))
    assert len(log.observations) == 2 and len(log.attachments) == 1


def test_team_submits_its_report(page, factory):
    world = past_world(factory)
    team = world["a"]["teams"][0]
    login(page, world["a"]["participants"][0].email)
    page.goto(f"/cohorts/{team.cohort_id}/followup/teams/{team.id}/report")
    page.get_by_role("link", name="Mulai menyusun laporan").click()
    page.get_by_label("Uji coba mulai").fill((clock.today() - timedelta(days=60)).isoformat())
    page.get_by_label("Uji coba sampai").fill(clock.today().isoformat())
    page.get_by_label("Yang berjalan baik").fill("Daftar periksa dipakai di semua loket")
    page.get_by_label("Hambatan").fill("Aplikasi lambat pada jam sibuk")
    page.get_by_label("Sebelum (menit), baris 1").fill("95,5")
    page.get_by_label("Selama uji coba (menit), baris 1").fill("61")
    page.get_by_label("Indeks SKM, sebelum").fill("74,5")
    page.get_by_label("Indeks SKM, selama uji coba").fill("83,2")
    check_accessibility(page)
    page.get_by_role("button", name="Simpan draf").click()
    page.wait_for_load_state("networkidle")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Kirim untuk ditelaah").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Laporan dikirim.").is_visible()
    assert page.get_by_text("Dikirim, menunggu telaah").first.is_visible()
    assert page.get_by_role("cell", name="83,2 (B, Baik)").is_visible()
    check_accessibility(page)
    screenshot(page, "followups-report")
    report = db.session.scalar(select(TrialReport).where(TrialReport.team_id == team.id))
    assert report.status == ReportStatus.SUBMITTED


def test_reminders_twice_send_once_and_home_shows_overdue(page, factory, app, tmp_path, monkeypatch):
    world = past_world(factory, days_ago=120)
    monkeypatch.setitem(app.config, "MAIL_FOLDER", str(tmp_path / "mail"))
    runner = app.test_cli_runner()
    first = runner.invoke(args=["reminders", "send"])
    second = runner.invoke(args=["reminders", "send"])
    assert first.exit_code == second.exit_code == 0
    files = list((tmp_path / "mail").glob("*.eml"))
    assert files and second.output.startswith("Reminders: 0 sent")
    assert len(files) == db.session.scalar(select(func.count()).select_from(SentReminder))
    subjects = {email.message_from_bytes(f.read_bytes())["Subject"] for f in files}
    assert any("Lewat tenggat" in s for s in subjects)
    login(page, world["a"]["participants"][0].email)
    assert page.get_by_text("Lewat tenggat").first.is_visible()
    check_accessibility(page)


def test_ics_download_opens_in_icalendar_with_jakarta_times(page, factory, tmp_path):
    world = past_world(factory)
    item = item_of(world["a"]["teams"][0].id, ItemKind.VISIT)
    login(page, world["a"]["participants"][0].email)
    page.goto(f"/cohorts/{item.cohort_id}/followup/items/{item.id}")
    with page.expect_download() as info:
        page.get_by_role("link", name="Tambahkan ke kalender saya (.ics)").click()
    target = tmp_path / "item.ics"
    info.value.save_as(str(target))
    events = Calendar.from_ical(Path(target).read_bytes()).walk("VEVENT")
    start, end = events[0].decoded("dtstart"), events[-1].decoded("dtend")
    assert str(start.tzinfo) == "Asia/Jakarta" and start.utcoffset() == timedelta(hours=7)
    assert (start.date(), start.hour, end.date(), end.hour) == (item.starts_on, 8, item.ends_on, 16)


def test_calendar_at_phone_width(phone_page, factory):
    world = past_world(factory, days_ago=20)
    visit = item_of(world["a"]["teams"][0].id, ItemKind.VISIT)
    login(phone_page, world["a"]["mentor"].email)
    phone_page.goto(f"/calendar?month={visit.starts_on:%Y-%m}")
    assert phone_page.get_by_role("link", name="Kunjungan pendampingan · Kelompok a1").first.is_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    check_accessibility(phone_page)
    screenshot(phone_page, "followups-calendar-phone")
    phone_page.goto(f"/cohorts/{visit.cohort_id}/followup/teams/{visit.team_id}")
    check_accessibility(phone_page)
    screenshot(phone_page, "followups-team-phone")
    assert db.session.scalar(select(func.count()).select_from(FollowupItem)) > 0
