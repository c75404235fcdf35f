"""Forms of the follow-up feature."""

from __future__ import annotations

from babel.numbers import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FloatField,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from diklat.common.formatting import current_locale, round_half_up
from diklat.followups import schedule
from diklat.followups.labels import ITEM_STATUS_LABELS, RATING_LABELS

DAYS = [
    Optional(),
    NumberRange(min=1, max=schedule.MAX_OFFSET_DAYS, message=_l("Enter a number of days from 1 to 730.")),
]
NEEDED_DATE = DataRequired(message=_l("Enter a date."))


class CommaFloatField(FloatField):
    """A number field that also accepts the Indonesian decimal comma (12,5)."""

    widget = TextInput()

    def _value(self) -> str:
        """Show a stored number the way the reader writes it (12,5 in Indonesian; no trailing ,0)."""
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        # No grouping: "1.234,5" would not read back (the point is taken as the decimal sign).
        return format_decimal(round_half_up(self.data, 2), "0.##", locale=current_locale())

    def __call__(self, **kwargs: object) -> str:
        """Render with a decimal keypad on phones."""
        kwargs.setdefault("inputmode", "decimal")
        return super().__call__(**kwargs)

    def process_formdata(self, valuelist: list) -> None:
        """Read ``12,5`` as 12.5; an empty box is None."""
        if valuelist and isinstance(valuelist[0], str):
            valuelist = [valuelist[0].strip().replace(" ", "").replace(",", ".")]
        if valuelist and valuelist[0] == "":
            self.data = None
            return
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            self.data = None
            raise ValueError(_("Enter a number, e.g. 12,5.")) from error


class PlanForm(FlaskForm):
    """The cohort's follow-up offsets, in days after the course's last day."""

    version = HiddenField()
    visit_days_after = IntegerField(
        _l("Mentoring visit: days after the course"),
        validators=[InputRequired(), *DAYS],
        description=_l("The mentor sees the SOP at work in the team's office, usually about a month after the course."),
    )
    visit_length_days = SelectField(
        _l("Length of the visit"),
        coerce=int,
        choices=[(1, _l("1 day")), (2, _l("2 days"))],
        description=_l("A two-day visit takes two consecutive working days."),
    )
    session_days_after = IntegerField(
        _l("Follow-up session: days after the course"),
        validators=[InputRequired(), *DAYS],
        description=_l("All teams meet once to report how the trial is going; usually after 1 month."),
    )
    review_days_after = IntegerField(
        _l("Group review: days after the course"),
        validators=[InputRequired(), *DAYS],
        description=_l("The teams review their SOPs and indicators together; usually 1 to 2 months after the course."),
    )
    report_days_after = IntegerField(
        _l("Trial report due: days after the course"),
        validators=[InputRequired(), *DAYS],
        description=_l("The SOP is tried at the office for 1 to 3 months; the report is due on this day."),
    )
    evaluation_first_days_after = IntegerField(
        _l("First quarterly evaluation: days after the course"),
        validators=[InputRequired(), *DAYS],
        description=_l(
            "When the teams first send their indicators (service time, complaints, first-visit completion)."
        ),
    )
    evaluation_interval_days = IntegerField(
        _l("Days between evaluations"), validators=[InputRequired()], description=_l("About 91 days is one quarter.")
    )
    evaluation_count = IntegerField(
        _l("Number of quarterly evaluations"),
        validators=[InputRequired()],
        description=_l("Each evaluation is one item in the follow-up plan; four cover about a year."),
    )
    collective_leave = BooleanField(
        _l("Also skip collective leave days (cuti bersama)"),
        description=_l("Public holidays are always skipped; tick this to skip the government's cuti bersama days too."),
    )
    session_place = StringField(
        _l("Place of the follow-up session and group review"), validators=[Optional(), Length(max=200)]
    )

    def offsets(self) -> schedule.Offsets:
        """The typed offsets as plain values."""
        return schedule.Offsets(**{name: getattr(self, name).data for name in schedule.Offsets.__dataclass_fields__})

    def validate(self, extra_validators: dict | None = None) -> bool:
        """Field checks, then the schedule's own consistency rules."""
        if not super().validate(extra_validators):
            return False
        for name, message in schedule.offsets_problems(self.offsets()).items():
            getattr(self, name).errors.append(_(message))
        return not self.errors


