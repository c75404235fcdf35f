"""``flask questions import`` and ``flask tests close-expired``."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

questions_cli = AppGroup("questions", help="Question banks.")
tests_cli = AppGroup("tests", help="Pre-tests and post-tests.")


@questions_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["gift", "aiken", "moodlexml"]), required=True)
@click.option("--bank", "bank_name", required=True, help="Bank to add the questions to (created when missing).")
def import_questions(path: Path, fmt: str, bank_name: str) -> None:
    """Import FILE into a bank: the good questions are kept, each failed one is listed with its line."""
    from diklat.assessments.bank_services import add_questions, get_or_create_bank
    from diklat.assessments.formats import decode, parse
    from diklat.extensions import db

    result = parse(decode(path.read_bytes()), fmt)
    bank = get_or_create_bank(bank_name)
    add_questions(bank, result.questions)
    db.session.commit()
    click.echo(f"Imported {len(result.questions)} question(s) into bank '{bank.name}':")
    for qtype, count in sorted(result.counts().items()):
        click.echo(f"  {qtype:14} {count}")
    if result.problems:
        click.echo(f"Not imported: {len(result.problems)} question(s):")
        for problem in result.problems:
            reason = problem.message % problem.params if problem.params else problem.message
            excerpt = f" [{problem.excerpt}]" if problem.excerpt else ""
            click.echo(f"  line {problem.line}: {reason}{excerpt}")


@tests_cli.command("close-expired")
def close_expired_command() -> None:
    """Submit every attempt whose time is up (run from cron every minute)."""
    from diklat.assessments.attempt_services import close_expired
    from diklat.common.time import utcnow
    from diklat.extensions import db

    closed = close_expired(utcnow())
    db.session.commit()
    click.echo(f"Closed {closed} expired attempt(s).")
