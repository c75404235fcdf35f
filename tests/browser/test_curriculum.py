"""Browser: a participant fills M2's process map, a teammate's conflicting save is caught, the facilitator
returns it with a comment, the participant revises and it is accepted; typed text survives an expired session."""

from __future__ import annotations

from pathlib import Path

import pytest

from diklat.curriculum.content import load_modules
from diklat.curriculum.models import ModuleState
from diklat.curriculum.services import set_module_state, sync_modules
from diklat.extensions import db
from tests.browser.conftest import check_accessibility, login, screenshot

MODULES = Path(__file__).resolve().parents[2] / "modules"


@pytest.fixture()
def m2(factory):
    modules, _problems = load_modules(MODULES)
    sync_modules(modules)
    w = factory.world()
    for n in (2, 5):
        set_module_state(w["a"]["cohort"], n, ModuleState.OPEN, w["a"]["facilitator"])
    db.session.commit()
    cohort, team = w["a"]["cohort"], w["a"]["teams"][0]
    return w, f"/cohorts/{cohort.id}/modules/2/sheets/process_map/teams/{team.id}"


def _fill_row(page, index: int, step: str, actor: str, minutes: str, wait: str, delay: bool) -> None:
    page.locator(f'[name="f-steps-{index}-step"]').fill(step)
    page.locator(f'[name="f-steps-{index}-actor"]').fill(actor)
    page.locator(f'[name="f-steps-{index}-time"]').fill(minutes)
    page.locator(f'[name="f-steps-{index}-wait"]').fill(wait)
    if delay:
        page.locator(f'[name="f-steps-{index}-delay"]').check()


def test_process_map_conflict_return_revise_accept(page, browser, live_server, m2):
    w, url = m2
    first, second = w["a"]["participants"][0], w["a"]["participants"][1]
    login(page, first.email)
    page.goto(url)
    check_accessibility(page)
    page.get_by_label("Layanan yang dipetakan").fill("Izin Usaha Mikro dan Kecil")
    page.get_by_label("Titik awal layanan").fill("Pemohon datang ke loket informasi")
    page.get_by_label("Titik akhir layanan").fill("Pemohon menerima izin")
    _fill_row(page, 0, "Mengambil nomor antrean", "Pemohon", "2", "35", True)
    page.get_by_role("button", name="Tambah baris").click()
    page.get_by_role("button", name="Tambah baris").click()
    _fill_row(page, 1, "Memeriksa kelengkapan berkas", "Petugas loket", "10", "0", False)
    _fill_row(page, 2, "Menandatangani izin", "Kepala Dinas", "5", "24 jam", True)
    # Submitting with a required field empty keeps every row and says what is missing.
    page.get_by_role("button", name="Kirim untuk ditelaah").click()
    assert page.locator(".error-summary").is_visible()
    assert page.locator('[name="f-steps-2-wait"]').input_value() == "24 jam"
    page.get_by_role("button", name="Simpan draf").click()
    assert page.get_by_text("Draf disimpan.").is_visible()

    # A teammate opens the same worksheet, then the first participant saves a change.
    other = browser.new_context(base_url=live_server, locale="id-ID", viewport={"width": 1280, "height": 900})
    teammate = other.new_page()
    login(teammate, second.email)
    teammate.goto(url)
    page.get_by_label("Titik akhir layanan").fill("Pemohon menerima izin yang sudah ditandatangani")
    page.get_by_role("button", name="Simpan draf").click()
    teammate.get_by_label("Titik akhir layanan").fill("Izin dikirim lewat surel")
    teammate.get_by_role("button", name="Simpan draf").click()
    # Nothing is overwritten: the merge step shows theirs beside mine; "keep both" is the default.
    merge = teammate.locator("form.merge-form")
    assert merge.locator(".merge-theirs").get_by_text("Pemohon menerima izin yang sudah ditandatangani").is_visible()
    assert merge.locator(".merge-mine").get_by_text("Izin dikirim lewat surel").is_visible()
    screenshot(teammate, "curriculum-conflict")
    teammate.get_by_role("button", name="Simpan versi gabungan").click()
    assert "Izin dikirim lewat surel" in teammate.get_by_label("Titik akhir layanan").input_value()
    assert "Pemohon menerima izin" in teammate.get_by_label("Titik akhir layanan").input_value()
    other.close()
    page.reload()  # the first participant continues on the merged version

    page.get_by_label("Analisis titik rawan: penyebab dan usulan perbaikan").fill(
        "Antrean panjang pagi hari; tanda tangan menunggu kepala dinas."
    )
    page.get_by_role("button", name="Kirim untuk ditelaah").click()
    assert page.get_by_text("Dikirim untuk diperiksa.").is_visible()

    # The facilitator returns it with a comment on the steps.
    page.context.clear_cookies()
    login(page, w["a"]["facilitator"].email)
    page.goto(url)
    check_accessibility(page)
    page.locator("#field-steps").get_by_text("Komentari isian ini").click()
    page.get_by_label("Komentar untuk “Langkah-langkah layanan”").fill("Tambahkan langkah verifikasi oleh verifikator.")
    page.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    assert page.get_by_text("Lembar kerja dikembalikan beserta komentar Anda.").is_visible()

    # The participant sees the comment, revises, resubmits; the facilitator accepts.
    page.context.clear_cookies()
    login(page, first.email)
    page.goto(url)
    assert page.get_by_text("Tambahkan langkah verifikasi oleh verifikator.").first.is_visible()
    page.get_by_role("button", name="Tambah baris").click()
    _fill_row(page, 3, "Memverifikasi dan memberi paraf", "Verifikator", "15", "0", False)
    page.get_by_role("button", name="Kirim untuk ditelaah").click()
    assert page.get_by_text("Dikirim untuk diperiksa.").is_visible()
    page.context.clear_cookies()
    login(page, w["a"]["facilitator"].email)
    page.goto(url)
    assert page.get_by_text("Memverifikasi dan memberi paraf").is_visible()
    page.get_by_role("button", name="Terima", exact=True).click()
    assert page.get_by_text("Lembar kerja diterima.").is_visible()
    screenshot(page, "curriculum-accepted")
    page.goto(f"/cohorts/{w['a']['cohort'].id}/modules/progress")
    check_accessibility(page)
    assert page.locator("table.progress-board").get_by_text("Diterima").first.is_visible()


