"""Browser: a team builds a small SOP with a decision, passes the checks, submits; the facilitator returns it
with a comment on a step; the team revises; the versions are compared; the PDF renders."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SHOTS, check_accessibility, login, screenshot


def fill_step(page, n: int, **values) -> None:
    for name, value in values.items():
        field = page.get_by_label(f"Langkah {n}: {name}", exact=True)
        if name in ("Simbol", "Pelaksana", "Satuan waktu"):
            field.select_option(label=value)
        elif name == "Langkah berikutnya jika tidak":
            field.select_option(index=value)
        else:
            field.fill(str(value))


def test_team_builds_sop_facilitator_returns_team_revises(page, factory, tmp_path):
    world = factory.world()
    a = world["a"]
    cohort, team = a["cohort"], a["teams"][0]
    login(page, a["participants"][0].email)
    page.goto(f"/cohorts/{cohort.id}")
    page.get_by_role("link", name="SOP", exact=True).click()
    page.get_by_role("link", name=f"Buka SOP {team.name}").click()
    page.get_by_label("Tujuan", exact=True).fill("Memberi kepastian waktu pelayanan izin usaha mikro.")
    page.get_by_label("Ruang lingkup", exact=True).fill("Pelayanan di loket DPMPTSP.")
    page.get_by_label("Disahkan oleh (jabatan)").fill("Kepala Dinas PMPTSP")
    page.get_by_label("Disahkan oleh (nama)").fill("Drs. Wahyu Hidayat")
    page.get_by_label("Saluran pengaduan", exact=True).fill("WhatsApp 0812-3456-7001")
    page.get_by_label("Waktu pelayanan yang dijanjikan").fill("30")
    page.get_by_label("Pelaksana (satu per baris)").fill("Petugas Loket\nVerifikator")
    page.get_by_role("button", name="Terapkan daftar pelaksana").click()
    page.get_by_role("button", name="Tambahkan langkah setelah langkah 1").click()
    fill_step(
        page,
        1,
        Kegiatan="Menerima berkas permohonan.",
        Pelaksana="Petugas Loket",
        Kelengkapan="KTP, formulir",
        Output="Berkas diterima",
    )
    fill_step(page, 2, Simbol="Keputusan", Kegiatan="Berkas lengkap?", Pelaksana="Petugas Loket")
    fill_step(page, 2, **{"Langkah berikutnya jika tidak": 1})
    fill_step(page, 3, Kegiatan="Memverifikasi dan menyerahkan izin.", Pelaksana="Verifikator", Output="Izin")
    page.get_by_role("button", name="Simpan draf").first.click()
    checks = page.locator("#checks")
    assert "Langkah 1 belum diberi waktu." in checks.inner_text()
    assert "belum terpenuhi" in checks.inner_text()
    fill_step(page, 1, Waktu=5)
    fill_step(page, 2, Waktu=2)
    fill_step(page, 3, Waktu=15)
    page.get_by_role("button", name="Simpan draf").first.click()
    # The page count arrives from the background a moment after the save; the checklist refreshes itself.
    expect(page.locator("#checks")).to_contain_text("Semua pemeriksaan terpenuhi.", timeout=30000)
    flow = page.locator("svg.sop-flowchart")
    assert flow.count() == 1 and flow.locator("polygon").count() >= 3  # diamond plus arrowheads
    assert "Tidak" in flow.inner_html() and "Ya" in flow.inner_html()
    check_accessibility(page)
    screenshot(page, "sops-editor-participant")
    page.get_by_label("Alasan versi ini").fill("Draf pertama")
    page.get_by_role("button", name="Simpan sebagai versi baru").click()
    page.get_by_role("button", name="Kirim untuk ditelaah").click()
    assert "Diajukan untuk direviu" in page.locator(".page-head").last.inner_text()

    page.context.clear_cookies()
    login(page, a["facilitator"].email)
    page.goto(f"/cohorts/{cohort.id}/sops/{team.id}")
    page.get_by_label("Tentang").select_option(label="Langkah 2: Berkas lengkap?")
    page.get_by_label("Komentar").fill("Tambahkan waktu pemeriksaan yang realistis.")
    page.get_by_role("button", name="Tambahkan catatan").click()
    page.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    assert "Dikembalikan untuk diperbaiki" in page.locator(".page-head").last.inner_text()
    check_accessibility(page)
    screenshot(page, "sops-review-facilitator")

    page.context.clear_cookies()
    login(page, a["participants"][1].email)
    page.goto(f"/cohorts/{cohort.id}/sops/{team.id}")
    assert "Tambahkan waktu pemeriksaan yang realistis." in page.locator("#steps").inner_text()
    fill_step(page, 2, Waktu=5)
    page.get_by_role("button", name="Simpan draf").first.click()
    page.get_by_label("Alasan versi ini").fill("Waktu pemeriksaan sesuai catatan fasilitator")
    page.get_by_role("button", name="Simpan sebagai versi baru").click()
    page.get_by_role("link", name="Bandingkan versi").click()
    changes = page.locator("table.sop-compare").last
    assert "diubah" in changes.inner_text() and "Berkas lengkap?" in changes.inner_text()
    check_accessibility(page)
    screenshot(page, "sops-compare")

    response = page.request.get(f"/cohorts/{cohort.id}/sops/{team.id}/sop.pdf")
    assert response.ok and response.body()[:5] == b"%PDF-"
    pdf = tmp_path / "sop.pdf"
    pdf.write_bytes(response.body())
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm not installed")
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(SHOTS / "sops-pdf")], check=True)
    pngs = sorted(SHOTS.glob("sops-pdf-*.png"))
    assert len(pngs) == 2 and all(p.stat().st_size > 5000 for p in pngs)


def test_editor_at_phone_width(phone_page, factory):
    world = factory.world()
    a = world["a"]
    login(phone_page, a["participants"][0].email)
    phone_page.goto(f"/cohorts/{a['cohort'].id}/sops/{a['teams'][0].id}")
    assert phone_page.get_by_role("button", name="Simpan draf").first.is_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400
    check_accessibility(phone_page)
    screenshot(phone_page, "sops-editor-phone")
