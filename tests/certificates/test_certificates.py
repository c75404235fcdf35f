"""Certificates: settings and uploads, issue with numbers, public verification, revoke/reissue, JP export."""

from __future__ import annotations

import io
import zipfile
from datetime import date

from openpyxl import load_workbook

from diklat.certificates.models import Certificate
from diklat.certificates.services import settings_of
from diklat.cohorts.models import Attendance, AttendanceStatus, Role
from diklat.common import limits
from diklat.extensions import db
from tests.followups.helpers import png_bytes


def _ready(world: dict, app, *, attend=(0, 1, 2)) -> dict:
    """Cohort A with rules 'attendance only', a complete signer, and attendance for some participants."""
    from diklat.certificates.services import store_image

    cohort, session = world["a"]["cohort"], world["a"]["session"]
    settings = settings_of(cohort)
    settings.require_post_test = settings.require_sop = False
    settings.institution, settings.signer_position = "BPSDM Provinsi Contoh", "Kepala BPSDM"
    settings.signer_name, settings.signer_nip = "Dr. Ratna", "198305232007081088"
    root, limit = app.config["UPLOAD_FOLDER"], app.config["UPLOAD_MAX_BYTES"]
    settings.logo_file = store_image(io.BytesIO(png_bytes()), root, limit)
    settings.signature_file = store_image(io.BytesIO(png_bytes((0, 0, 200))), root, limit)
    for index, person in enumerate(world["a"]["participants"]):
        status = AttendanceStatus.PRESENT if index in attend else AttendanceStatus.ABSENT
        db.session.add(Attendance(session_id=session.id, user_id=person.id, status=status))
    db.session.commit()
    return world


def _certs(cohort_id: int) -> list[Certificate]:
    return list(
        db.session.scalars(db.select(Certificate).where(Certificate.cohort_id == cohort_id).order_by(Certificate.seq))
    )


def test_missing_signer_blocks_issuing_and_says_what(client, factory):
    world = factory.world()
    cohort = world["a"]["cohort"]
    client.login(world["a"]["facilitator"].email)
    page = client.get(f"/cohorts/{cohort.id}/certificates").get_data(as_text=True)
    assert "Nama pejabat penanda tangan belum diisi." in page and "Logo lembaga belum diunggah." in page
    response = client.post(f"/cohorts/{cohort.id}/certificates/issue", follow_redirects=True)
    assert "Sertifikat tidak diterbitkan" in response.get_data(as_text=True)
    assert _certs(cohort.id) == []


def test_uploads_are_checked_and_nothing_is_kept_on_refusal(client, factory, app, tmp_path):
    from pathlib import Path

    world = factory.world()
    cohort = world["a"]["cohort"]
    client.login(world["a"]["facilitator"].email)
    folder = Path(app.config["UPLOAD_FOLDER"]) / "followups"
    before = set(folder.glob("*")) if folder.exists() else set()
    form = {
        "version": "1",
        "min_attendance": "90",
        "number_pattern": "{seq:03}/SERT/DIKLAT-SOP/{year}",
        "signer_name": "Dr. Ratna",
        "signer_nip": "123",
    }
    data = form | {
        "logo": (io.BytesIO(b"%PDF-1.4 not an image"), "logo.png"),
        "signature": (io.BytesIO(png_bytes()), "ttd.png"),
    }
    response = client.post(f"/cohorts/{cohort.id}/certificates/settings", data, content_type="multipart/form-data")
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and "NIP harus" in body and 'value="Dr. Ratna"' in body
    data = form | {
        "signer_nip": "198305232007081088",
        "logo": (io.BytesIO(b"%PDF-1.4 not an image"), "logo.png"),
        "signature": (io.BytesIO(png_bytes()), "ttd.png"),
    }
    response = client.post(f"/cohorts/{cohort.id}/certificates/settings", data, content_type="multipart/form-data")
    assert response.status_code == 422 and "bukan gambar PNG atau JPG" in response.get_data(as_text=True)
    assert (set(folder.glob("*")) if folder.exists() else set()) == before
    app.config["UPLOAD_MAX_BYTES"], limit = 50, app.config["UPLOAD_MAX_BYTES"]
    try:
        data = form | {"signer_nip": "198305232007081088", "logo": (io.BytesIO(png_bytes() * 20), "logo.png")}
        response = client.post(f"/cohorts/{cohort.id}/certificates/settings", data, content_type="multipart/form-data")
        assert response.status_code == 422 and "batasnya" in response.get_data(as_text=True).lower()
    finally:
        app.config["UPLOAD_MAX_BYTES"] = limit
    data = form | {"signer_nip": "198305232007081088", "logo": (io.BytesIO(png_bytes()), "logo.png")}
    assert (
        client.post(f"/cohorts/{cohort.id}/certificates/settings", data, content_type="multipart/form-data").status_code
        == 302
    )
    db.session.expire_all()
    assert settings_of(cohort).logo_file.endswith(".png") and settings_of(cohort).signer_name == "Dr. Ratna"


