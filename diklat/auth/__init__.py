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
    from diklat.auth.session_identity import parse_identity, signed_out_response
    from diklat.auth.views import bp

    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to open this page.")
    login_manager.login_message_category = "info"
    login_manager.unauthorized_handler(signed_out_response)

    @login_manager.user_loader
    def load_user(value: str) -> User | None:
        identity = parse_identity(value)
        if identity is None:
            return None
        user = db.session.get(User, identity.user_id)
        if user is None or user.session_token != identity.token:
            return None
        return user

    from diklat.auth import account_views, reset_views  # noqa: F401  (routes on the auth blueprint)
    from diklat.auth.signals import connect_signals

    connect_signals(app)
    app.before_request(_require_password_change)
    app.register_blueprint(bp)
    app.cli.add_command(users_cli)


def _require_password_change() -> Response | None:
    """Until a temporary password is replaced, every page leads to the change-password form.

    A view that checks the account in its own statement calls the same check on its ordinary path.
    """
    from flask import current_app, request

    from diklat.auth.session_identity import password_change_redirect

    if getattr(current_app.view_functions.get(request.endpoint or ""), "checks_sign_in_itself", False):
        return None
    return password_change_redirect()
