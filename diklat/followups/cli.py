"""``flask reminders send``: meant for cron, safe to run twice (even at once)."""

from __future__ import annotations

from datetime import date

import click
from flask import current_app
from flask.cli import AppGroup

reminders_cli = AppGroup("reminders", help="Follow-up reminder e-mails.")


@reminders_cli.command("send")
@click.option("--today", "today_text", default=None, help="Pretend today is YYYY-MM-DD (for testing).")
@click.option("--days-before", type=int, default=None, help="Days before an item to remind (default from config).")
def send(today_text: str | None, days_before: int | None) -> None:
    """Send the reminders due today that were never sent before."""
    from diklat.followups.reminders import send_reminders

    today = date.fromisoformat(today_text) if today_text else None  # None: each cohort's own date
    days = days_before if days_before is not None else current_app.config["REMINDER_DAYS_BEFORE"]
    with current_app.test_request_context("/", base_url=current_app.config["PUBLIC_URL"]):
        result = send_reminders(today, days)
    click.echo(f"Reminders: {result.sent} sent, {result.skipped} already sent, {result.failed} failed.")
    if result.failed:
        raise SystemExit(1)
