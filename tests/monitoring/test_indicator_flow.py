"""Entering and importing monthly indicators: all or nothing, confirmation before replacing, no lost edits."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from diklat.common import time as clock
from diklat.extensions import db
from diklat.monitoring.models import IndicatorMonth, PendingImport

HEADER = "layanan,bulan,jumlah_layanan,rata_rata_waktu_menit,median_waktu_menit,aduan_masuk,aduan_selesai,selesai_kunjungan_pertama\n"


def months_saved() -> int:
    return db.session.scalar(select(func.count()).select_from(IndicatorMonth))


def urls(world):
    a = world["a"]
    base = f"/cohorts/{a['cohort'].id}/monitoring/teams/{a['teams'][0].id}"
    return base, f"{base}/services/{world['service'].id}/entry"


def upload(client, url, text, name="dashboard.csv"):
    client.get(url)
    return client.post(url, {"file": (io.BytesIO(text.encode()), name)}, content_type="multipart/form-data")


def test_entry_table_saves_and_keeps_typed_values_on_error(client, world):
    _base, entry = urls(world)
    key = world["baseline_month"].strftime("%Y-%m")
    client.login(world["a"]["team_participant"].email)
    client.get(entry)
    bad = {
        f"jumlah_layanan-{key}": "10",
        f"rata_rata_waktu_menit-{key}": "45",
        f"aduan_masuk-{key}": "2",
        f"aduan_selesai-{key}": "3",
        f"selesai_kunjungan_pertama-{key}": "7",
    }
    response = client.post(entry, bad)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'value="45"' in page and 'aria-invalid="true"' in page
    assert months_saved() == 0
    response = client.post(entry, {**bad, f"aduan_selesai-{key}": "2"})
    assert response.status_code == 302
    row = db.session.scalar(select(IndicatorMonth))
    assert (row.services, row.avg_minutes, row.resolved, row.month) == (10, 45.0, 2, world["baseline_month"])


def test_entry_refuses_a_stale_edit(client, world):
    _base, entry = urls(world)
    key = world["baseline_month"].strftime("%Y-%m")
    values = {
        f"jumlah_layanan-{key}": "10",
        f"rata_rata_waktu_menit-{key}": "45",
        f"aduan_masuk-{key}": "2",
        f"aduan_selesai-{key}": "2",
        f"selesai_kunjungan_pertama-{key}": "7",
    }
    client.login(world["a"]["facilitator"].email)
    client.get(entry)
    assert client.post(entry, values).status_code == 302
    # A second editor still holds version 1 of that month.
    response = client.post(entry, {**values, f"version-{key}": "0", f"jumlah_layanan-{key}": "99"})
    assert response.status_code == 409
    assert 'value="99"' in response.get_data(as_text=True)
    assert db.session.scalar(select(IndicatorMonth.services)) == 10


def test_import_with_errors_saves_nothing_then_good_file_imports(client, world):
    base, _entry = urls(world)
    name = world["service"].name
    month = world["baseline_month"].strftime("%Y-%m")
    client.login(world["a"]["team_participant"].email)
    bad = HEADER + f"{name},{month},100,60,,5,7,50\nLayanan Lain,{month},10,20,,1,1,5\n{name},{month},90,50,,3,3,40\n"
    response = upload(client, f"{base}/import", bad)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "aduan_selesai" in page and "Layanan Lain" in page and "3 masalah" in page
    assert months_saved() == 0
    good = HEADER + f"{name},{month},100,60,55,5,4,50\n"
    response = upload(client, f"{base}/import", good)
    assert response.status_code == 302
    assert months_saved() == 1


def test_reimport_asks_before_replacing_and_can_be_cancelled(client, world):
    base, _entry = urls(world)
    name = world["service"].name
    month = world["baseline_month"].strftime("%Y-%m")
    client.login(world["a"]["facilitator"].email)
    assert upload(client, f"{base}/import", HEADER + f"{name},{month},100,60,55,5,4,50\n").status_code == 302
    response = upload(client, f"{base}/import", HEADER + f"{name},{month},120,40,35,2,2,90\n")
    assert response.status_code == 200
    assert "Ganti dan impor" in response.get_data(as_text=True)
    assert db.session.scalar(select(IndicatorMonth.services)) == 100  # nothing replaced yet
    pending = db.session.scalar(select(PendingImport))
    assert pending is not None and pending.payload[0]["services"] == 120
    # Another user cannot use the token.
    client.logout()
    client.login(world["admin"].email)
    client.get(f"{base}/import")
    client.post(f"{base}/import/confirm", {"token": pending.token, "action": "replace"})
    db.session.expire_all()
    assert db.session.scalar(select(IndicatorMonth.services)) == 100
    client.logout()
    client.login(world["a"]["facilitator"].email)
    client.get(f"{base}/import")
    assert client.post(f"{base}/import/confirm", {"token": pending.token, "action": "replace"}).status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(IndicatorMonth.services)) == 120
    assert db.session.scalar(select(func.count()).select_from(PendingImport)) == 0
    # Cancelling leaves the figures alone.
    upload(client, f"{base}/import", HEADER + f"{name},{month},130,40,35,2,2,90\n")
    token = db.session.scalar(select(PendingImport.token))
    client.post(f"{base}/import/confirm", {"token": token, "action": "cancel"})
    db.session.expire_all()
    assert db.session.scalar(select(IndicatorMonth.services)) == 120


def test_xlsx_import_and_export_round_trip(client, world):
    base, _entry = urls(world)
    client.login(world["a"]["facilitator"].email)
    template = load_workbook(io.BytesIO(client.get(f"{base}/indicator-template.xlsx").data))
    assert [c.value for c in template.active[1]][:2] == ["layanan", "bulan"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.strip().split(","))
    sheet.append([world["service"].name, world["baseline_month"], 80, 30.5, 28, 4, 4, 60])
    sheet.append([world["service"].name, world["course_month"].strftime("%Y-%m"), 90, 25, 22, 2, 2, 75])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.get(f"{base}/import")
    response = client.post(
        f"{base}/import", {"file": (io.BytesIO(buffer.getvalue()), "dash.xlsx")}, content_type="multipart/form-data"
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    exported = load_workbook(io.BytesIO(client.get(f"{base}/indicators.xlsx").data))
    rows = list(exported.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[3], r[4]) for r in rows] == [
        (world["baseline_month"].strftime("%Y-%m"), 80, 30.5),
        (world["course_month"].strftime("%Y-%m"), 90, 25.0),
    ]
    assert exported.worksheets[1].max_row > 1  # quarters against the baseline


def test_team_page_shows_chart_and_table(client, world):
    base, _entry = urls(world)
    client.login(world["a"]["facilitator"].email)
    name = world["service"].name
    rows = (
        f"{name},{world['baseline_month'].strftime('%Y-%m')},100,60,55,5,4,50\n"
        f"{name},{world['course_month'].strftime('%Y-%m')},100,45,40,3,3,70\n"
    )
    upload(client, f"{base}/import", HEADER + rows)
    page = client.get(base).get_data(as_text=True)
    assert page.split("<main", 1)[1].count("<svg") == 3 and 'role="img"' in page
    assert "<caption>" in page and "45" in page


def test_promised_time_fallback_and_sla(client, factory, world):
    base, _entry = urls(world)
    client.login(world["a"]["facilitator"].email)
    settings = f"{base}/services/{world['service'].id}"
    client.get(settings)
    response = client.post(
        settings, {"name": world["service"].name, "promised_minutes": "75", "survey_open": "y", "version": "1"}
    )
    assert response.status_code == 302
    assert "75 menit" in client.get(base).get_data(as_text=True)
    team = world["a"]["teams"][0]
    factory.worksheet_answers(team, 4, "sla", {"standard_time_minutes": 50}, world["a"]["team_participant"])
    page = client.get(base).get_data(as_text=True)
    assert "50 menit" in page and "Modul 4" in page


def test_home_reminds_the_team_of_last_months_figures(client, world):
    from diklat.monitoring.periods import add_months, month_start

    client.login(world["a"]["team_participant"].email)
    assert "belum diisi" in client.get("/").get_data(as_text=True)
    service = world["service"]
    last = add_months(month_start(clock.today()), -1)
    db.session.add(
        IndicatorMonth(
            service_id=service.id, month=last, services=10, avg_minutes=30, received=0, resolved=0, first_visit=8
        )
    )
    db.session.commit()
    assert "belum diisi" not in client.get("/").get_data(as_text=True)


def test_a_new_teams_primary_service_is_saved_by_the_first_page_that_needs_it(client, world):
    """Team a2 has no monitored service yet: the team page creates it from the team's service, and commits it, so
    its data-entry page, QR code and public survey link work afterwards (they answered 404 when it was rolled back).
    """
    from diklat.monitoring.models import MonitoredService

    cohort, team = world["a"]["cohort"], world["a"]["teams"][1]
    client.login(world["a"]["facilitator"].email)
    assert client.get(f"/cohorts/{cohort.id}/monitoring/teams/{team.id}").status_code == 200
    db.session.rollback()  # what the request did not commit is gone, as it is for a real server
    service = db.session.scalar(select(MonitoredService).where(MonitoredService.team_id == team.id))
    assert service is not None and service.is_primary and service.name == team.service
    base = f"/cohorts/{cohort.id}/monitoring/teams/{team.id}/services/{service.id}"
    assert client.get(f"{base}/entry").status_code == 200
    assert client.get(f"{base}/qr.svg").status_code == 200
