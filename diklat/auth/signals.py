"""Remember when a person last signed in (the facilitator's "never signed in" comes from it)."""

from __future__ import annotations

from flask import Flask
from flask_login import user_logged_in

from diklat.common.time import utcnow
from diklat.extensions import db


def _stamp_login(sender: Flask, user, **extra: object) -> None:  # noqa: ANN001
    user.last_login_at = utcnow()
    db.session.commit()


def connect_signals(app: Flask) -> None:
    """Connect the sign-in listener once for this app."""
    user_logged_in.connect(_stamp_login, app)
