"""Attendance sheets, self check-in, certificates with public verification, JP export, own page, closing plan."""

from __future__ import annotations

import io
import subprocess
from datetime import UTC, datetime

import time_machine
from openpyxl import load_workbook

from diklat.certificates.models import Certificate
from diklat.extensions import db
from tests.browser.conftest import check_accessibility, login, screenshot
from tests.followups.helpers import png_bytes

INSIDE = datetime(2026, 3, 10, 1, 5, tzinfo=UTC)  # 08:05 WIB on the first day, during the 08:00 session
AFTER = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)  # 11:00 WIB, the session is over
LAST_DAY = datetime(2026, 3, 12, 3, 0, tzinfo=UTC)  # 10:00 WIB on the course's last day


def _download(page, name: str, tmp_path) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=name, exact=True).first.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path.read_bytes()


def _pdf_to_png(data: bytes, tmp_path, name: str) -> int:
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(tmp_path / name)], check=True)
    from tests.browser.conftest import SHOTS

    SHOTS.mkdir(parents=True, exist_ok=True)
    pages = sorted(tmp_path.glob(f"{name}-*.png"))
    (SHOTS / f"{name}.png").write_bytes(pages[0].read_bytes())
    return len(pages)


def test_daftar_hadir_blank_then_all_present_with_one_exception(page, factory, tmp_path):
    world = factory.world()
    cohort, session, people = world["a"]["cohort"], world["a"]["session"], world["a"]["participants"]
    login(page, world["a"]["facilitator"].email)
    page.goto(f"/cohorts/{cohort.id}/schedule/{session.id}/attendance")
    assert _pdf_to_png(_download(page, "PDF kosong", tmp_path), tmp_path, "daftar-hadir-kosong") == 1
    page.get_by_role("button", name="Semua hadir").click()
    assert page.get_by_text("Semua peserta ditandai hadir.").is_visible()
    page.get_by_role("group", name=f"Status {people[1].name}").get_by_label("Izin").check()
    page.get_by_role("button", name="Simpan kehadiran").click()
    page.wait_for_load_state("networkidle")
    check_accessibility(page)
    screenshot(page, "attendance-recap")
    page.goto(f"/cohorts/{cohort.id}/schedule/{session.id}/attendance")
    assert _pdf_to_png(_download(page, "PDF terisi", tmp_path), tmp_path, "daftar-hadir-terisi") == 1
    sheet = load_workbook(io.BytesIO(_download(page, "XLSX", tmp_path))).active
    statuses = {row[1]: row[5] for row in sheet.iter_rows(min_row=9, values_only=True)}
    assert statuses[people[1].name] == "Izin" and statuses[people[0].name] == "Hadir"


def test_self_checkin_inside_and_outside_the_window(browser, live_server, page, factory):
    world = factory.world()
    cohort, session, person = world["a"]["cohort"], world["a"]["session"], world["a"]["participants"][0]
    phone = browser.new_context(base_url=live_server, locale="id-ID", viewport={"width": 390, "height": 844})
    phone_tab = phone.new_page()
    try:
        with time_machine.travel(INSIDE):
            login(page, world["a"]["facilitator"].email)
            page.goto(f"/cohorts/{cohort.id}/schedule/{session.id}/checkin")
            code = page.locator(".checkin-code").inner_text().replace(" ", "")
            check_accessibility(page)
            screenshot(page, "checkin-screen")
            login(phone_tab, person.email)
            phone_tab.goto(f"/cohorts/{cohort.id}/checkin/{session.id}?c={code}")
            phone_tab.get_by_role("button", name="Saya hadir").click()
            assert phone_tab.get_by_text("Presensi berhasil — tercatat hadir.").is_visible()
        with time_machine.travel(AFTER):
            phone_tab.goto(f"/cohorts/{cohort.id}/checkin/{session.id}?c={code}")
            phone_tab.get_by_role("button", name="Saya hadir").click()
            assert phone_tab.get_by_text("Presensi untuk sesi ini sudah ditutup.").is_visible()
            check_accessibility(phone_tab)
            phone_tab.screenshot(
                path=str(screenshot(page, "checkin-refused-desktop").with_name("checkin-refused-phone.png"))
            )
    finally:
        phone.close()


