"""Error handler rollback; catalogs compiled by a command, not at every start."""

from __future__ import annotations

from diklat.auth.models import User
from diklat.extensions import db
from diklat.i18n import compile_catalogs, stale_catalogs


def test_unhandled_error_rolls_back_before_rendering(app_ctx):
    handler = app_ctx.error_handler_spec[None][None][Exception]
    pending = User(email="lost@example.go.id", name="Lost", password_hash="x")
    with app_ctx.test_request_context("/"):
        db.session.add(pending)
        assert pending in db.session
        body, status = handler(RuntimeError("boom"))
        assert status == 500 and "<html" in body.lower()
        assert pending not in db.session and not db.session.new


def test_catalogs_compile_by_command_and_stay_compiled(app_ctx):
    runner = app_ctx.test_cli_runner()
    result = runner.invoke(args=["i18n", "compile"])
    assert result.exit_code == 0, result.output
    assert stale_catalogs() == [] and compile_catalogs() == 0
