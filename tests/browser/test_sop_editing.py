"""Browser: the SOP editor fits 1366 px, rows change in the page, leaving asks, offline text comes back,
and two teammates' simultaneous saves end in a merge that keeps both."""

from __future__ import annotations

from diklat.extensions import db
from diklat.sops.document import Step
from diklat.sops.models import Sop
from diklat.sops.services import save_draft
from tests.browser.conftest import PHONE, check_accessibility, login, screenshot, sign_in_again_from
from tests.sops.helpers import good_document


def _long_sop(world) -> str:
    """Team a1's SOP with 14 steps saved; returns the editor path."""
    a = world["a"]
    team = a["teams"][0]
    doc = good_document()
    for n in range(7):
        doc.steps.insert(
            5, Step(activity=f"Langkah tambahan {n + 1}.", actor="Verifikator", time_value=1, output="Catatan")
        )
    save_draft(team, None, doc, a["participants"][0], "0")
    db.session.commit()
    return f"/cohorts/{a['cohort'].id}/sops/{team.id}"


def _stored_purpose(team_id: int) -> str:
    db.session.expire_all()
    return db.session.scalar(db.select(Sop).where(Sop.team_id == team_id)).draft["explanation"]["purpose"]


def test_editor_fits_1366_and_rows_change_without_a_reload(page, factory):
    world = factory.world()
    url = _long_sop(world)
    page.set_viewport_size({"width": 1366, "height": 800})
    login(page, world["a"]["participants"][0].email)
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.get_by_label("Langkah 1: Output", exact=True).is_visible()
    screenshot(page, "sop-editor-1366")
    page.evaluate("window.__sameDocument = true")
    rows = page.locator("table.sop-steps tbody tr")
    assert rows.count() == 14
    page.get_by_role("button", name="Tambahkan langkah setelah langkah 2").click()
    assert rows.count() == 15 and page.get_by_label("Langkah 3: Kegiatan", exact=True).input_value() == ""
    page.get_by_role("button", name="Pindahkan langkah 1 ke bawah").click()
    assert page.get_by_label("Langkah 1: Kegiatan", exact=True).input_value() == "Memeriksa kelengkapan berkas."
    page.get_by_label("Pelaksana (satu per baris)").fill("Pemohon\nPetugas Loket\nVerifikator\nAnalis Data")
    page.get_by_role("button", name="Terapkan daftar pelaksana").click()
    page.get_by_label("Langkah 3: Pelaksana", exact=True).select_option("Analis Data")
    assert page.evaluate("window.__sameDocument === true")  # no round trip for any of them
    page.get_by_role("button", name="Simpan draf").first.click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_label("Langkah 3: Pelaksana", exact=True).input_value() == "Analis Data"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    check_accessibility(page)
    page.set_viewport_size(PHONE)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "sop-editor-390")


def _leaving_asks(page) -> None:
    """A click on another cohort tab asks before unsaved work is left; dismissing the question stays put."""
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("link", name="Kelas", exact=True).click()  # another cohort tab group (leads to the overview)
    assert asked and "belum disimpan" in asked[0]


def test_leaving_with_unsaved_changes_asks(page, factory):
    world = factory.world()
    url = _long_sop(world)
    login(page, world["a"]["participants"][0].email)
    page.goto(url)
    page.get_by_label("Tujuan", exact=True).fill("Belum disimpan.")
    _leaving_asks(page)
    assert page.url.endswith(url) and page.get_by_label("Tujuan", exact=True).input_value() == "Belum disimpan."


def test_text_typed_offline_is_offered_back(page, factory):
    world = factory.world()
    url = _long_sop(world)
    login(page, world["a"]["participants"][0].email)
    page.goto(url)
    page.context.set_offline(True)
    page.get_by_label("Tujuan", exact=True).fill("Diketik tanpa sambungan.")
    page.get_by_label("Langkah 2: Kegiatan", exact=True).fill("Langkah diubah tanpa sambungan.")
    page.close()
    again = page.context.new_page()
    page.context.set_offline(False)
    again.goto(url)
    again.get_by_role("button", name="Pulihkan").click()
    assert again.get_by_label("Tujuan", exact=True).input_value() == "Diketik tanpa sambungan."
    assert again.get_by_label("Langkah 2: Kegiatan", exact=True).input_value() == "Langkah diubah tanpa sambungan."


def test_signed_out_while_editing_says_so_and_saves_after_signing_in(page, factory):
    from diklat.auth.models import User

    world = factory.world()
    url = _long_sop(world)
    writer = world["a"]["participants"][0]
    login(page, writer.email)
    page.goto(url)
    db.session.get(User, writer.id).end_sessions()  # a password reset elsewhere
    db.session.commit()
    page.get_by_label("Tujuan", exact=True).fill("Ditulis setelah sesi berakhir.")
    status = page.locator("[data-autosave-status]")
    status.filter(has_text="Anda sudah keluar dari akun").wait_for(timeout=15000)
    assert _stored_purpose(world["a"]["teams"][0].id) != "Ditulis setelah sesi berakhir."
    link = status.get_by_role("link", name="Masuk lagi (membuka tab baru)")
    sign_in_again_from(page, link, writer.email, f"**{url}")
    status.filter(has_text="Draf tersimpan otomatis").wait_for(timeout=15000)  # not the signed-out words
    assert _stored_purpose(world["a"]["teams"][0].id) == "Ditulis setelah sesi berakhir."


