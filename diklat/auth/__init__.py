"""Accounts: login, logout, passwords, rate-limited sign-in."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from diklat.extensions import db, login_manager


def init_app(app: Flask) -> None:
    """Register the blueprint, the user loader and the ``users`` CLI group."""
    from diklat.auth.cli import users_cli
    from diklat.auth.models import User
    from diklat.auth.views import bp

    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to open this page.")
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(identity: str) -> User | None:
        user_id, _, token = identity.partition(":")
        if not user_id.isdigit():
            return None
        user = db.session.get(User, int(user_id))
        if user is None or user.session_token != token:
            return None
        return user

    app.register_blueprint(bp)
    app.cli.add_command(users_cli)
