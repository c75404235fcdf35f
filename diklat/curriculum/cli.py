"""``flask content check|sync``: validate the ``modules/`` folder and bring the database in line."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from diklat.curriculum.content import load_modules

content_cli = AppGroup("content", help="Course content in modules/.")


def _root(path: str | None) -> Path:
    return Path(path or current_app.config["MODULES_DIR"])


@content_cli.command("check")
@click.option("--path", default=None, help="Content folder (default: MODULES_DIR).")
def check(path: str | None) -> None:
    """List the modules, or every problem (file and field) and exit non-zero."""
    modules, problems = load_modules(_root(path))
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        raise SystemExit(1)
    for module in modules:
        sheets = ", ".join(f"{w.key} ({len(w.fields)} fields, {w.scope})" for w in module.worksheets)
        click.echo(f"{module.number}. {module.title} — {module.jp:g} JP — {sheets}")
    click.echo(f"{len(modules)} modules OK")


@content_cli.command("sync")
@click.option("--path", default=None, help="Content folder (default: MODULES_DIR).")
def sync(path: str | None) -> None:
    """Validate, then create or update modules and worksheets; answers are kept."""
    from diklat.curriculum.services import sync_modules
    from diklat.extensions import db

    modules, problems = load_modules(_root(path))
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        click.echo("Nothing synced: fix the problems above first.", err=True)
        raise SystemExit(1)
    report = sync_modules(modules)
    db.session.commit()
    click.echo(f"created {report.created or '-'}; updated {report.updated or '-'}; unchanged {report.unchanged or '-'}")
    for item in report.retired_worksheets:
        click.echo(f"worksheet no longer in content (answers kept): {item}")
    for item in report.retired_fields:
        click.echo(f"field no longer in content (answers kept, shown read-only): {item}")