def test_two_teammates_save_together_and_merge_keeps_both(browser, live_server, factory):
    world = factory.world()
    url = _long_sop(world)
    team_id = world["a"]["teams"][0].id
    pages = []
    for person in world["a"]["participants"][:2]:
        context = browser.new_context(base_url=live_server, locale="id-ID", viewport={"width": 1366, "height": 800})
        tab = context.new_page()
        login(tab, person.email)
        tab.goto(url)
        pages.append(tab)
    ani, budi = pages
    ani.get_by_label("Tujuan", exact=True).fill("Tujuan dari Ani.")
    ani.get_by_role("button", name="Simpan draf").first.click()
    ani.wait_for_load_state("networkidle")
    budi.get_by_label("Tujuan", exact=True).fill("Tujuan dari Budi.")
    budi.get_by_role("button", name="Simpan draf").first.click()
    budi.wait_for_load_state("networkidle")
    assert (
        budi.get_by_text("Tujuan dari Ani.").first.is_visible()
        and budi.get_by_text("Tujuan dari Budi.").first.is_visible()
    )
    screenshot(budi, "sop-merge-1366")
    check_accessibility(budi)
    sent = budi.evaluate("Object.fromEntries(new FormData(document.querySelector('form.merge-form')))")
    budi.get_by_role("button", name="Simpan versi gabungan").click()
    budi.wait_for_load_state("networkidle")
    assert _stored_purpose(team_id) == "Tujuan dari Ani.\nTujuan dari Budi."
    # The same merge sent a second time (a double press) is refused, and Ani's text stays.
    assert budi.request.post(url, form=sent, max_redirects=0).status == 409
    assert "Tujuan dari Ani." in _stored_purpose(team_id)
    for tab in pages:
        tab.context.close()


def test_text_typed_while_an_autosave_is_on_its_way_is_saved_too(page, factory):
    """A slow connection: the first autosave is still travelling when the writer types on; that later text is
    saved by the next autosave (and the page still counts it unsaved until then), never dropped."""
    import threading

    world = factory.world()
    url = _long_sop(world)
    login(page, world["a"]["participants"][0].email)
    page.goto(url)
    arrived = threading.Event()

    def slow(route):  # the first autosave takes three seconds to come back
        if not arrived.is_set():
            arrived.set()
            page.wait_for_timeout(3000)
        route.continue_()

    page.route("**/autosave", slow)
    page.get_by_label("Tujuan", exact=True).fill("Tujuan pertama.")
    page.wait_for_timeout(5500)  # the autosave has left and is held on the line
    page.get_by_label("Langkah 2: Kegiatan", exact=True).fill("Ditulis selama penyimpanan otomatis berjalan.")
    page.locator("[data-autosave-status]").filter(has_text="Draf tersimpan otomatis").wait_for(timeout=15000)
    page.wait_for_timeout(7000)  # time for the next autosave
    db.session.expire_all()
    sop = db.session.scalar(db.select(Sop).where(Sop.team_id == world["a"]["teams"][0].id))
    assert sop.draft["explanation"]["purpose"] == "Tujuan pertama."
    assert [s["activity"] for s in sop.draft["steps"]][1] == "Ditulis selama penyimpanan otomatis berjalan."


def test_a_refused_save_keeps_everything_typed_counted_unsaved_and_in_this_browser(page, factory):
    """Save with one bad number: the 422 page shows the text, leaving it still asks, and a reload offers it back."""
    world = factory.world()
    url = _long_sop(world)
    login(page, world["a"]["participants"][0].email)
    page.goto(url)
    page.get_by_label("Tujuan", exact=True).fill("Tujuan yang diketik dan belum tersimpan.")
    page.get_by_label("Langkah 2: Waktu", exact=True).fill("-5")
    page.get_by_role("button", name="Simpan draf").first.click()
    page.wait_for_load_state("networkidle")
    summary = page.locator(".error-summary")
    assert "Langkah 2 – Waktu: Angka harus antara 0 dan 100000." in summary.inner_text()
    assert page.get_by_label("Tujuan", exact=True).input_value() == "Tujuan yang diketik dan belum tersimpan."
    assert page.get_by_role("button", name="Pulihkan").count() == 0  # the page shows the text: nothing to offer
    _leaving_asks(page)
    status = page.locator("[data-autosave-status]")
    status.filter(has_text="Belum tersimpan otomatis").wait_for(timeout=12000)  # the autosave says why, too
    page.once("dialog", lambda dialog: dialog.accept())
    page.goto(url)
    page.get_by_role("button", name="Pulihkan").click()
    assert page.get_by_label("Tujuan", exact=True).input_value() == "Tujuan yang diketik dan belum tersimpan."
    assert _stored_purpose(world["a"]["teams"][0].id) != "Tujuan yang diketik dan belum tersimpan."
    page.get_by_label("Langkah 2: Waktu", exact=True).fill("5")
    page.get_by_role("button", name="Simpan draf").first.click()
    page.wait_for_load_state("networkidle")
    assert _stored_purpose(world["a"]["teams"][0].id) == "Tujuan yang diketik dan belum tersimpan."
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('sop-draft:')).length") == 0
