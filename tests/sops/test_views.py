"""Editor, optimistic locking, versions, review workflow and exports through the real forms."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from diklat.extensions import db
from diklat.sops.document import SopDocument
from diklat.sops.models import Sop, SopStatus
from tests.sops.conftest import editor_data
from tests.sops.helpers import good_document

EN = {"Accept-Language": "en"}


def sop_of(world) -> Sop:
    db.session.expire_all()
    return db.session.scalar(db.select(Sop).where(Sop.team_id == world["a"]["teams"][0].id))


def test_participant_saves_a_draft_and_sees_checks_and_flowchart(client, world, saved):
    sop = sop_of(world)
    assert sop.status == SopStatus.DRAFT and sop.page_count == 2
    assert SopDocument.from_dict(sop.draft).steps[2].alt == "d"
    page = client.get(saved, headers=EN).get_data(as_text=True)
    assert "<svg" in page and 'class="sop-flowchart"' in page
    assert "All checks passed." in page
    assert " style=" not in page and "<script>" not in page


def test_new_sop_checks_fail_with_links(client, world, editor_url):
    client.login(world["a"]["participants"][0].email)
    page = client.get(editor_url, headers=EN).get_data(as_text=True)
    assert 'href="#purpose"' in page and "The purpose is empty." in page


def test_bad_input_is_refused_next_to_the_field_and_kept(client, world, editor_url):
    client.login(world["a"]["participants"][0].email)
    client.get(editor_url)
    data = editor_data(good_document(), 0)
    data.update({"approver_nip": "12345", "steps-1-time_value": "sepuluh", "title": "Judul yang saya ketik"})
    response = client.post(editor_url, data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "NIP" in page and 'value="sepuluh"' in page and "Judul yang saya ketik" in page
    assert sop_of(world) is None
    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'href="#steps-1-time_value">Langkah 2 – Waktu: Bukan angka yang sah.' in summary
    assert "{" not in summary and "Not a valid" not in summary  # no raw lists of error dicts, no English
    data["steps-1-time_value"] = "-5"
    page = client.post(editor_url, data).get_data(as_text=True)
    assert "Langkah 2 – Waktu: Angka harus antara 0 dan 100000." in page


def test_row_buttons_without_script_save_the_rearranged_draft(client, world, editor_url):
    client.login(world["a"]["participants"][0].email)
    client.get(editor_url)
    doc = good_document()
    doc.explanation["purpose"] = "Diketik sebelum menambah baris."
    assert client.post(editor_url, {**editor_data(doc, 0), "op": "add-1"}).status_code == 302
    stored = SopDocument.from_dict(sop_of(world).draft)
    assert len(stored.steps) == 8 and stored.steps[2].activity == ""
    assert stored.explanation["purpose"] == "Diketik sebelum menambah baris."  # nothing typed was lost
    assert client.post(editor_url, {**editor_data(stored, 1), "op": "up-1"}).status_code == 302
    stored = SopDocument.from_dict(sop_of(world).draft)
    assert [s.uid for s in stored.steps][:2] == ["b", "a"]
    assert client.post(editor_url, {**editor_data(stored, 2), "op": "remove-3"}).status_code == 302
    stored = SopDocument.from_dict(sop_of(world).draft)
    assert "c" not in [s.uid for s in stored.steps] and all(s.next != "c" for s in stored.steps)


def test_row_button_with_bad_input_keeps_everything_in_the_form(client, world, editor_url):
    client.login(world["a"]["participants"][0].email)
    client.get(editor_url)
    data = {**editor_data(good_document(), 0), "steps-1-time_value": "sepuluh", "op": "add-1"}
    response = client.post(editor_url, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and 'value="sepuluh"' in page and page.count('name="steps-7-uid"') == 1
    assert sop_of(world) is None


def test_concurrent_edit_is_refused_showing_both_versions(client, world, saved):
    sop = sop_of(world)
    stale = sop.version
    first = good_document()
    first.explanation["purpose"] = "Tujuan versi rekan"
    assert client.post(saved, editor_data(first, stale)).status_code == 302
    mine = good_document()
    mine.explanation["purpose"] = "Tujuan versi saya"
    response = client.post(saved, editor_data(mine, stale))
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Tujuan versi rekan" in page and "Tujuan versi saya" in page
    assert SopDocument.from_dict(sop_of(world).draft).explanation["purpose"] == "Tujuan versi rekan"


def test_versions_compare_and_restore(client, world, saved):
    base = saved
    assert client.post(f"{base}/versions", {"reason": "", "version": sop_of(world).version}).status_code == 422
    assert (
        client.post(f"{base}/versions", {"reason": "Draf pertama", "version": sop_of(world).version}).status_code == 302
    )
    changed = good_document()
    changed.identity["title"] = "Pelayanan IUMK Ringkas"
    changed.steps[4].activity = "Memverifikasi dokumen secara daring."
    client.post(base, editor_data(changed, sop_of(world).version))
    client.post(f"{base}/versions", {"reason": "Verifikasi daring", "version": sop_of(world).version})
    history = client.get(f"{base}/versions").get_data(as_text=True)
    assert "Draf pertama" in history and "Verifikasi daring" in history
    page = client.get(f"{base}/compare?a=1&b=2").get_data(as_text=True)
    assert "Pelayanan IUMK Ringkas" in page and "Memverifikasi dokumen secara daring." in page
    assert "Memverifikasi dokumen." in page  # the old text beside the new
    response = client.post(
        f"{base}/versions/1/restore", {"reason": "Kembali ke versi awal", "version": sop_of(world).version}
    )
    assert response.status_code == 302
    sop = sop_of(world)
    assert [v.number for v in sop.versions] == [1, 2, 3] and "v1" in sop.versions[-1].reason
    assert SopDocument.from_dict(sop.draft).title == "Pelayanan IUMK"


def test_review_workflow_with_comments(client, world, saved):
    base = saved
    a = world["a"]
    client.post(f"{base}/status", {"action": "submit"})
    assert sop_of(world).status == SopStatus.DRAFT  # no version saved yet
    client.post(f"{base}/versions", {"reason": "Siap direviu", "version": sop_of(world).version})
    client.post(f"{base}/status", {"action": "submit"})
    assert sop_of(world).status == SopStatus.SUBMITTED
    assert client.post(base, editor_data(good_document(), sop_of(world).version)).status_code == 403
    assert client.post(f"{base}/status", {"action": "accept"}).status_code == 302
    assert sop_of(world).status == SopStatus.SUBMITTED  # a participant cannot accept
    client.logout()
    client.login(a["facilitator"].email)
    client.get(base)
    client.post(f"{base}/status", {"action": "return"})
    assert sop_of(world).status == SopStatus.SUBMITTED  # returning needs a comment
    assert client.post(f"{base}/comments", {"target": "step:e", "text": "Verifikasi terlalu lama."}).status_code == 302
    client.post(f"{base}/status", {"action": "return", "note": "Lihat komentar."})
    sop = sop_of(world)
    assert sop.status == SopStatus.RETURNED and sop.comments[0].target == "step:e"
    assert [(e.to_status.value, e.user_id) for e in sop.events][-2:] == [
        ("submitted", a["participants"][0].id),
        ("returned", a["facilitator"].id),
    ]
    client.logout()
    client.login(a["participants"][1].email)
    page = client.get(base).get_data(as_text=True)
    assert "Verifikasi terlalu lama." in page
    revised = good_document()
    revised.steps[4].time_value = 30
    assert client.post(base, editor_data(revised, sop_of(world).version)).status_code == 302
    client.post(f"{base}/versions", {"reason": "Sesuai komentar", "version": sop_of(world).version})
    client.post(f"{base}/status", {"action": "submit"})
    client.logout()
    client.login(a["facilitator"].email)
    client.get(base)
    client.post(f"{base}/status", {"action": "accept"})
    client.post(f"{base}/status", {"action": "start_trial"})
    assert sop_of(world).status == SopStatus.IN_TRIAL
    client.logout()
    client.login(a["participants"][0].email)
    client.get(base)
    client.post(f"{base}/status", {"action": "mark_revised"})
    assert sop_of(world).status == SopStatus.IN_TRIAL  # needs a version saved during the trial
    client.post(f"{base}/versions", {"reason": "Hasil uji coba", "version": sop_of(world).version})
    client.post(f"{base}/status", {"action": "mark_revised"})
    sop = sop_of(world)
    assert sop.status == SopStatus.REVISED_AFTER_TRIAL and sop.latest.status == SopStatus.REVISED_AFTER_TRIAL


def pdf_import_missing() -> str | None:
    """Why LibreOffice cannot open a PDF here (no soffice, no Draw, no PDF import filter), or None."""
    soffice = shutil.which("soffice")
    if not soffice:
        return "LibreOffice (soffice) is not installed"
    registry = Path(soffice).resolve().parent.parent / "share" / "registry"
    if not (registry / "draw.xcd").exists():
        return "LibreOffice Draw is not installed (libreoffice-draw-nogui); it imports PDFs"
    filters = registry / "pdfimport.xcd"
    if not filters.exists() or "draw_pdf_import" not in filters.read_text(errors="replace"):
        return "LibreOffice has no PDF import filter (pdfimport.xcd with draw_pdf_import)"
    return None


def test_pdf_has_two_a4_pages(client, world, saved, tmp_path):
    response = client.get(f"{saved}/sop.pdf")
    assert response.mimetype == "application/pdf" and response.data[:5] == b"%PDF-"
    if not shutil.which("pdfinfo"):
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    pdf = tmp_path / "sop.pdf"
    pdf.write_bytes(response.data)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+2$", info, re.M) and "A4" in info


def test_docx_opens_in_libreoffice(client, world, saved, tmp_path):
    response = client.get(f"{saved}/sop.docx")
    assert response.data[:2] == b"PK"
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    docx = tmp_path / "sop.docx"
    docx.write_bytes(response.data)
    convert(docx, "pdf", tmp_path)
    assert (tmp_path / "out" / "sop.pdf").stat().st_size > 1000


def test_pdf_opens_in_libreoffice(client, world, saved, tmp_path):
    if reason := pdf_import_missing():
        pytest.skip(reason)
    pdf = tmp_path / "sop.pdf"
    pdf.write_bytes(client.get(f"{saved}/sop.pdf").data)
    convert(pdf, "png", tmp_path)
    assert (tmp_path / "out" / "sop.png").stat().st_size > 1000


def convert(path: Path, target: str, tmp_path: Path) -> None:
    """Open ``path`` in headless LibreOffice and export it (proves LibreOffice reads the file)."""
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            target,
            "--outdir",
            str(tmp_path / "out"),
            str(path),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )


def test_worksheet_values_are_used_when_present(client, factory, world, editor_url):
    team, author = world["a"]["teams"][0], world["a"]["participants"][0]
    factory.worksheet_answers(team, 4, "sla", {"standard_time_minutes": 120, "cost": "Gratis"}, author)
    factory.worksheet_answers(team, 6, "complaint_form", {"channels": "Kotak saran di lobi"}, author)
    client.login(world["a"]["participants"][0].email)
    page = client.get(editor_url, headers=EN).get_data(as_text=True)
    assert "Kotak saran di lobi" in page and "Module 4" in page
    assert 'name="complaint_channel"' not in page


def test_without_worksheet_answers_the_fields_are_editable(client, world, editor_url):
    client.login(world["a"]["participants"][0].email)
    page = client.get(editor_url).get_data(as_text=True)
    assert 'name="complaint_channel"' in page and 'name="service_time_value"' in page


def test_api_for_other_features(client, world, saved):
    from diklat.sops.queries import current_sop, sop_status_counts, sop_steps, sop_versions

    team = world["a"]["teams"][0]
    client.post(f"{saved}/versions", {"reason": "Versi satu", "version": sop_of(world).version})
    assert current_sop(team.id)["version_number"] == 1 and current_sop(team.id)["status"] == "draft"
    assert sop_steps(team.id)[2] == {"number": 3, "activity": "Berkas lengkap?", "actor": "Petugas Loket"}
    assert sop_versions(team.id)[0]["reason"] == "Versi satu"
    assert sop_status_counts(world["a"]["cohort"].id) == {"draft": 1, "not_started": 1}
    assert current_sop(world["a"]["teams"][1].id) is None and sop_steps(world["a"]["teams"][1].id) == []


def test_facilitator_sees_submitted_sop_on_home(client, world, saved):
    client.post(f"{saved}/versions", {"reason": "Siap", "version": sop_of(world).version})
    client.post(f"{saved}/status", {"action": "submit"})
    client.logout()
    client.login(world["a"]["facilitator"].email)
    assert "waits for your review" in client.get("/").get_data(as_text=True) or "menunggu" in client.get("/").get_data(
        as_text=True
    )
