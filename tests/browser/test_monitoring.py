"""Monitoring in the browser: indicator import with errors then fixed, the public SKM form, the cohort report."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import func, select

from diklat.common import time as clock
from diklat.extensions import db
from diklat.monitoring.indicator_import import MonthRecord
from diklat.monitoring.models import CourseFeedback, IndicatorMonth, MonitoredService, ResponseSource, SkmResponse
from diklat.monitoring.periods import add_months, month_start
from diklat.monitoring.services import save_month
from diklat.monitoring.skm_services import add_response
from tests.browser.conftest import check_accessibility, login, screenshot

HEADER = "layanan,bulan,jumlah_layanan,rata_rata_waktu_menit,median_waktu_menit,aduan_masuk,aduan_selesai,selesai_kunjungan_pertama\n"


def setup_world(factory) -> dict:
    """Cohort A of factory.world(), started 200 days ago, with a monitored service for its first team."""
    world = factory.world()
    cohort = world["a"]["cohort"]
    cohort.start_date = clock.today() - timedelta(days=200)
    cohort.end_date = cohort.start_date + timedelta(days=2)
    team = world["a"]["teams"][0]
    service = MonitoredService(team_id=team.id, name="Izin Usaha Mikro", is_primary=True, promised_minutes=45)
    db.session.add(service)
    db.session.commit()
    world["service"], world["team"], world["course"] = service, team, month_start(cohort.start_date)
    return world


def months_csv(world, rows: list[tuple[int, str]]) -> bytes:
    lines = [
        f"Izin Usaha Mikro,{add_months(world['course'], offset).strftime('%Y-%m')},{rest}" for offset, rest in rows
    ]
    return (HEADER + "\n".join(lines) + "\n").encode()


def test_import_with_errors_then_fixed_shows_the_chart(page, factory):
    world = setup_world(factory)
    participant = world["a"]["participants"][0]
    login(page, participant.email)
    cohort_id, team_id = world["a"]["cohort"].id, world["team"].id
    page.goto(f"/cohorts/{cohort_id}/monitoring/teams/{team_id}/import")
    bad = months_csv(
        world,
        [
            (-2, "120,60,55,9,12,70"),
            (-1, "118,-5,55,8,8,70"),
            (-1, "119,58,50,7,7,130"),
            (0, "121,50,45,6,6,80"),
            (1, "125,45,40,5,5,90"),
        ],
    )
    page.get_by_label("Berkas (CSV atau XLSX)").set_input_files(
        files=[{"name": "dashboard.csv", "mimeType": "text/csv", "buffer": bad}]
    )
    page.get_by_role("button", name="Periksa dan impor").click()
    problems = page.locator("#problems tbody tr")
    assert problems.count() == 4  # resolved > received; negative time; first visit > services; duplicate month
    assert "Tidak ada yang disimpan" in page.locator("#problems").inner_text()
    assert db.session.scalar(select(func.count()).select_from(IndicatorMonth)) == 0
    check_accessibility(page)
    screenshot(page, "monitoring-import-errors")
    good = months_csv(
        world,
        [
            (-2, "120,60,55,9,8,70"),
            (-1, "118,62,55,8,8,70"),
            (0, "121,50,45,6,6,80"),
            (1, "125,45,40,5,5,90"),
            (2, "130,41,38,4,4,96"),
        ],
    )
    page.get_by_label("Berkas (CSV atau XLSX)").set_input_files(
        files=[{"name": "dashboard.csv", "mimeType": "text/csv", "buffer": good}]
    )
    page.get_by_role("button", name="Periksa dan impor").click()
    page.wait_for_url(f"**/monitoring/teams/{team_id}")
    assert "5 bulan berhasil diimpor" in page.locator(".flashes").inner_text()
    chart = page.locator("svg.chart").first
    assert chart.is_visible()
    assert "Waktu layanan (menit)" in chart.locator("title").text_content()
    assert page.locator("table caption", has_text="Waktu layanan (menit)").count() == 1
    check_accessibility(page)
    screenshot(page, "monitoring-team-chart")


def test_public_skm_form_without_sign_in(page, phone_page, factory):
    world = setup_world(factory)
    for tab, name in ((page, "desktop"), (phone_page, "phone")):
        tab.goto(f"/skm/{world['service'].survey_token}")
        assert "Survei Kepuasan Masyarakat" in tab.get_by_role("heading", level=1).inner_text()
        for i in range(1, 10):
            tab.locator(f'input[name="u{i}"][value="{3 if i % 2 else 4}"]').check()
        tab.get_by_label("Usia").select_option("30-39")
        tab.get_by_label("Saran untuk layanan ini (tidak wajib)").fill("Petugas ramah")
        check_accessibility(tab)
        screenshot(tab, f"monitoring-skm-form-{name}")
        tab.get_by_role("button", name="Kirim jawaban saya").click()
        tab.wait_for_url("**/thanks")
        assert "sudah tercatat" in tab.content()
    stored = db.session.scalars(select(SkmResponse)).all()
    assert len(stored) == 2 and stored[0].answers == [3, 4, 3, 4, 3, 4, 3, 4, 3]
    assert stored[0].age_group == "30-39" and stored[0].suggestion == "Petugas ramah"


def _report_data(world) -> None:
    service = world["service"]
    for offset, avg in ((-3, 62), (-2, 60), (-1, 61), (0, 52), (1, 50), (2, 48), (3, 44), (4, 43), (5, 41)):
        save_month(
            service,
            MonthRecord(
                0,
                service.name,
                add_months(world["course"], offset),
                120,
                avg,
                None,
                8 if offset < 0 else 4,
                4,
                70 if offset < 0 else 95,
            ),
            None,
        )
    start = world["a"]["cohort"].start_date
    for i in range(35):
        add_response(service, [3] * 8 + [2], start + timedelta(days=i), ResponseSource.ONLINE)
        add_response(service, [4] * 8 + [3], start + timedelta(days=95 + i), ResponseSource.PAPER)
    for user in world["a"]["participants"][:3]:
        db.session.add(
            CourseFeedback(
                cohort_id=world["a"]["cohort"].id,
                user_id=user.id,
                module_ratings={str(n): 4 for n in range(1, 9)},
                facilitator_ratings={str(world["a"]["facilitator"].id): 5},
                liked="Simulasi loket",
                improve="",
            )
        )
    db.session.commit()


def test_cohort_report_with_pdf_and_workbook(page, factory, tmp_path):
    world = setup_world(factory)
    _report_data(world)
    login(page, world["a"]["facilitator"].email)
    page.goto(f"/cohorts/{world['a']['cohort'].id}/monitoring/report")
    assert "Level 4 — Hasil" in page.content()
    assert page.locator(".missing-block").count() == 2  # levels 2 and 3: their features are not installed here
    assert "3 dari 4 peserta menjawab" in page.content()
    check_accessibility(page)
    screenshot(page, "monitoring-report")
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh PDF").click()
    pdf = tmp_path / "laporan.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "halaman")], check=True)
    pngs = sorted(tmp_path.glob("halaman*.png"))
    assert pngs
    shots = Path(screenshot(page, "monitoring-report")).parent
    for png in pngs:
        (shots / f"monitoring-report-pdf-{png.name}").write_bytes(png.read_bytes())
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh Excel (.xlsx)").click()
    xlsx = tmp_path / "laporan.xlsx"
    info.value.save_as(xlsx)
    workbook = load_workbook(xlsx)
    assert workbook.sheetnames == ["L1 Reaksi", "L2 Pembelajaran", "L3 Perilaku", "L4 Hasil"]
    assert workbook["L1 Reaksi"]["B2"].value == 3
    rows = list(workbook["L4 Hasil"].iter_rows(values_only=True))
    assert any(r[0] == world["team"].name and r[1] == "Rata-rata waktu layanan" for r in rows)
