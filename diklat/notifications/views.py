"""The notification list (behind the bell), marking read, and the e-mail preference."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from diklat.common.urls import safe_next
from diklat.extensions import db
from diklat.notifications import services
from diklat.notifications.forms import PreferenceForm
from diklat.notifications.models import MailMode

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.get("/")
@login_required
def index() -> str:
    """The signed-in person's notifications, newest first."""
    notes = services.recent(current_user.id)
    return render_template(
        "notifications/index.html", notes=notes, text_of=services.text_of, when=services.local_times(notes)
    )


@bp.post("/<int:note_id>/open")
@login_required
def open_note(note_id: int) -> Response:
    """Mark one notification read and go to what it is about."""
    note = services.own_notification(current_user.id, note_id)
    if note is None:
        abort(404)
    services.mark_read(current_user.id, note_id)
    db.session.commit()
    return redirect(safe_next(note.url) or url_for("notifications.index"))


@bp.post("/read")
@login_required
def read_all() -> Response:
    """Mark every notification read."""
    services.mark_read(current_user.id)
    db.session.commit()
    flash(_("All notifications marked as read."), "success")
    return redirect(url_for("notifications.index"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings() -> str | Response:
    """Choose immediately, daily summary or no e-mail."""
    form = PreferenceForm()
    if not form.is_submitted():
        form.mail.data = services.mail_mode(current_user.id).value
    if form.validate_on_submit():
        services.set_mail_mode(current_user.id, MailMode(form.mail.data))
        db.session.commit()
        flash(_("Notification settings saved."), "success")
        return redirect(url_for("notifications.settings"))
    return render_template("notifications/settings.html", form=form)
