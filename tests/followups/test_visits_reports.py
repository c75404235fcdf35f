"""Visit logs with observations, actions and photos; trial reports from draft to acceptance; attachments."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import time_machine
from sqlalchemy import func, select

from diklat.common import time as clock
from diklat.extensions import db
from diklat.followups.models import (
    AgreedAction,
    Attachment,
    FollowupItem,
    ItemKind,
    ItemStatus,
    ReportStatus,
    TrialReport,
    VisitLog,
)
from diklat.followups.queries import step_application
from tests.followups.helpers import item_of, logged_visit, past_world, png_bytes
from tests.sops.helpers import good_document

BASE = "/cohorts/{c}/followup/teams/{t}"


def visit_form(item_id: int, **extra) -> dict:
    today = clock.today()
    form = {
        "item_id": item_id,
        "started_on": (today - timedelta(days=3)).isoformat(),
        "ended_on": (today - timedelta(days=2)).isoformat(),
        "place": "DPMPTSP Kota Contoh",
        "attendees": "Siti (petugas loket)\nAgus (verifikator)",
        "observations-0-label": "Petugas memeriksa berkas dengan daftar periksa",
        "observations-0-rating": "applied",
        "observations-1-label": "Pemohon mengisi survei",
        "observations-1-rating": "not_applied",
        "observations-1-note": "Formulir survei belum tersedia",
        "observations-2-label": "",
        "observations-2-note": "",
        "problems": "Antrean panjang",
        "unclear_wording": "Langkah 2 ambigu",
        "actions-0-description": "Cetak formulir survei",
        "actions-0-owner": "Kasi Pelayanan",
        "actions-0-due_on": (today + timedelta(days=14)).isoformat(),
        "actions-1-description": "",
        "actions-1-owner": "",
        "actions-1-due_on": "",
    }
    form.update(extra)
    return form


def test_mentor_logs_a_visit_and_it_completes_the_planned_visit(client, factory):
    world = past_world(factory)
    team = world["a"]["teams"][0]
    item = item_of(team.id, ItemKind.VISIT)
    client.login(world["a"]["mentor"].email)
    url = BASE.format(c=team.cohort_id, t=team.id) + "/visits/new"
    page = client.get(url)
    assert page.status_code == 200 and team.office in page.get_data(as_text=True)
    response = client.post(url, visit_form(item.id))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    log = db.session.scalar(select(VisitLog).where(VisitLog.team_id == team.id))
    assert [o.rating.value for o in log.observations] == ["applied", "not_applied"]
    assert log.actions[0].owner == "Kasi Pelayanan"
    db.session.expire_all()
    assert db.session.get(FollowupItem, item.id).status == ItemStatus.DONE
    history = client.get(f"/cohorts/{team.cohort_id}/followup/items/{item.id}").get_data(as_text=True)
    assert "Alasan: Kunjungan dicatat" in history and "Visit logged" not in history  # the system's words, translated
    result = step_application(team.cohort_id)
    row = next(r for r in result["teams"] if r["team_id"] == team.id)
    assert (row["observed"], row["applied"], row["not_applied"], row["share_applied"], row["visits"]) == (
        2,
        1,
        1,
        0.5,
        1,
    )
    assert result["overall"]["teams_observed"] == 1 and result["overall"]["observed"] == 2


def test_incomplete_rows_are_reported_and_typed_text_kept(client, factory):
    world = past_world(factory)
    team = world["a"]["teams"][0]
    client.login(world["a"]["mentor"].email)
    url = BASE.format(c=team.cohort_id, t=team.id) + "/visits/new"
    client.get(url)
    form = visit_form(0, **{"observations-0-rating": "", "actions-0-owner": ""})
    response = client.post(url, form)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Petugas memeriksa berkas dengan daftar periksa" in body and "Cetak formulir survei" in body
    assert db.session.scalar(select(func.count()).select_from(VisitLog)) == 0


def test_sop_steps_prefill_the_observations_from_the_teams_sop(client, factory):
    world = past_world(factory)
    team = world["a"]["teams"][0]
    factory.sop_versions(team, world["a"]["participants"][0], ["Draf awal"], doc=good_document())
    client.login(world["a"]["mentor"].email)
    body = client.get(BASE.format(c=team.cohort_id, t=team.id) + "/visits/new").get_data(as_text=True)
    assert "Memeriksa kelengkapan berkas." in body and "Memverifikasi dokumen." in body


def test_other_teams_cannot_see_a_visit(client, factory, app):
    world = past_world(factory)
    log, photo = logged_visit(world, app)
    team = world["a"]["teams"][0]
    url = BASE.format(c=team.cohort_id, t=team.id) + f"/visits/{log.id}"
    file_url = BASE.format(c=team.cohort_id, t=team.id) + f"/attachments/{photo.id}"
    client.login(world["a"]["participants"][0].email)  # team a1
    assert client.get(url).status_code == 200
    download = client.get(file_url)
    assert download.status_code == 200 and download.data == png_bytes()
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert (
        download.headers["Content-Disposition"].startswith("attachment")
        and "foto.png" in download.headers["Content-Disposition"]
    )
    inline = client.get(file_url + "?inline=1")
    assert inline.headers["Content-Disposition"].startswith("inline") and inline.mimetype == "image/png"
    client.logout()
    client.login(world["a"]["participants"][2].email)  # team a2
    assert client.get(url).status_code == 404
    assert client.get(file_url).status_code == 404
    other = world["a"]["teams"][1]
    assert client.get(BASE.format(c=team.cohort_id, t=other.id) + f"/attachments/{photo.id}").status_code == 404


@time_machine.travel(datetime(2026, 12, 2, 23, 30, tzinfo=UTC), tick=True)  # already 3 December in Jakarta
def test_actions_are_tracked_until_done(client, factory, app):
    world = past_world(factory)
    log, _photo = logged_visit(world, app)
    action = log.actions[0]
    team = world["a"]["teams"][0]
    client.login(world["a"]["participants"][0].email)
    home = client.get("/").get_data(as_text=True)
    assert "Cetak daftar periksa" in home  # overdue action on the team's home page
    client.post(BASE.format(c=team.cohort_id, t=team.id) + f"/actions/{action.id}/done")
    db.session.expire_all()
    assert db.session.get(AgreedAction, action.id).done_on == clock.today() == datetime(2026, 12, 3).date()
    assert "Cetak daftar periksa" not in client.get("/").get_data(as_text=True)
    client.post(BASE.format(c=team.cohort_id, t=team.id) + f"/actions/{action.id}/reopen")
    db.session.expire_all()
    assert db.session.get(AgreedAction, action.id).done_on is None


def upload(client, url: str, content: bytes, name: str):
    return client.post(
        url, {"file": (io.BytesIO(content), name), "caption": "Bukti"}, content_type="multipart/form-data"
    )


def stored_files(app) -> set[str]:
    folder = Path(app.config["UPLOAD_FOLDER"]) / "followups"
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def test_upload_checks_content_and_size_and_leaves_nothing_behind(client, factory, app):
    world = past_world(factory)
    log, _photo = logged_visit(world, app)
    team = world["a"]["teams"][0]
    url = BASE.format(c=team.cohort_id, t=team.id) + f"/visits/{log.id}/attachments"
    client.login(world["a"]["mentor"].email)
    client.get(BASE.format(c=team.cohort_id, t=team.id) + f"/visits/{log.id}")
    before = stored_files(app)
    fake_pdf = upload(client, url, b"MZ\x90\x00 this is a program", "laporan.pdf")
    assert fake_pdf.status_code == 422 and "Jenis berkas ini tidak diterima" in fake_pdf.get_data(as_text=True)
    app.config["UPLOAD_MAX_BYTES"], limit = 1024, app.config["UPLOAD_MAX_BYTES"]
    try:
        big = upload(client, url, b"%PDF-1.7\n" + b"0" * 5000, "besar.pdf")
    finally:
        app.config["UPLOAD_MAX_BYTES"] = limit
    assert big.status_code == 422 and "batasnya 1 KB" in big.get_data(as_text=True)
    assert stored_files(app) == before  # not even a temp file is left
    good = upload(client, url, png_bytes(), "foto.exe")
    assert good.status_code == 302
    kept = db.session.scalar(select(Attachment).order_by(Attachment.id.desc()))
    assert kept.kind == "png" and kept.stored_name.endswith(".png") and kept.stored_name not in before
    client.logout()
    client.login(world["a"]["participants"][0].email)
    assert upload(client, url, png_bytes(), "x.png").status_code == 403  # the team reads, the mentor writes


def report_form(**extra) -> dict:
    today = clock.today()
    form = {
        "period_start": (today - timedelta(days=60)).isoformat(),
        "period_end": today.isoformat(),
        "what_worked": "Daftar periksa dipakai semua loket",
        "obstacles": "Aplikasi lambat",
        "sop_changes": "Langkah 2 ditulis ulang",
        "testimonials": '"Lebih cepat" — Ibu S.',
        "service_times-0-label": "IUMK",
        "service_times-0-before": "95,5",
        "service_times-0-during": "60",
        "service_times-1-label": "",
        "service_times-1-before": "",
        "service_times-1-during": "",
        "complaints_before": "12",
        "complaints_during": "5",
        "first_visit_before": "58",
        "first_visit_during": "81",
        "skm_before": "74,5",
        "skm_during": "83,2",
    }
    form.update(extra)
    return form


def test_team_writes_submits_and_the_mentor_reviews_the_report(client, factory):
    world = past_world(factory)
    team = world["a"]["teams"][0]
    base = BASE.format(c=team.cohort_id, t=team.id) + "/report"
    client.login(world["a"]["participants"][0].email)
    client.get(base + "/edit")
    bad = client.post(base + "/edit", report_form(skm_during="120", first_visit_during="abc"))
    assert bad.status_code == 422
    assert "120" in bad.get_data(as_text=True)  # what was typed stays
    assert client.post(base + "/edit", report_form()).status_code == 302
    report = db.session.scalar(select(TrialReport).where(TrialReport.team_id == team.id))
    service = next(i for i in report.indicators if i.indicator.value == "service_time")
    assert (service.label, service.before, service.during) == ("IUMK", 95.5, 60.0)
    client.get(base)
    assert client.post(base + "/submit").status_code == 302
    db.session.expire_all()
    assert db.session.get(TrialReport, report.id).status == ReportStatus.SUBMITTED
    assert item_of(team.id, ItemKind.REPORT_DUE).status == ItemStatus.DONE
    assert client.get(base + "/edit").status_code == 409  # locked while under review
    assert client.post(base + "/review", {"decision": "accepted"}).status_code == 403
    client.logout()
    client.login(world["a"]["mentor"].email)
    assert "Laporan uji coba Kelompok a1 menunggu telaah Anda" in client.get("/").get_data(as_text=True)
    client.get(base)
    assert client.post(base + "/review", {"decision": "needs_more", "comment": ""}).status_code == 422
    assert (
        client.post(base + "/review", {"decision": "needs_more", "comment": "Tambahkan data keluhan"}).status_code
        == 302
    )
    db.session.expire_all()
    assert db.session.get(TrialReport, report.id).status == ReportStatus.NEEDS_MORE
    client.logout()
    client.login(world["a"]["participants"][1].email)
    assert "Tambahkan data keluhan" in client.get(base).get_data(as_text=True)
    client.post(base + "/submit")
    client.logout()
    client.login(world["a"]["facilitator"].email)
    client.get(base)
    assert client.post(base + "/review", {"decision": "accepted", "comment": "Bagus"}).status_code == 302
    db.session.expire_all()
    final = db.session.get(TrialReport, report.id)
    assert final.status == ReportStatus.ACCEPTED and len(final.reviews) == 2


def test_incomplete_report_cannot_be_submitted(client, factory):
    world = past_world(factory)
    team = world["a"]["teams"][0]
    base = BASE.format(c=team.cohort_id, t=team.id) + "/report"
    client.login(world["a"]["participants"][0].email)
    client.get(base + "/edit")
    client.post(
        base + "/edit",
        report_form(
            what_worked="",
            complaints_before="",
            complaints_during="",
            first_visit_before="",
            first_visit_during="",
            skm_before="",
            skm_during="",
            **{"service_times-0-before": "", "service_times-0-during": ""},
        ),
    )
    client.get(base)
    client.post(base + "/submit")
    report = db.session.scalar(select(TrialReport).where(TrialReport.team_id == team.id))
    assert report.status == ReportStatus.DRAFT


def test_only_the_team_edits_its_report(client, factory):
    world = past_world(factory)
    team = world["a"]["teams"][0]
    base = BASE.format(c=team.cohort_id, t=team.id) + "/report"
    for user in (world["a"]["mentor"], world["a"]["facilitator"]):
        client.login(user.email)
        assert client.get(base + "/edit").status_code == 403
        client.logout()
    client.login(world["a"]["participants"][2].email)  # the other team
    assert client.get(base).status_code == 404
