"""``flask seed demo``: an idempotent, realistic demo cohort.

Each feature contributes a module with ``seed(ctx: DemoContext) -> None``; steps run in the
order of :data:`STEPS` and must be idempotent themselves (check before creating).
"""

from __future__ import annotations

import importlib

import click
from flask import Flask
from flask.cli import AppGroup

STEPS = (
    "diklat.demo.platform",
    "diklat.auth.demo",
    "diklat.curriculum.demo",
    "diklat.assessments.demo",
    "diklat.sops.demo",
    "diklat.followups.demo",
    "diklat.monitoring.demo",
    "diklat.certificates.demo",
    "diklat.notifications.demo",
)

seed_cli = AppGroup("seed", help="Load demo data.")


def run_demo_seed() -> DemoContext:  # noqa: F821 - imported lazily to keep CLI import light
    """Run every demo step in order and commit."""
    from diklat.demo.context import DemoContext
    from diklat.extensions import db

    ctx = DemoContext.build()
    for path in STEPS:
        importlib.import_module(path).seed(ctx)
        db.session.flush()
    db.session.commit()
    return ctx


@seed_cli.command("demo")
def demo() -> None:
    """Create (or complete) the demo cohort; safe to run again."""
    from diklat.demo.context import DEMO_ACCOUNTS, DEMO_PASSWORD

    run_demo_seed()
    click.echo("Demo data ready. Accounts (password: %s):" % DEMO_PASSWORD)
    for email, role in DEMO_ACCOUNTS:
        click.echo(f"  {email:34} {role}")


@seed_cli.command("demo-if-empty")
def demo_if_empty() -> None:
    """Load the demo only when the database has no accounts yet (used by ``make run``)."""
    from sqlalchemy import func, select

    from diklat.auth.models import User
    from diklat.extensions import db

    if (db.session.scalar(select(func.count()).select_from(User)) or 0) == 0:
        demo.callback()
    else:
        from diklat.demo.context import DEMO_ACCOUNTS, DEMO_PASSWORD

        click.echo("Database already has data; demo accounts (password: %s):" % DEMO_PASSWORD)
        for email, role in DEMO_ACCOUNTS:
            click.echo(f"  {email:34} {role}")


def init_app(app: Flask) -> None:
    """Register the ``seed`` CLI group."""
    app.cli.add_command(seed_cli)
