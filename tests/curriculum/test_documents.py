"""PDF and DOCX downloads, blank and filled: page counts, rendered pages, Word and LibreOffice open them."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from diklat.curriculum.models import ModuleState
from diklat.curriculum.services import find_answer, get_module, owner_key, save_answer, set_module_state
from diklat.extensions import db
from tests.curriculum.conftest import sheet_url

STEPS = [
    {
        "step": f"Langkah {i}: memeriksa berkas pemohon",
        "actor": "Petugas loket",
        "time": 10 + i,
        "wait": 30 * (i % 3),
        "delay": i % 3 == 0,
    }
    for i in range(1, 13)
]


@pytest.fixture()
def filled(client, world):
    cohort, team = world["a"]["cohort"], world["a"]["teams"][0]
    sheet = next(w for w in get_module(2).worksheets if w.key == "process_map")
    save_answer(
        sheet,
        cohort,
        {
            "service": "Izin Usaha Mikro dan Kecil",
            "start_point": "Pemohon datang",
            "end_point": "Izin diserahkan",
            "steps": STEPS,
            "bottlenecks": "Paraf berjenjang.",
            "visits": 2,
        },
        None,
        world["a"]["participants"][0],
        team=team,
    )
    set_module_state(cohort, 2, ModuleState.OPEN, world["a"]["facilitator"])
    db.session.commit()
    client.login(world["a"]["participants"][0].email)
    return sheet_url(cohort.id, 2, "process_map", "teams", team.id), cohort


def _pdfinfo_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils (pdfinfo, pdftoppm) not installed")
def test_pdf_filled_and_blank(client, filled, tmp_path):
    url, cohort = filled
    response = client.get(url + "/download.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    path = tmp_path / "filled.pdf"
    path.write_bytes(response.data)
    assert 1 <= _pdfinfo_pages(path) <= 3
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Langkah 12:" in text and "Total waktu proses" in text
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(tmp_path / "page")], check=True)
    assert sorted(tmp_path.glob("page*.png"))
    blank = client.get(f"/cohorts/{cohort.id}/modules/2/sheets/process_map/blank.pdf")
    (tmp_path / "blank.pdf").write_bytes(blank.data)
    assert _pdfinfo_pages(tmp_path / "blank.pdf") >= 1
    blank_text = subprocess.run(["pdftotext", str(tmp_path / "blank.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Langkah-langkah layanan" in blank_text and "Memeriksa" not in blank_text


def test_docx_filled_and_blank_open_in_python_docx(client, filled):
    url, cohort = filled
    doc = Document(io.BytesIO(client.get(url + "/download.docx").data))
    assert doc.paragraphs[1].text == "Lembar Kerja 2 — Peta Proses Layanan"
    table = doc.tables[0]
    assert len(table.rows) == 1 + len(STEPS)
    assert table.rows[3].cells[5].text == "Ya" and table.rows[1].cells[3].text == "11 menit"
    blank = Document(io.BytesIO(client.get(f"/cohorts/{cohort.id}/modules/1/sheets/old_sop_review/blank.docx").data))
    checklist = blank.tables[0]
    assert "☐ Tidak ada" in checklist.rows[1].cells[1].text


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) not installed")
def test_libreoffice_converts_docx(client, filled, tmp_path):
    url, _cohort = filled
    source = tmp_path / "sheet.docx"
    source.write_bytes(client.get(url + "/download.docx").data)
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert _pdfinfo_pages(tmp_path / "sheet.pdf") >= 1


def test_every_blank_sheet_renders(client, world):
    client.login(world["a"]["facilitator"].email)
    cohort = world["a"]["cohort"]
    for number in range(1, 9):
        for sheet in get_module(number).active_worksheets:
            for fmt in ("pdf", "docx"):
                response = client.get(f"/cohorts/{cohort.id}/modules/{number}/sheets/{sheet.key}/blank.{fmt}")
                assert response.status_code == 200 and len(response.data) > 3000, (number, sheet.key, fmt)
    assert find_answer(get_module(1).worksheets[0], cohort, owner_key(team=world["a"]["teams"][0])) is None
