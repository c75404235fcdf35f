"""Notifications: a bell with unread count, a list, e-mails immediately or as a daily summary, fed by signals."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register models, routes, signal subscribers, the CLI and the bell's count for templates."""
    from flask_login import current_user

    from diklat.notifications import models  # noqa: F401 - registers models
    from diklat.notifications.cli import notifications_cli
    from diklat.notifications.services import unread_count
    from diklat.notifications.subscribers import connect
    from diklat.notifications.views import bp

    connect()
    app.register_blueprint(bp)
    app.cli.add_command(notifications_cli)

    @app.context_processor
    def _bell() -> dict:
        def unread() -> int:
            return unread_count(current_user.id) if current_user.is_authenticated else 0

        return {"unread_notifications": unread}