def test_issue_verify_revoke_reissue(client, factory, app):
    world = _ready(factory.world(), app)
    cohort = world["a"]["cohort"]
    client.login(world["a"]["facilitator"].email)
    page = client.get(f"/cohorts/{cohort.id}/certificates").get_data(as_text=True)
    assert "Kehadiran 0% di bawah batas minimal 90%." in page
    assert client.post(f"/cohorts/{cohort.id}/certificates/issue").status_code == 302
    certs = _certs(cohort.id)
    assert [c.number for c in certs] == [f"00{i}/SERT/DIKLAT-SOP/2026" for i in (1, 2, 3)]
    assert len({c.code for c in certs}) == 3
    client.post(f"/cohorts/{cohort.id}/certificates/issue")
    assert len(_certs(cohort.id)) == 3  # never twice
    pdf = client.get(f"/cohorts/{cohort.id}/certificates/{certs[0].id}.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    client.logout()
    limits.reset()
    public = client.get(f"/verify/{certs[0].code}").get_data(as_text=True)
    assert "Sertifikat sah" in public and certs[0].number in public
    assert client.get("/verify/AAAAAAAAAA").status_code == 404
    client.login(world["a"]["facilitator"].email)
    url = f"/cohorts/{cohort.id}/certificates/{certs[0].id}/revoke"
    empty = client.post(url, {f"c{certs[0].id}-reason": ""})
    assert empty.status_code == 422 and certs[0].valid
    assert client.post(url, {f"c{certs[0].id}-reason": "Nama salah tulis", "reissue": "1"}).status_code == 302
    certs = _certs(cohort.id)
    assert len(certs) == 4 and not certs[0].valid and certs[3].replaces_id == certs[0].id
    assert certs[3].number == "004/SERT/DIKLAT-SOP/2026"  # numbers are never reused
    client.logout()
    revoked = client.get(f"/verify/{certs[0].code}").get_data(as_text=True)
    assert "Dicabut" in revoked and "Nama salah tulis" in revoked
    limits.reset()


def test_verification_is_rate_limited(client, factory, app, monkeypatch):
    monkeypatch.setitem(app.config, "VERIFY_LIMIT", "3 per minute")
    codes = [client.get(f"/verify/GUESS{i}").status_code for i in range(5)]
    assert codes == [404, 404, 404, 429, 429]
    assert "Terlalu banyak permintaan verifikasi" in client.get("/verify/GUESS9").get_data(as_text=True)


def test_participant_page_and_permissions(client, factory, app):
    world = _ready(factory.world(), app)
    cohort, people = world["a"]["cohort"], world["a"]["participants"]
    client.login(world["a"]["facilitator"].email)
    client.post(f"/cohorts/{cohort.id}/certificates/issue")
    certs = {c.user_id: c for c in _certs(cohort.id)}
    client.logout()
    client.login(people[0].email)
    page = client.get(f"/cohorts/{cohort.id}/me").get_data(as_text=True)
    assert "Lulus" in page and "Unduh sertifikat saya" in page and "1 dari 1 sesi dihadiri (100%)" in page
    assert client.get(f"/cohorts/{cohort.id}/certificates/{certs[people[0].id].id}.pdf").status_code == 200
    assert client.get(f"/cohorts/{cohort.id}/certificates/{certs[people[1].id].id}.pdf").status_code == 404
    assert client.get(f"/cohorts/{cohort.id}/certificates").status_code == 403
    client.logout()
    client.login(people[3].email)
    page = client.get(f"/cohorts/{cohort.id}/me").get_data(as_text=True)
    assert "Belum lulus" in page and "di bawah batas minimal" in page
    client.logout()
    client.login(world["b"]["facilitator"].email)
    assert client.get(f"/cohorts/{cohort.id}/certificates").status_code == 404


def test_jp_export_and_bundles(client, factory, app):
    world = _ready(factory.world(), app)
    cohort, people = world["a"]["cohort"], world["a"]["participants"]
    client.login(world["a"]["facilitator"].email)
    client.post(f"/cohorts/{cohort.id}/certificates/issue")
    book = load_workbook(io.BytesIO(client.get(f"/cohorts/{cohort.id}/certificates/jp.xlsx").data)).active
    rows = list(book.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 3
    assert rows[0][5].date() == date(2026, 3, 10) and rows[0][6].date() == date(2026, 3, 12)
    assert isinstance(rows[0][7], float | int) and rows[0][7] == 2
    assert rows[0][8].endswith("/SERT/DIKLAT-SOP/2026")
    csv_text = client.get(f"/cohorts/{cohort.id}/certificates/jp.csv").data.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("NIP;Nama;Instansi") and len(csv_text.splitlines()) == 4
    for fmt in ("pdf", "zip"):
        queued = client.post(f"/cohorts/{cohort.id}/certificates/bundle/{fmt}")
        assert queued.status_code == 302
        queued.close()  # the embedded job runner builds the bundle once the response is closed
    page = client.get(f"/cohorts/{cohort.id}/certificates").get_data(as_text=True)
    assert "Unduh ZIP berisi 3 sertifikat" in page
    from diklat.certificates.models import CertificateBundle

    bundles = list(db.session.scalars(db.select(CertificateBundle).order_by(CertificateBundle.id)))
    pdf = client.get(f"/cohorts/{cohort.id}/certificates/bundle/{bundles[0].id}")
    assert pdf.data.startswith(b"%PDF")
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/cohorts/{cohort.id}/certificates/bundle/{bundles[1].id}").data))
    assert len(archive.namelist()) == 3
    client.logout()
    client.login(people[0].email)
    mine = load_workbook(io.BytesIO(client.get("/my/jp/2026.xlsx").data)).active
    assert mine.max_row == 2 and mine["B2"].value == people[0].name


def test_people_page_shows_completion_with_reasons(client, factory, app):
    world = _ready(factory.world(), app)
    client.login(world["a"]["facilitator"].email)
    page = client.get(f"/cohorts/{world['a']['cohort'].id}/members").get_data(as_text=True)
    assert page.count("badge-ok") >= 3 and "Kehadiran 0% di bawah batas minimal 90%." in page


def test_person_jp_export_for_facilitators_and_admins(client, factory, app):
    world = _ready(factory.world(), app)
    cohort, person = world["a"]["cohort"], world["a"]["participants"][0]
    client.login(world["a"]["facilitator"].email)
    client.post(f"/cohorts/{cohort.id}/certificates/issue")
    # the same person also completed a course cohort A's facilitator does not run
    other = factory.cohort(name="Angkatan Lain")
    factory.member(other, person, Role.PARTICIPANT)
    db.session.add(
        Certificate(cohort_id=other.id, user_id=person.id, seq=1, number="001/LAIN/2026", code="LAINCODE01", jp=6)
    )
    db.session.commit()
    page = client.get(f"/cohorts/{cohort.id}/certificates").get_data(as_text=True)
    url = f"/cohorts/{cohort.id}/certificates/people/{person.id}/jp/2026"
    assert url + ".xlsx" in page and url + ".csv" in page
    assert url + ".xlsx" in client.get(f"/cohorts/{cohort.id}/members").get_data(as_text=True)
    rows = list(load_workbook(io.BytesIO(client.get(url + ".xlsx").data)).active.iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[8].endswith("/SERT/DIKLAT-SOP/2026")) for r in rows] == [(person.name, True)]  # not the other
    csv_lines = client.get(url + ".csv").data.decode("utf-8-sig").splitlines()
    assert len(csv_lines) == 2 and person.name in csv_lines[1]
    assert len(client.get(f"/cohorts/{cohort.id}/certificates/people/{person.id}/jp/2025.csv").data.splitlines()) == 1
    mentor, stranger = world["a"]["mentor"], world["b"]["participants"][0]
    assert client.get(f"/cohorts/{cohort.id}/certificates/people/{stranger.id}/jp/2026.csv").status_code == 404
    assert client.get(f"/cohorts/{cohort.id}/certificates/people/{mentor.id}/jp/2026.csv").status_code == 404
    client.logout()
    client.login(world["b"]["facilitator"].email)
    assert client.get(url + ".csv").status_code == 404
    client.logout()
    client.login(person.email)
    assert client.get(url + ".csv").status_code == 403
    client.logout()
    client.login(world.admin.email)
    csv_lines = client.get(url + ".csv").data.decode("utf-8-sig").splitlines()
    assert len(csv_lines) == 3 and "001/LAIN/2026" in csv_lines[2]
