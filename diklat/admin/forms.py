"""Admin forms."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField

from diklat.cohorts.forms import PersonFields


class UserForm(PersonFields):
    """Create or edit an account."""

    version = HiddenField()
    is_admin = BooleanField(_l("Site administrator"))
    active = BooleanField(_l("Account active"), default=True)
