"""Banks: the import command on every fixture, browser import with preview, the GIFT editor, exports."""

from __future__ import annotations

import io

import pytest

from diklat.assessments.models import Question, QuestionBank
from diklat.extensions import db
from tests.assessments.conftest import FIXTURES


@pytest.mark.parametrize(
    ("name", "fmt", "imported", "lines", "failed"),
    [
        (
            "gift-examples.txt",
            "gift",
            43,
            [
                "multichoice    16",
                "multiresponse  2",
                "matching       3",
                "numerical      8",
                "shortanswer    9",
                "truefalse      5",
            ],
            [],
        ),
        (
            "gift-questions.txt",
            "gift",
            8,
            ["truefalse      3"],
            ["line 2: Essay questions cannot be scored automatically"],
        ),
        ("aiken-questions.txt", "aiken", 2, ["multichoice    2"], []),
        (
            "aiken-errors.txt",
            "aiken",
            2,
            ["multichoice    2"],
            [
                "line 1: Only 1 choice; at least two are needed.",
                "line 5: Choices or an ANSWER line come before any question",
                "line 14: The question has no ANSWER line.",
            ],
        ),
    ],
)
def test_import_command(app, app_ctx, name, fmt, imported, lines, failed):
    result = app.test_cli_runner().invoke(
        args=["questions", "import", str(FIXTURES / name), "--format", fmt, "--bank", "Uji impor"]
    )
    assert result.exit_code == 0, result.output
    assert f"Imported {imported} question(s) into bank 'Uji impor':" in result.output
    for line in lines + failed:
        assert line in result.output
    if not failed:
        assert "Not imported" not in result.output
    bank = db.session.scalar(db.select(QuestionBank).where(QuestionBank.name == "Uji impor"))
    assert len(bank.questions) == imported


def test_moodle_xml_import_command(app, app_ctx, tmp_path):
    from diklat.assessments.gift import parse_gift
    from diklat.assessments.moodlexml import export_moodle_xml

    path = tmp_path / "bank.xml"
    path.write_text(export_moodle_xml(parse_gift((FIXTURES / "gift-questions.txt").read_text()).questions))
    result = app.test_cli_runner().invoke(
        args=["questions", "import", str(path), "--format", "moodlexml", "--bank", "X"]
    )
    assert "Imported 8 question(s)" in result.output


def test_browser_import_shows_preview_then_saves_good_questions(client, factory):
    world = factory.world()
    client.login(world["a"]["facilitator"].email)
    client.post("/banks", {"name": "Bank baru", "description": ""})
    bank = db.session.scalar(db.select(QuestionBank))
    url = f"/banks/{bank.id}/import"
    client.get(url)
    raw = (FIXTURES / "aiken-errors.txt").read_bytes()
    preview = client.post(
        url,
        {"fmt": "aiken", "action": "preview", "file": (io.BytesIO(raw), "soal.txt")},
        content_type="multipart/form-data",
    )
    text = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "A good question" in text
    assert "Line 14" in text or "Baris 14" in text
    assert 'name="source"' in text  # the file travels with the preview form, nothing stored yet
    assert db.session.scalar(db.select(db.func.count()).select_from(Question)) == 0
    saved = client.post(url, {"fmt": "aiken", "action": "save", "source": raw.decode()})
    assert saved.status_code == 302
    assert db.session.scalar(db.select(db.func.count()).select_from(Question)) == 2


def test_import_without_file_or_text_says_so(client, factory):
    world = factory.world()
    client.login(world["a"]["facilitator"].email)
    client.post("/banks", {"name": "B", "description": ""})
    bank = db.session.scalar(db.select(QuestionBank))
    page = client.post(f"/banks/{bank.id}/import", {"fmt": "gift", "action": "preview"}).get_data(as_text=True)
    assert "Choose a file or paste the questions." in page or "Pilih berkas" in page


def test_duplicate_bank_name_refused_and_kept(client, factory):
    world = factory.world()
    client.login(world["a"]["facilitator"].email)
    client.post("/banks", {"name": "Sama", "description": ""})
    page = client.post("/banks", {"name": "Sama", "description": "teks saya"}).get_data(as_text=True)
    assert "teks saya" in page and db.session.scalar(db.select(db.func.count()).select_from(QuestionBank)) == 1


def test_gift_editor_creates_edits_and_refuses_stale_edit(client, world):
    client.login(world["a"]["facilitator"].email)
    bank = world["bank"]
    new_url = f"/banks/{bank.id}/questions/new"
    client.get(new_url)
    bad = client.post(new_url, {"gift": "Pertanyaan {~a", "points": "1"})
    assert bad.status_code == 200 and "Pertanyaan {~a" in bad.get_data(as_text=True)
    client.post(
        new_url,
        {
            "gift": "::Baru::Alur SOP ditulis dalam kolom pelaksana.{T}",
            "points": "2",
            "category": "Pemetaan",
            "module_number": "2",
        },
    )
    question = db.session.scalar(db.select(Question).where(Question.name == "Baru"))
    assert (question.points, question.category, question.module_number) == (2.0, "Pemetaan", 2)
    edit_url = f"/banks/{bank.id}/questions/{question.id}"
    form = client.get(edit_url).get_data(as_text=True)
    assert "::Baru::" in form
    client.post(edit_url, {"gift": "::Baru::Teks diubah.{F}", "points": "1", "version": "1"})
    db.session.refresh(question)
    assert question.data["correct"] is False and question.version == 2
    stale = client.post(edit_url, {"gift": "::Baru::Versi lama saya.{T}", "points": "1", "version": "1"})
    assert stale.status_code == 409 and "Versi lama saya." in stale.get_data(as_text=True)
    db.session.refresh(question)
    assert question.data["correct"] is False


def test_exports_download(client, world):
    client.login(world["a"]["facilitator"].email)
    gift = client.get(f"/banks/{world['bank'].id}/export.txt")
    assert gift.status_code == 200 and "::MC::[html]" in gift.get_data(as_text=True)
    xml = client.get(f"/banks/{world['bank'].id}/export.xml")
    assert xml.status_code == 200 and '<question type="matching">' in xml.get_data(as_text=True)
    assert client.get(f"/banks/{world['bank'].id}/export.pdf").status_code == 404
