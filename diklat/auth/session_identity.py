"""Who the session cookie says is signed in, for a request that checks the account inside its own statement.

Flask-Login loads the whole account on the first touch of ``current_user`` (one ORM read, the session-protection
hash, a signal): about a fifth of the answer save, the request every participant sends every few seconds. A view
marked :func:`checks_sign_in_itself` reads :func:`session_identity` instead and joins :func:`account_is_signed_in`
into its one statement, so the account is checked in the same read as the data. When that statement finds
nothing, the view takes its ordinary path behind ``login_required`` and :func:`password_change_redirect`, so a
signed-out, replaced or temporary-password session is answered exactly as on every other page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, TypeVar

from flask import flash, jsonify, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_url
from sqlalchemy import ColumnElement, and_, bindparam
from werkzeug.wrappers import Response

from diklat.auth.models import User
from diklat.common.urls import from_page_script
from diklat.extensions import login_manager

V = TypeVar("V", bound=Callable)

# Pages a person with a temporary password may still open.
PASSWORD_CHANGE_OPEN = {"auth.change_password", "auth.logout", "auth.set_language", "static", "health.healthz"}


class Identity(NamedTuple):
    """The account id and the session token the cookie carries (see ``User.get_id``)."""

    user_id: int
    token: str


def parse_identity(value: object) -> Identity | None:
    """``"<id>:<token>"`` as stored by Flask-Login; None for anything else."""
    if not isinstance(value, str):
        return None
    user_id, _, token = value.partition(":")
    if not user_id.isdigit() or len(user_id) > 10:
        return None
    return Identity(int(user_id), token)


def session_identity() -> Identity | None:
    """The identity in this request's session cookie, not yet checked against the account."""
    return parse_identity(session.get("_user_id"))


def account_is_signed_in() -> ColumnElement[bool]:
    """SQL: the users row is the session's account, still active, its token current, no password change due.

    Binds ``user_id`` and ``session_token``; join it on ``User.__table__``.
    """
    users = User.__table__.c
    return and_(
        users.id == bindparam("user_id"),
        users.session_token == bindparam("session_token"),
        users.active.is_(True),
        users.must_change_password.is_(False),
    )


def checks_sign_in_itself(view: V) -> V:
    """Mark a view that checks the account in its own statement (the before-request check leaves it alone)."""
    view.checks_sign_in_itself = True  # type: ignore[attr-defined]
    return view


def password_change_redirect() -> Response | None:
    """Until a temporary password is replaced, every page leads to the change-password form.

    A page script is told so in JSON (403), so it can keep what was typed and say what to do instead of taking
    the form's HTML for a lost connection (``from_page_script``).
    """
    if request.endpoint in PASSWORD_CHANGE_OPEN or not current_user.is_authenticated:
        return None
    if not current_user.must_change_password:
        return None
    if from_page_script():
        message = _(
            "Set a new password first. What you entered is kept in this browser: come back to this page afterwards."
        )
        link = _("Set a new password (opens a new tab)")
        return _refused("password_change", message, link, url_for("auth.change_password"), 403)
    return redirect(url_for("auth.change_password"))


def signed_out_response() -> Response:
    """Flask-Login's unauthorized handler: the sign-in page with ``next`` for a tab, JSON (401) for a page script
    (nothing flashed into its session cookie)."""
    if from_page_script():
        message = _(
            "You are signed out. What you entered is kept in this browser: sign in again and come back to this page."
        )
        link = _("Sign in again (opens a new tab)")
        return _refused("signed_out", message, link, url_for("auth.login"), 401)
    flash(str(login_manager.login_message), login_manager.login_message_category)
    return redirect(login_url(login_manager.login_view, next_url=request.url))


def _refused(code: str, message: str, link: str, url: str, status: int) -> Response:
    """JSON for a page script: what happened, a link's words and address to put it right (see static/js/app.js)."""
    response = jsonify(error=code, message=message, link=link, url=url)
    response.status_code = status
    return response
