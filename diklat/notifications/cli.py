"""``flask notifications digest``: meant for cron once a day; running it twice sends nothing twice."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from diklat.extensions import db

notifications_cli = AppGroup("notifications", help="Notifications and their e-mails.")


@notifications_cli.command("digest")
def digest() -> None:
    """Create the calendar notifications due now, then mail the daily summaries and anything still unsent."""
    from diklat.notifications.scan import scan
    from diklat.notifications.services import send_digests

    with current_app.test_request_context("/", base_url=current_app.config["PUBLIC_URL"]):
        created = scan()
        db.session.commit()
        result = send_digests()
        db.session.commit()
    click.echo(f"Notifications: {created} new; digests: {result.mails} mails with {result.items} items.")
