"""Admin forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, PasswordField
from wtforms.validators import DataRequired, Length, Optional

from diklat.cohorts.forms import PersonFields


class UserForm(PersonFields):
    """Create or edit an account."""

    version = HiddenField()
    is_admin = BooleanField(_l("Site administrator"))
    active = BooleanField(_l("Account active"), default=True)
    password = PasswordField(
        _l("Initial password"),
        validators=[Optional(), Length(min=10, message=_l("Use at least 10 characters."))],
        render_kw={"autocomplete": "new-password"},
    )


class ResetPasswordForm(FlaskForm):
    """A temporary password the person must change at next sign-in."""

    password = PasswordField(
        _l("Temporary password"),
        validators=[DataRequired(), Length(min=10, message=_l("Use at least 10 characters."))],
        render_kw={"autocomplete": "new-password"},
    )
