"""Certificate settings and revocation forms."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DecimalField, HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from diklat.certificates.numbering import pattern_problem
from diklat.common.nip import nip_problem


class SettingsForm(FlaskForm):
    """Completion rules, the number pattern and the signing official."""

    version = HiddenField()
    min_attendance = IntegerField(
        _l("Minimum attendance (%)"),
        description=_l("Share of the sessions held that the participant attended (present or late)."),
        validators=[
            InputRequired(message=_l("Enter a number.")),
            NumberRange(0, 100, message=_l("Between 0 and 100.")),
        ],
    )
    require_post_test = BooleanField(
        _l("The post-test must be taken"),
        description=_l("Without this, a participant who missed the post-test can still complete the course."),
    )
    post_test_pass_mark = DecimalField(
        _l("Pass mark on the post-test (0–100, optional)"),
        places=None,
        description=_l("Leave empty when taking the post-test is enough."),
        validators=[Optional(), NumberRange(0, 100, message=_l("Between 0 and 100."))],
    )
    require_sop = BooleanField(
        _l("The team's SOP must be submitted"),
        description=_l("The participant's team must have submitted its SOP draft for review."),
    )
    number_pattern = StringField(
        _l("Certificate number pattern"),
        validators=[DataRequired(message=_l("Enter a pattern.")), Length(max=100)],
        description=_l(
            "{seq:03} is the sequence with three digits, {year} the year of issue. Numbers are never reused."
        ),
    )
    institution = StringField(_l("Institution (as printed)"), validators=[Optional(), Length(max=200)])
    signer_position = StringField(_l("Signing official: position"), validators=[Optional(), Length(max=200)])
    signer_name = StringField(_l("Signing official: name"), validators=[Optional(), Length(max=200)])
    signer_nip = StringField(_l("Signing official: NIP"), validators=[Optional(), Length(max=18)])
    signature = FileField(_l("Signature and stamp image (PNG or JPG)"))
    logo = FileField(_l("Institution logo (PNG or JPG)"))

    def validate_number_pattern(self, field: StringField) -> None:
        """The pattern must number certificates uniquely."""
        if problem := pattern_problem(field.data or ""):
            raise ValidationError(_(problem))

    def validate_signer_nip(self, field: StringField) -> None:
        """A NIP with the right structure."""
        if field.data and (problem := nip_problem(field.data)):
            raise ValidationError(_(problem))


class RevokeForm(FlaskForm):
    """Revoke (and optionally reissue) with a reason."""

    reason = TextAreaField(_l("Reason"), validators=[DataRequired(message=_l("Give the reason.")), Length(max=500)])
