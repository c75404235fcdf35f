"""``flask content check|sync``: listing, problems with file and field, idempotent sync that keeps answers."""

from __future__ import annotations

import shutil

from sqlalchemy import func, select

from diklat.curriculum.models import CurriculumModule, WorksheetAnswer, WorksheetDefinition
from diklat.curriculum.services import get_module, save_answer
from diklat.extensions import db
from tests.curriculum.conftest import MODULES, sheet_url


def test_check_lists_eight_modules(app):
    result = app.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output
    assert "8 modules OK" in result.output
    assert "4. Menetapkan Standar Waktu" in result.output and "sla (" in result.output


def test_check_fails_naming_file_and_field(app, tmp_path):
    root = tmp_path / "modules"
    shutil.copytree(MODULES, root)
    toml = root / "06-pengaduan" / "module.toml"
    toml.write_text(toml.read_text().replace('key = "channels"', 'key = "Channels!"'))
    result = app.test_cli_runner().invoke(args=["content", "check", "--path", str(root)])
    assert result.exit_code == 1
    assert "06-pengaduan/module.toml: worksheets[0].fields[1].key" in result.output


def test_sync_is_idempotent_and_keeps_answers(app_ctx, factory, tmp_path):
    runner = app_ctx.test_cli_runner()
    first = runner.invoke(args=["content", "sync"])
    assert first.exit_code == 0 and "created [1, 2, 3, 4, 5, 6, 7, 8]" in first.output
    again = runner.invoke(args=["content", "sync"])
    assert "unchanged [1, 2, 3, 4, 5, 6, 7, 8]" in again.output
    assert db.session.scalar(select(func.count()).select_from(CurriculumModule)) == 8
    count = db.session.scalar(select(func.count()).select_from(WorksheetDefinition))

    world = factory.world()
    cohort, team = world["a"]["cohort"], world["a"]["teams"][0]
    sheet = next(w for w in get_module(6).worksheets if w.key == "complaint_form")
    save_answer(
        sheet,
        cohort,
        {"form_title": "Formulir", "channels": "WhatsApp 0812", "response_days": 3},
        None,
        world["a"]["participants"][0],
        team=team,
    )
    db.session.commit()

    # Change the text of module 6 and drop the "channels" field: answers stay, the old value stays readable.
    root = tmp_path / "modules"
    shutil.copytree(MODULES, root)
    toml = root / "06-pengaduan" / "module.toml"
    text = toml.read_text().replace("Lembar Kerja 6A — Formulir Pengaduan", "Lembar Kerja 6A — Formulir Aduan")
    start = text.index('[[worksheets.fields]]\nkey = "channels"')
    end = text.index("[[worksheets.fields]]", start + 10)
    toml.write_text(text[:start] + text[end:])
    changed = runner.invoke(args=["content", "sync", "--path", str(root)])
    assert changed.exit_code == 0, changed.output
    assert "updated [6]" in changed.output and "6/complaint_form.channels" in changed.output
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(WorksheetDefinition)) == count
    answer = db.session.scalar(select(WorksheetAnswer))
    assert answer.data["channels"] == "WhatsApp 0812"
    assert answer.worksheet.title == "Lembar Kerja 6A — Formulir Aduan"
    assert answer.worksheet.retired_fields["channels"]["label"] == "Saluran pengaduan yang diumumkan"

    from diklat.curriculum.models import ModuleState
    from diklat.curriculum.services import set_module_state

    set_module_state(cohort, 6, ModuleState.OPEN, world["a"]["facilitator"])
    db.session.commit()
    from tests.conftest import Client

    client = Client(app_ctx.test_client())
    client.login(world["a"]["participants"][0].email)
    page = client.get(sheet_url(cohort.id, 6, "complaint_form", "teams", team.id)).get_data(as_text=True)
    assert "Saluran pengaduan yang diumumkan" in page and "WhatsApp 0812" in page
