"""The notification settings form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField

from diklat.notifications.models import MailMode

MODE_LABELS = {
    MailMode.IMMEDIATE.value: _l("Immediately, one e-mail per notification"),
    MailMode.DIGEST.value: _l("Once a day, one summary e-mail"),
    MailMode.OFF.value: _l("No e-mail (only in the app)"),
}


class PreferenceForm(FlaskForm):
    """How the person wants to receive notifications by e-mail."""

    mail = RadioField(
        _l("E-mail"),
        choices=list(MODE_LABELS.items()),
        description=_l("Notifications always appear under the bell; this only decides the e-mails."),
    )