def test_issue_verify_revoke_and_jp_export(browser, live_server, page, factory, tmp_path):
    world = factory.world()
    cohort = world["a"]["cohort"]
    login(page, world["a"]["facilitator"].email)
    page.goto(f"/cohorts/{cohort.id}/schedule/{world['a']['session'].id}/attendance")
    page.get_by_role("button", name="Semua hadir").click()
    page.goto(f"/cohorts/{cohort.id}/certificates")
    assert page.get_by_text("Nama pejabat penanda tangan belum diisi.").is_visible()
    page.get_by_role("link", name="Lengkapi pengaturan").click()
    page.get_by_label("Wajib mengikuti post-test").uncheck()
    page.get_by_label("SOP kelompok wajib diajukan").uncheck()
    page.get_by_label("Nama lembaga (sesuai cetakan)").fill("Badan Pengembangan SDM Provinsi Contoh")
    page.get_by_label("Pejabat penanda tangan: jabatan").fill("Kepala Badan")
    page.get_by_label("Pejabat penanda tangan: nama").fill("Dr. Ratna Wulandari")
    page.get_by_label("Pejabat penanda tangan: NIP").fill("198305232007081088")
    (tmp_path / "ttd.png").write_bytes(png_bytes((20, 20, 160)))
    (tmp_path / "logo.png").write_bytes(png_bytes())
    page.get_by_label("Gambar tanda tangan dan stempel (PNG atau JPG)").set_input_files(str(tmp_path / "ttd.png"))
    page.get_by_label("Logo lembaga (PNG atau JPG)").set_input_files(str(tmp_path / "logo.png"))
    check_accessibility(page)
    screenshot(page, "certificate-settings")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_role("button", name="Terbitkan sertifikat untuk semua peserta yang lulus").click()
    assert page.get_by_text("4 sertifikat diterbitkan.").is_visible()
    check_accessibility(page)
    screenshot(page, "certificates-index")
    pdf = _download(page, "001/SERT/DIKLAT-SOP/2026", tmp_path)
    assert _pdf_to_png(pdf, tmp_path, "sertifikat") == 1
    jp = load_workbook(io.BytesIO(_download(page, "XLSX", tmp_path))).active
    assert jp.max_row == 5 and jp["H2"].value == 2
    first = db.session.scalar(db.select(Certificate).where(Certificate.seq == 1))
    public = browser.new_context(base_url=live_server, locale="id-ID")
    anonymous = public.new_page()
    try:
        anonymous.goto(f"/verify/{first.code}")
        assert anonymous.get_by_text("Sertifikat sah").is_visible()
        check_accessibility(anonymous)
        page.locator("table details").first.locator("summary").click()
        page.locator("table details").first.get_by_label("Alasan").fill("Nama peserta salah tulis")
        page.locator("table details").first.get_by_role("button", name="Cabut", exact=True).click()
        assert page.get_by_text("Sertifikat 001/SERT/DIKLAT-SOP/2026 dicabut.").is_visible()
        anonymous.reload()
        assert "Dicabut" in anonymous.locator(".verify-revoked").inner_text()
        assert anonymous.get_by_text("Nama peserta salah tulis").is_visible()
        anonymous.screenshot(path=str(screenshot(page, "certificates-after-revoke").with_name("verify-revoked.png")))
        assert anonymous.goto("/verify/SALAHKODE1").status == 404
    finally:
        public.close()


def test_participant_own_page_at_phone_width(phone_page, factory):
    world = factory.world()
    cohort, person = world["a"]["cohort"], world["a"]["participants"][0]
    login(phone_page, person.email)
    phone_page.goto(f"/cohorts/{cohort.id}/me")
    assert phone_page.get_by_role("heading", name="Kemajuan saya").is_visible()
    assert phone_page.get_by_text("Belum lulus").is_visible()
    check_accessibility(phone_page)
    screenshot(phone_page, "participant-own-page-phone")


def test_draft_plan_on_the_last_day_shows_a_clash(page, factory):
    world = factory.world()
    cohort = world["a"]["cohort"]
    with time_machine.travel(LAST_DAY):
        login(page, world["a"]["facilitator"].email)
        page.goto(f"/cohorts/{cohort.id}/followup")
        page.get_by_role("link", name="Susun rencana tindak lanjut").click()
        assert page.get_by_text("bertabrakan dengan kunjungan lapangan", exact=False).first.is_visible()
        check_accessibility(page)
        screenshot(page, "followup-draft-clash")
        page.get_by_role("button", name="Sepakati dan simpan rencana").click()
        assert page.get_by_text("Rencana tindak lanjut dibuat: 10 kegiatan.").is_visible()
