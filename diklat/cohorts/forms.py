"""Cohort, member, team, session and enrolment forms."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DateField, EmailField, HiddenField, IntegerField, SelectField, StringField, TimeField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from diklat.common.nip import nip_problem, normalize_nip
from diklat.common.time import DEFAULT_TZ, ZONES

MIN_DAYS, MAX_DAYS = 2, 3
ZONE_LABELS = {
    "Asia/Jakarta": _l("WIB (Asia/Jakarta)"),
    "Asia/Makassar": _l("WITA (Asia/Makassar)"),
    "Asia/Jayapura": _l("WIT (Asia/Jayapura)"),
}


def nip_validator(form: FlaskForm, field: StringField) -> None:
    """Validate an 18-digit NIP with its date structure."""
    if field.data:
        field.data = normalize_nip(field.data)
        if problem := nip_problem(field.data):
            raise ValidationError(_(problem))


class CohortForm(FlaskForm):
    """Name, course, place and the 2–3 days of the course."""

    version = HiddenField()
    name = StringField(_l("Cohort name"), validators=[DataRequired(), Length(max=200)])
    course = StringField(_l("Course"), validators=[DataRequired(), Length(max=200)])
    place = StringField(_l("Place"), validators=[DataRequired(), Length(max=200)])
    start_date = DateField(_l("First day"), validators=[DataRequired(message=_l("Enter a date."))])
    end_date = DateField(_l("Last day"), validators=[DataRequired(message=_l("Enter a date."))])
    timezone = SelectField(
        _l("Time zone"),
        choices=[(zone, ZONE_LABELS[zone]) for zone in ZONES],
        default=DEFAULT_TZ,
        description=_l("Dates and times of this cohort are decided and shown in this zone."),
    )

    def validate_end_date(self, field: DateField) -> None:
        """The course lasts 2 to 3 days."""
        if self.start_date.data and field.data:
            days = (field.data - self.start_date.data).days + 1
            if days < 1:
                raise ValidationError(_("The last day cannot be before the first day."))
            if not MIN_DAYS <= days <= MAX_DAYS:
                raise ValidationError(_("The course lasts 2 to 3 days; this range is %(days)d days.", days=days))


class PersonFields(FlaskForm):
    """Identity fields of an account."""

    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(
        _l("E-mail"), validators=[DataRequired(), Email(message=_l("Enter a valid e-mail address.")), Length(max=254)]
    )
    nip = StringField(_l("NIP"), validators=[Optional(), nip_validator], description=_l("18 digits"))
    agency = StringField(_l("Agency (instansi)"), validators=[Optional(), Length(max=200)])
    unit = StringField(_l("Unit"), validators=[Optional(), Length(max=200)])
    position = StringField(_l("Position"), validators=[Optional(), Length(max=200)])
    rank = StringField(_l("Rank/grade (pangkat/golongan)"), validators=[Optional(), Length(max=100)])


class MemberForm(PersonFields):
    """Add a person to the cohort with a role (an existing account is reused by e-mail)."""

    role = SelectField(_l("Role in this cohort"), choices=[])
    team_id = SelectField(_l("Team"), coerce=int, choices=[], validators=[Optional()])


class TeamForm(FlaskForm):
    """A team with its office, the service it writes its SOP for, and its mentor."""

    version = HiddenField()
    name = StringField(_l("Team name"), validators=[DataRequired(), Length(max=100)])
    office = StringField(_l("Office"), validators=[DataRequired(), Length(max=200)])
    service = StringField(_l("Public service for the SOP"), validators=[DataRequired(), Length(max=200)])
    mentor_id = SelectField(_l("Mentor"), coerce=int, choices=[])


class SessionForm(FlaskForm):
    """One slot of the course schedule."""

    day = DateField(_l("Date"), validators=[DataRequired(message=_l("Enter a date."))])
    start_time = TimeField(_l("Start"), validators=[DataRequired(message=_l("Enter a time."))])
    end_time = TimeField(_l("End"), validators=[DataRequired(message=_l("Enter a time."))])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    module_number = IntegerField(_l("Module (1–8)"), validators=[Optional(), NumberRange(min=1, max=8)])
    room = StringField(_l("Room"), validators=[Optional(), Length(max=100)])
    confirm = HiddenField()  # the values a clash warning was shown for: "save anyway"

    def __init__(self, *args, cohort=None, **kwargs) -> None:  # noqa: ANN001
        super().__init__(*args, **kwargs)
        self.cohort = cohort

    def populate_obj(self, obj) -> None:  # noqa: ANN001
        """Copy the session's values, not the confirmation."""
        for name, field in self._fields.items():
            if name not in ("confirm", "csrf_token"):
                field.populate_obj(obj, name)

    def validate_day(self, field: DateField) -> None:
        """Sessions fall within the course dates."""
        if self.cohort and field.data and not self.cohort.start_date <= field.data <= self.cohort.end_date:
            raise ValidationError(
                _(
                    "The date must fall within the course (%(start)s – %(end)s).",
                    start=self.cohort.start_date.isoformat(),
                    end=self.cohort.end_date.isoformat(),
                )
            )

    def validate_end_time(self, field: TimeField) -> None:
        """A session ends after it starts."""
        if self.start_time.data and field.data and field.data <= self.start_time.data:
            raise ValidationError(_("The end must be after the start."))


class EnrolmentForm(FlaskForm):
    """Upload of a participant list."""

    file = FileField(
        _l("Participant file (CSV or XLSX)"),
        validators=[
            FileRequired(message=_l("Choose a file.")),
            FileAllowed(["csv", "xlsx"], _l("Only .csv or .xlsx files.")),
        ],
    )


class CopyCohortForm(FlaskForm):
    """A new cohort from an earlier one: which one, the new name, first day and place."""

    source = SelectField(_l("Earlier cohort"), coerce=int, validators=[DataRequired()])
    name = StringField(_l("Name of the new cohort"), validators=[DataRequired(), Length(max=200)])
    start_date = DateField(_l("First day"), validators=[DataRequired(message=_l("Enter a date."))])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=200)])
