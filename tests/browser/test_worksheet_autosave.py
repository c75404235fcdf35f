"""Browser: a worksheet saves itself as typed, text typed offline is offered back, leaving with unsaved
changes asks first, and a teammate's newer save is reported in the page instead of being overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from diklat.curriculum.content import load_modules
from diklat.curriculum.models import ModuleState, WorksheetAnswer
from diklat.curriculum.services import set_module_state, sync_modules
from diklat.extensions import db
from tests.browser.conftest import PHONE, check_accessibility, login, screenshot, sign_in_again_from

MODULES = Path(__file__).resolve().parents[2] / "modules"
SAVED = "Draf tersimpan otomatis"


@pytest.fixture()
def m2(factory):
    """Module 2 open in cohort A; the process map of team a1."""
    modules, _problems = load_modules(MODULES)
    sync_modules(modules)
    w = factory.world()
    set_module_state(w["a"]["cohort"], 2, ModuleState.OPEN, w["a"]["facilitator"])
    db.session.commit()
    cohort, team = w["a"]["cohort"], w["a"]["teams"][0]
    return w, f"/cohorts/{cohort.id}/modules/2/sheets/process_map/teams/{team.id}"


def _stored(team) -> dict:
    db.session.expire_all()
    answer = db.session.scalar(select(WorksheetAnswer).where(WorksheetAnswer.team_id == team.id))
    return answer.data if answer else {}


def _wait_saved(page) -> None:
    page.locator("[data-autosave-status]").filter(has_text=SAVED).wait_for(timeout=12000)


def test_typing_is_saved_automatically(page, m2):
    w, url = m2
    login(page, w["a"]["participants"][0].email)
    page.goto(url)
    page.get_by_label("Layanan yang dipetakan").fill("Penerbitan Akta Kelahiran")
    page.get_by_label("Titik awal layanan").fill("Pemohon mengambil nomor antrean di Disdukcapil")
    page.locator('[name="f-steps-0-step"]').fill("Memeriksa formulir F-2.01 dan surat keterangan lahir")
    _wait_saved(page)
    screenshot(page, "worksheet-autosaved")
    assert _stored(w["a"]["teams"][0])["service"] == "Penerbitan Akta Kelahiran"
    page.reload()  # nothing unsaved: no question, and the server's copy is shown
    assert page.get_by_label("Layanan yang dipetakan").input_value() == "Penerbitan Akta Kelahiran"
    assert page.locator('[name="f-steps-0-step"]').input_value().startswith("Memeriksa formulir F-2.01")
    assert page.get_by_role("button", name="Pulihkan teks saya").count() == 0
    # Autosave moved the form to the new version: the Save button saves, it does not report a conflict.
    page.get_by_label("Titik akhir layanan").fill("Pemohon menerima akta")
    page.get_by_role("button", name="Simpan draf").click()
    assert page.get_by_text("Draf disimpan.").is_visible()
    check_accessibility(page)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "worksheet-autosave-390")


def test_text_typed_offline_is_offered_back(page, m2):
    w, url = m2
    login(page, w["a"]["participants"][0].email)
    page.goto(url)
    page.context.set_offline(True)
    page.get_by_label("Layanan yang dipetakan").fill("Diketik tanpa sambungan")
    page.get_by_role("button", name="Tambah baris").click()
    page.locator('[name="f-steps-1-step"]').fill("Langkah kedua tanpa sambungan")
    assert page.locator("[data-autosave-status]").inner_text().startswith("Tidak tersambung")
    page.wait_for_timeout(600)  # the browser copy is written after a short pause in typing
    context = page.context
    # The closed tab must not get its text through when the network returns (a closing renderer can still
    # hear the "online" event): only the browser copy may bring it back, so autosaves fail until the restore.
    context.route("**/autosave", lambda route: route.abort("internetdisconnected"))
    page.close()
    again = context.new_page()
    context.set_offline(False)
    again.goto(url)
    assert again.get_by_label("Layanan yang dipetakan").input_value() == ""
    context.unroute("**/autosave")
    again.get_by_role("button", name="Pulihkan teks saya").click()
    assert again.get_by_label("Layanan yang dipetakan").input_value() == "Diketik tanpa sambungan"
    assert again.locator('[name="f-steps-1-step"]').input_value() == "Langkah kedua tanpa sambungan"
    _wait_saved(again)  # restored text is saved to the server too
    assert _stored(w["a"]["teams"][0])["service"] == "Diketik tanpa sambungan"


def test_leaving_with_unsaved_changes_asks(page, m2):
    w, url = m2
    login(page, w["a"]["participants"][0].email)
    page.goto(url)
    page.get_by_label("Titik akhir layanan").fill("Belum disimpan")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("link", name="Modul", exact=True).click()
    assert asked and "belum disimpan" in asked[0]
    assert page.url.endswith(url) and page.get_by_label("Titik akhir layanan").input_value() == "Belum disimpan"
    # Closing the tab asks too (the browser's own question).
    kinds = []
    page.on("dialog", lambda dialog: (kinds.append(dialog.type), dialog.accept()))
    page.close(run_before_unload=True)
    page.wait_for_event("close")
    assert kinds == ["beforeunload"]


def test_teammates_newer_save_is_reported_not_overwritten(browser, live_server, m2):
    w, url = m2
    team = w["a"]["teams"][0]
    tabs = []
    for person in w["a"]["participants"][:2]:
        context = browser.new_context(base_url=live_server, locale="id-ID", viewport={"width": 1366, "height": 800})
        tab = context.new_page()
        login(tab, person.email)
        tab.goto(url)
        tabs.append(tab)
    ani, budi = tabs
    ani.get_by_label("Layanan yang dipetakan").fill("Layanan dari Ani")
    _wait_saved(ani)
    budi.get_by_label("Titik awal layanan").fill("Titik awal dari Budi")
    budi.locator("[data-autosave-status]").filter(has_text="Rekan satu kelompok").wait_for(timeout=12000)
    screenshot(budi, "worksheet-autosave-conflict")
    assert _stored(team)["service"] == "Layanan dari Ani" and not _stored(team).get("start_point")
    budi.get_by_role("button", name="Simpan draf").click()  # the Save button leads to the merge step
    assert budi.locator("form.merge-form").get_by_text("Layanan dari Ani").first.is_visible()
    assert _stored(team)["service"] == "Layanan dari Ani"
    for tab in tabs:
        tab.context.close()


def test_signed_out_while_typing_says_so_and_saves_once_signed_in_again(page, m2):
    """A session ended elsewhere (a password reset) is not reported as a lost connection; the text is sent after."""
    from diklat.auth.models import User

    w, url = m2
    participant = w["a"]["participants"][0]
    login(page, participant.email)
    page.goto(url)
    db.session.get(User, participant.id).end_sessions()
    db.session.commit()
    page.get_by_label("Layanan yang dipetakan").fill("Izin Usaha Mikro")
    status = page.locator("[data-autosave-status]")
    status.filter(has_text="Anda sudah keluar dari akun").wait_for(timeout=12000)
    link = status.get_by_role("link", name="Masuk lagi (membuka tab baru)")
    check_accessibility(page)
    sign_in_again_from(page, link, participant.email, f"**{url}")
    _wait_saved(page)
    assert _stored(w["a"]["teams"][0])["service"] == "Izin Usaha Mikro"
