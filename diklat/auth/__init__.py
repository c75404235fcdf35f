"""Accounts: login, logout, passwords, rate-limited sign-in."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

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

    from diklat.auth import account_views, reset_views  # noqa: F401  (routes on the auth blueprint)
    from diklat.auth.signals import connect_signals

    connect_signals(app)
    app.before_request(_require_password_change)
    app.register_blueprint(bp)
    app.cli.add_command(users_cli)


# Pages a person with a temporary password may still open.
PASSWORD_CHANGE_OPEN = {"auth.change_password", "auth.logout", "auth.set_language", "static", "health.healthz"}


def _require_password_change() -> Response | None:
    """Until a temporary password is replaced, every page leads to the change-password form."""
    from flask import redirect, request, url_for
    from flask_login import current_user

    if request.endpoint in PASSWORD_CHANGE_OPEN or not current_user.is_authenticated:
        return None
    if current_user.must_change_password:
        return redirect(url_for("auth.change_password"))
    return None
