"""Platform in the browser: sign-in per role, cohort creation, bulk enrolment with a bad file."""

from __future__ import annotations

import pytest

from diklat.cohorts.models import Cohort, CohortMember, Role
from diklat.extensions import db
from tests.browser.conftest import check_accessibility, login, screenshot

BAD_CSV = (
    "name,nip,email,agency,unit,position,team\n"
    "Ani Suryani,198703152010122001,ani@example.go.id,DPMPTSP,,Petugas,Kelompok 1\n"
    "Budi,12345,budi@example.go.id,DPMPTSP,,Petugas,Kelompok 1\n"
    "Citra,198801012012012002,bukan-surel,DPMPTSP,,Petugas,\n"
)
GOOD_CSV = (
    "name,nip,email,agency,unit,position,team\n"
    "Ani Suryani,198703152010122001,ani@example.go.id,DPMPTSP,,Petugas,Kelompok 1\n"
    "Budi Santoso,198703152010121002,budi@example.go.id,DPMPTSP,,Petugas,Kelompok 1\n"
)


@pytest.mark.parametrize("who", ["admin", "facilitator", "mentor", "participant"])
def test_each_role_signs_in_and_sees_its_home(page, factory, who):
    world = factory.world()
    user = {
        "admin": world["admin"],
        "facilitator": world["a"]["facilitator"],
        "mentor": world["a"]["mentor"],
        "participant": world["a"]["participants"][0],
    }[who]
    login(page, user.email)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Selamat datang")
    expected = {
        "admin": "Administrasi",
        "facilitator": "Angkatan yang Anda fasilitasi",
        "mentor": "Kelompok yang Anda dampingi",
        "participant": "Kelompok Anda",
    }[who]
    assert expected in page.content()
    check_accessibility(page)
    screenshot(page, f"home-{who}")


def test_wrong_password_message_next_to_field(page, factory):
    user = factory.user()
    page.goto("/login")
    page.get_by_label("Surel").fill(user.email)
    page.get_by_label("Kata sandi").fill("bukan-sandinya")
    page.get_by_role("button", name="Masuk").click()
    error = page.locator("#password-error")
    assert error.is_visible()
    assert page.get_by_label("Surel").input_value() == user.email


def test_busy_sign_in_says_press_again_next_to_the_field_on_a_phone(phone_page, factory, monkeypatch):
    from diklat.auth import hashing

    def every_slot_taken():
        raise hashing.HashBusy

    user = factory.user()
    monkeypatch.setattr(hashing, "_slot", every_slot_taken)  # a burst of sign-ins holds every hashing slot
    page = phone_page
    page.goto("/login")
    page.get_by_label("Surel").fill(user.email)
    page.get_by_label("Kata sandi").fill("diklat-demo")
    page.get_by_role("button", name="Masuk").click()
    error = page.locator("#password-error")
    assert error.is_visible() and "sekali lagi" in error.inner_text()
    assert page.get_by_label("Surel").input_value() == user.email
    check_accessibility(page)
    screenshot(page, "sign-in-busy-phone")
    monkeypatch.undo()  # the slot frees up: pressing again signs in
    page.get_by_label("Kata sandi").fill("diklat-demo")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Selamat datang")


def test_facilitator_creates_cohort_with_validation(page, factory):
    world = factory.world()
    login(page, world["a"]["facilitator"].email)
    page.goto("/cohorts/new")
    page.get_by_label("Nama angkatan").fill("Angkatan Uji Browser")
    page.get_by_label("Pelatihan").fill("Diklat Pengembangan SOP LTSP")
    page.get_by_label("Tempat").fill("Aula BPSDM")
    page.get_by_label("Hari pertama").fill("2026-06-02")
    page.get_by_label("Hari terakhir").fill("2026-06-10")
    page.get_by_role("button", name="Simpan").click()
    assert page.locator("#end_date-error").is_visible()
    assert page.get_by_label("Nama angkatan").input_value() == "Angkatan Uji Browser"
    check_accessibility(page)
    page.get_by_label("Hari terakhir").fill("2026-06-04")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/cohorts/*")
    assert page.get_by_role("heading", name="Angkatan Uji Browser").is_visible()
    assert db.session.scalar(db.select(Cohort).where(Cohort.name == "Angkatan Uji Browser")) is not None


def test_bulk_enrolment_bad_file_then_good_file(page, factory, tmp_path):
    world = factory.world()
    cohort = world["a"]["cohort"]
    login(page, world["a"]["facilitator"].email)
    page.goto(f"/cohorts/{cohort.id}/enrol")
    bad = tmp_path / "peserta.csv"
    bad.write_text(BAD_CSV, encoding="utf-8")
    page.get_by_label("Berkas peserta (CSV atau XLSX)").set_input_files(str(bad))
    page.get_by_role("button", name="Periksa dan impor").click()
    problems = page.locator("#problems tbody tr")
    assert problems.count() >= 3  # bad NIP row 3, bad e-mail row 4, empty team row 4
    text = page.locator("#problems").inner_text()
    assert "Tidak ada yang disimpan" in text or "tidak diimpor" in text
    count = db.session.scalar(
        db.select(db.func.count()).select_from(CohortMember).where(CohortMember.cohort_id == cohort.id)
    )
    assert count == 6  # facilitator, mentor, four participants: nothing was added
    check_accessibility(page)
    screenshot(page, "enrol-errors")
    good = tmp_path / "peserta-benar.csv"
    good.write_text(GOOD_CSV, encoding="utf-8")
    page.get_by_label("Berkas peserta (CSV atau XLSX)").set_input_files(str(good))
    page.get_by_role("button", name="Periksa dan impor").click()
    page.wait_for_url("**/members")
    assert page.get_by_role(
        "cell", name="Budi Santoso"
    ).first.is_visible()  # the row (labels of its forms name him too)
    db.session.expire_all()
    assert len(db.session.get(Cohort, cohort.id).members_with_role(Role.PARTICIPANT)) == 6


def test_phone_width_pages_are_usable(phone_page, factory):
    world = factory.world()
    login(phone_page, world["a"]["facilitator"].email)
    cohort_id = world["a"]["cohort"].id
    for path, name in (
        (f"/cohorts/{cohort_id}", "cohort"),
        (f"/cohorts/{cohort_id}/schedule", "schedule"),
        (f"/cohorts/{cohort_id}/attendance", "attendance"),
        (f"/cohorts/{cohort_id}/members", "members"),
    ):
        phone_page.goto(path)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 400, f"{path} scrolls sideways ({width}px)"
        check_accessibility(phone_page)
        screenshot(phone_page, f"phone-{name}")