class RescheduleForm(FlaskForm):
    """Move an item to another working day, with the reason."""

    version = HiddenField()
    confirm = HiddenField()  # the values a clash warning was shown for: "move anyway"
    starts_on = DateField(_l("New date"), validators=[NEEDED_DATE])
    start_time = TimeField(_l("Start"), validators=[DataRequired(message=_l("Enter a time."))])
    end_time = TimeField(_l("End"), validators=[DataRequired(message=_l("Enter a time."))])
    reason = TextAreaField(
        _l("Reason for the change"), validators=[DataRequired(message=_l("Give the reason.")), Length(max=1000)]
    )

    def __init__(self, *args, collective_leave: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.collective_leave = collective_leave

    def validate_starts_on(self, field: DateField) -> None:
        """Only working days (no weekend, no Indonesian holiday)."""
        if field.data:
            off = schedule.non_working_days([field.data.year], self.collective_leave)
            if problem := schedule.day_problem(field.data, off):
                message, params = problem
                raise ValidationError(_(message, **params))

    def validate_end_time(self, field: TimeField) -> None:
        """The end comes after the start."""
        if field.data and self.start_time.data and field.data <= self.start_time.data:
            raise ValidationError(_("The end must be after the start."))


class StatusForm(FlaskForm):
    """Confirm, complete, mark missed, cancel or reopen an item."""

    version = HiddenField()
    status = SelectField(
        _l("New status"), choices=[(s, ITEM_STATUS_LABELS[s]) for s in schedule.STATUSES if s != schedule.RESCHEDULED]
    )
    reason = TextAreaField(_l("Note"), validators=[Length(max=1000)])  # no Optional: it would skip the check below

    def validate_reason(self, field: TextAreaField) -> None:
        """Missing or cancelling something needs a word of explanation."""
        if self.status.data in (schedule.MISSED, schedule.CANCELLED) and not (field.data or "").strip():
            raise ValidationError(_("Say why (missed or cancelled)."))


class ObservationRow(Form):
    """One SOP step observed during the visit."""

    number = HiddenField()
    label = StringField(_l("SOP step"), validators=[Optional(), Length(max=300)])
    rating = RadioField(
        _l("Applied?"), choices=list(RATING_LABELS.items()), validators=[Optional()], validate_choice=False
    )
    note = StringField(_l("Note"), validators=[Optional(), Length(max=1000)])

    def is_blank(self) -> bool:
        """Nothing typed in this row."""
        return not (self.label.data or "").strip() and not self.rating.data and not (self.note.data or "").strip()


class ActionRow(Form):
    """One action agreed during the visit."""

    id = HiddenField()
    description = StringField(_l("Action"), validators=[Optional(), Length(max=1000)])
    owner = StringField(_l("Owner"), validators=[Optional(), Length(max=200)])
    due_on = DateField(_l("Due"), validators=[Optional()])

    def is_blank(self) -> bool:
        """Nothing typed in this row."""
        return (
            not (self.description.data or "").strip() and not (self.owner.data or "").strip() and not self.due_on.data
        )


class VisitForm(FlaskForm):
    """The mentor's log of a field visit."""

    version = HiddenField()
    item_id = SelectField(_l("Planned visit"), coerce=int, choices=[])
    started_on = DateField(_l("First day"), validators=[NEEDED_DATE])
    ended_on = DateField(_l("Last day"), validators=[NEEDED_DATE])
    place = StringField(_l("Place"), validators=[DataRequired(), Length(max=200)])
    attendees = TextAreaField(_l("Who attended"), validators=[Optional(), Length(max=4000)])
    observations = FieldList(FormField(ObservationRow), label=_l("Observed step"), min_entries=0)
    problems = TextAreaField(_l("Problems found"), validators=[Optional(), Length(max=8000)])
    unclear_wording = TextAreaField(_l("Unclear SOP wording"), validators=[Optional(), Length(max=8000)])
    actions = FieldList(FormField(ActionRow), label=_l("Agreed action"), min_entries=0)
    notes = TextAreaField(_l("Other notes"), validators=[Optional(), Length(max=8000)])

    def validate_ended_on(self, field: DateField) -> None:
        """A visit lasts one or more days, ending on or after its first day."""
        if field.data and self.started_on.data and field.data < self.started_on.data:
            raise ValidationError(_("The last day cannot be before the first day."))

    def validate(self, extra_validators: dict | None = None) -> bool:
        """Besides the fields: a typed row must be complete."""
        ok = super().validate(extra_validators)
        for row in (entry.form for entry in self.observations):
            if row.is_blank():
                continue
            if not (row.label.data or "").strip():
                row.label.errors.append(_("Name the step."))
            if row.rating.data not in RATING_LABELS:
                row.rating.errors.append(_("Choose how the step was applied."))
        for row in (entry.form for entry in self.actions):
            if row.is_blank():
                continue
            for sub, message in (
                (row.description, _("Describe the action.")),
                (row.owner, _("Name the owner.")),
                (row.due_on, _("Enter a due date.")),
            ):
                if not sub.data:
                    sub.errors.append(message)
        rows = [*self.observations, *self.actions]
        return ok and not any(sub.errors for row in rows for sub in row.form)  # row: FormField


class ServiceTimeRow(Form):
    """Average service time of one service type, before and during the trial."""

    label = StringField(_l("Service type"), validators=[Optional(), Length(max=200)])
    before = CommaFloatField(_l("Before (minutes)"), validators=[Optional()])
    during = CommaFloatField(_l("During (minutes)"), validators=[Optional()])


class ReportForm(FlaskForm):
    """A team's trial-implementation report."""

    version = HiddenField()
    period_start = DateField(_l("Trial from"), validators=[Optional()])
    period_end = DateField(_l("Trial until"), validators=[Optional()])
    what_worked = TextAreaField(_l("What worked"), validators=[Optional(), Length(max=8000)])
    obstacles = TextAreaField(_l("Obstacles"), validators=[Optional(), Length(max=8000)])
    sop_changes = TextAreaField(_l("Changes made to the SOP"), validators=[Optional(), Length(max=8000)])
    sop_version_ids = SelectMultipleField(
        _l("SOP versions made during the trial"),
        coerce=int,
        choices=[],
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
    )
    testimonials = TextAreaField(_l("Testimonials from service users"), validators=[Optional(), Length(max=8000)])
    service_times = FieldList(FormField(ServiceTimeRow), label=_l("Service time row"), min_entries=0)
    complaints_before = CommaFloatField(_l("Complaints per month, before"), validators=[Optional()])
    complaints_during = CommaFloatField(_l("Complaints per month, during"), validators=[Optional()])
    first_visit_before = CommaFloatField(_l("Completed on the first visit (%), before"), validators=[Optional()])
    first_visit_during = CommaFloatField(_l("Completed on the first visit (%), during"), validators=[Optional()])
    skm_before = CommaFloatField(_l("SKM index, before"), validators=[Optional()])
    skm_during = CommaFloatField(_l("SKM index, during"), validators=[Optional()])

    def validate_period_end(self, field: DateField) -> None:
        """The trial ends on or after it starts."""
        if field.data and self.period_start.data and field.data < self.period_start.data:
            raise ValidationError(_("The end of the trial cannot be before its start."))


class ReviewForm(FlaskForm):
    """Accept a submitted report or ask for more."""

    decision = RadioField(
        _l("Decision"),
        choices=[("accepted", _l("Accept the report")), ("needs_more", _l("Ask the team for more"))],
        validators=[InputRequired(message=_l("Choose a decision."))],
    )
    comment = TextAreaField(_l("Comment to the team"), validators=[Length(max=4000)])

    def validate_comment(self, field: TextAreaField) -> None:
        """Asking for more says what is missing."""
        if self.decision.data == "needs_more" and not (field.data or "").strip():
            raise ValidationError(_("Say what the team should add."))


class UploadForm(FlaskForm):
    """A photo or document for a visit or a report."""

    file = FileField(_l("File"), validators=[FileRequired(message=_l("Choose a file."))])
    caption = StringField(_l("Caption"), validators=[Optional(), Length(max=300)])