def test_typed_text_survives_expired_session(page, m2):
    w, url = m2
    login(page, w["a"]["participants"][0].email)
    page.goto(url)
    page.get_by_label("Layanan yang dipetakan").fill("Akta Kelahiran")
    page.get_by_role("button", name="Tambah baris").click()
    _fill_row(page, 1, "Mencetak akta", "Operator SIAK", "5", "0", True)
    page.wait_for_timeout(600)  # the draft is kept after a short pause in typing
    page.context.clear_cookies()  # the session expires
    page.get_by_role("button", name="Simpan draf").click()
    page.wait_for_load_state("networkidle")
    login(page, w["a"]["participants"][0].email)
    page.goto(url)
    page.get_by_role("button", name="Pulihkan teks saya").click()
    assert page.get_by_label("Layanan yang dipetakan").input_value() == "Akta Kelahiran"
    assert page.locator('[name="f-steps-1-step"]').input_value() == "Mencetak akta"
    assert page.locator('[name="f-steps-1-delay"]').is_checked()
    page.get_by_role("button", name="Simpan draf").click()
    assert page.get_by_text("Draf disimpan.").is_visible()
    page.reload()
    assert page.get_by_role("button", name="Pulihkan teks saya").count() == 0


def test_phone_width_worksheet(phone_page, m2):
    w, url = m2
    login(phone_page, w["a"]["participants"][0].email)
    phone_page.goto(url)
    check_accessibility(phone_page)
    screenshot(phone_page, "curriculum-m2-phone")
    phone_page.goto(f"/cohorts/{w['a']['cohort'].id}/modules/2")
    check_accessibility(phone_page)
    screenshot(phone_page, "curriculum-module-phone")
