"""The one way a view answers an edit the database refused because someone else saved first."""

from __future__ import annotations

from typing import Any

from flask import flash
from flask_babel import gettext as _

from diklat.common.models import StaleEditError
from diklat.extensions import db

CONFLICT = 409


def refused_edit(stale: StaleEditError, form: Any = None, message: str | None = None) -> int:
    """Undo the refused write, point ``form`` at the version now stored, tell the user; returns 409.

    Whatever the user typed stays in ``form`` (it is not re-read from the database), so the page can show
    it next to the other person's version.
    """
    db.session.rollback()
    version = getattr(form, "version", None)
    if version is not None:
        version.data = str(stale.current_version)
    flash(
        message or _("Someone else saved this while you were editing. Their version is shown; what you typed is kept."),
        "error",
    )
    return CONFLICT
