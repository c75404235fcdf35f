"""Getting in, in a real browser: XLSX enrolment, invitation mails, set password, used/expired links, slips,
forgot password, and a participant moved to another team."""

from __future__ import annotations

import subprocess
import time
from datetime import timedelta

import time_machine
from openpyxl import Workbook
from sqlalchemy import select

from diklat.cohorts.models import CohortMember
from diklat.common.time import utcnow
from diklat.extensions import db
from tests.access.helpers import link_in, mails, mails_to
from tests.browser.conftest import PHONE, SHOTS, check_accessibility, login, screenshot

PEOPLE = [
    ("Gita Permana", "198807122012032001", "gita@example.go.id", "Kelompok Mawar"),
    ("Yoga Pratama", "199001052015031002", "yoga@example.go.id", "Kelompok Mawar"),
    ("Sekar Ayu", "198912202014022003", "sekar@example.go.id", "Kelompok Melati"),
]


def _wait_until(condition, seconds: float = 20.0) -> None:
    """Poll ``condition`` until it holds or the time is up (the assertion after it says what was missing)."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)


def _xlsx(path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["nama", "nip", "email", "instansi", "unit kerja", "jabatan", "kelompok"])
    for name, nip, mail, team in PEOPLE:
        sheet.append([name, nip, mail, "DPMPTSP Kota Mekarsari", "Bidang Pelayanan", "Petugas Loket", team])
    book.save(path)


def _both_widths(page, name: str) -> None:
    screenshot(page, f"{name}-1366")
    page.set_viewport_size(PHONE)
    screenshot(page, f"{name}-390")
    page.set_viewport_size({"width": 1366, "height": 900})


def test_enrol_xlsx_invite_set_password_and_dead_links(page, factory, app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_FOLDER", str(tmp_path / "mail"))
    world = factory.world()
    cohort = world["a"]["cohort"]
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, world["a"]["facilitator"].email)
    page.goto(f"/cohorts/{cohort.id}/enrol")
    _xlsx(tmp_path / "peserta.xlsx")
    page.set_input_files("input[type=file]", str(tmp_path / "peserta.xlsx"))
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("3 peserta didaftarkan.").is_visible()
    # The mails go out in a job after the response: wait for them (a loaded machine can take seconds).
    _wait_until(lambda: len(mails(app)) >= len(PEOPLE))
    assert sorted(m["To"] for m in mails(app)) == sorted(p[2] for p in PEOPLE)
    page.reload()
    assert page.locator(".badge", has_text="Diundang").count() == 3
    check_accessibility(page)
    _both_widths(page, "access-members")

    with page.expect_download() as download:
        page.get_by_role("button", name="Cetak slip masuk (PDF)").click()
    pdf = tmp_path / "slips.pdf"
    download.value.save_as(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(pdf), str(SHOTS / "access-slips")], check=True
    )
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert all(p[0] in text for p in PEOPLE)

    page.context.clear_cookies()
    link = link_in(mails_to(app, "gita@example.go.id")[0])
    page.goto(link)
    assert page.get_by_role("heading", name="Buat kata sandi Anda").is_visible()
    check_accessibility(page)
    _both_widths(page, "access-set-password")
    page.locator("#new").fill("melati-di-pagi-hari")
    page.locator("#confirm").fill("melati-di-pagi-hari")
    page.get_by_role("button", name="Simpan kata sandi dan lanjutkan").click()
    page.wait_for_load_state("networkidle")
    assert page.url.rstrip("/") == page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2]  # the home page
    assert page.get_by_text("Kata sandi Anda sudah dibuat. Selamat datang!").is_visible()
    page.context.clear_cookies()

    page.goto(link)
    assert page.get_by_role("heading", name="Tautan ini tidak berlaku lagi").is_visible()
    check_accessibility(page)
    _both_widths(page, "access-link-invalid")
    other = link_in(mails_to(app, "yoga@example.go.id")[0])
    with time_machine.travel(utcnow() + timedelta(days=8), tick=True):
        page.goto(other)
        assert page.get_by_role("heading", name="Tautan ini tidak berlaku lagi").is_visible()
        page.get_by_label("Surel").fill("yoga@example.go.id")
        page.get_by_role("button", name="Kirim tautan baru").click()
        page.wait_for_load_state("networkidle")
        assert page.get_by_role("heading", name="Periksa surel Anda").is_visible()


def test_forgot_password_end_to_end(page, factory, app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_FOLDER", str(tmp_path / "mail"))
    user = factory.user(email="lupa-sandi@example.go.id")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/login")
    page.get_by_role("link", name="Saya punya kode masuk dari slip").click()
    page.get_by_label("Kode masuk").fill("AAAA-CCCC")
    page.locator("#new").fill("sandi-dari-slip-1")
    page.locator("#confirm").fill("sandi-dari-slip-1")
    page.get_by_role("button", name="Simpan kata sandi dan lanjutkan").click()
    assert page.locator("#code-error").is_visible()
    assert page.locator("#code").input_value() == "AAAA-CCCC"  # what was typed stays
    check_accessibility(page)
    _both_widths(page, "access-code")
    page.goto("/login")
    page.get_by_role("link", name="Lupa kata sandi?").click()
    check_accessibility(page)
    _both_widths(page, "access-forgot")
    page.get_by_label("Surel").fill("tidak-terdaftar@example.go.id")
    page.get_by_role("button", name="Kirim tautan").click()
    unknown = page.locator("main").inner_text().replace("tidak-terdaftar@example.go.id", "X")
    page.goto("/password/forgot")
    page.get_by_label("Surel").fill(user.email)
    page.get_by_role("button", name="Kirim tautan").click()
    page.wait_for_load_state("networkidle")
    known = page.locator("main").inner_text().replace(user.email, "X")
    assert known == unknown
    _both_widths(page, "access-forgot-sent")
    _wait_until(lambda: bool(mails_to(app, user.email)))
    assert mails_to(app, "tidak-terdaftar@example.go.id") == []
    page.goto(link_in(mails_to(app, user.email)[0]))
    page.locator("#new").fill("sandi-baru-yang-panjang")
    page.locator("#confirm").fill("sandi-baru-yang-panjang")
    page.get_by_role("button", name="Simpan kata sandi dan lanjutkan").click()
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()
    login(page, user.email, "sandi-baru-yang-panjang")
    assert page.get_by_role("heading", name="Beranda").count() + page.locator("h1").count() >= 1
    assert "/login" not in page.url


def test_moved_participant_sees_new_team_only(page, factory):
    world = factory.world()
    a = world["a"]
    mover = a["participants"][0]
    old, new = a["teams"]
    member = db.session.scalar(select(CohortMember).where(CohortMember.user_id == mover.id))
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, a["facilitator"].email)
    page.goto(f"/cohorts/{a['cohort'].id}/members")
    page.get_by_label(f"Kelompok {mover.name}").select_option(label=new.name)
    page.locator(f"form[action$='/members/{member.id}/team'] button").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text(f"{mover.name} sekarang anggota {new.name}.").is_visible()
    page.context.clear_cookies()
    login(page, mover.email)
    page.goto(f"/cohorts/{a['cohort'].id}/teams")
    assert page.get_by_text(new.name).first.is_visible() and page.get_by_text(old.name).count() == 0
    assert page.goto(f"/cohorts/{a['cohort'].id}/sops/{new.id}").status == 200
    assert page.goto(f"/cohorts/{a['cohort'].id}/sops/{old.id}").status == 404
    page.goto(f"/cohorts/{a['cohort'].id}/members")
    body = page.content()
    assert all(u.email not in body and u.nip not in body for u in a["participants"][1:])
    check_accessibility(page)
    _both_widths(page, "access-members-participant")
    page.goto("/account")
    check_accessibility(page)
    _both_widths(page, "access-account")


def test_admin_accounts_and_audit_pages(page, factory):
    world = factory.world()
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, world["admin"].email)
    page.goto("/admin/users?role=participant")
    check_accessibility(page)
    _both_widths(page, "access-admin-users")
    page.locator(f"#pick-{world['a']['participants'][0].id}").check()
    page.get_by_label("Untuk akun yang dicentang").select_option("deactivate")
    page.get_by_role("button", name="Terapkan").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("1 akun dinonaktifkan.").is_visible()
    page.goto("/admin/audit")
    assert page.get_by_role("cell", name="Dinonaktifkan").is_visible()
    check_accessibility(page)
    _both_widths(page, "access-admin-audit")
