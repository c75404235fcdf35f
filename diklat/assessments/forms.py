"""Forms: banks, imports, the GIFT question editor, test settings, question choice, extra attempts."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    FloatField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError


class LocalFloatField(FloatField):
    """A number typed with a decimal comma ("72,5") or point."""

    def process_formdata(self, valuelist: list[str]) -> None:
        """Accept the Indonesian decimal comma."""
        super().process_formdata([v.strip().replace(",", ".") for v in valuelist])


FORMAT_CHOICES = [("gift", "GIFT"), ("aiken", "Aiken"), ("moodlexml", "Moodle XML")]


class BankForm(FlaskForm):
    """A new question bank."""

    name = StringField(_l("Bank name"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=2000)])


class ImportForm(FlaskForm):
    """A file (or pasted text) in GIFT, Aiken or Moodle XML."""

    fmt = SelectField(_l("Format"), choices=FORMAT_CHOICES, default="gift")
    file = FileField(
        _l("File"), validators=[FileAllowed(["txt", "gift", "xml"], _l("Choose a .txt, .gift or .xml file."))]
    )
    text = TextAreaField(_l("Or paste the questions"), validators=[Length(max=500_000)])
    source = HiddenField()

    def validate_text(self, field: TextAreaField) -> None:
        """A file or pasted text is needed."""
        if not field.data and not (self.file.data and getattr(self.file.data, "filename", "")) and not self.source.data:
            raise ValidationError(_("Choose a file or paste the questions."))


class QuestionForm(FlaskForm):
    """One question written in GIFT, with points, topic and module."""

    version = HiddenField()
    gift = TextAreaField(_l("Question (GIFT)"), validators=[DataRequired(), Length(max=20_000)])
    points = FloatField(
        _l("Points"),
        default=1.0,
        validators=[DataRequired(message=_l("Enter a number.")), NumberRange(min=0.1, max=100)],
    )
    category = StringField(_l("Topic (category)"), validators=[Optional(), Length(max=200)])
    module_number = IntegerField(_l("Module (1–8)"), validators=[Optional(), NumberRange(min=1, max=8)])


class TestSettingsForm(FlaskForm):
    """Title, window, time limit and shuffling of a pre- or post-test."""

    version = HiddenField()
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    instructions = TextAreaField(_l("Instructions for participants"), validators=[Optional(), Length(max=5000)])
    opens_at = DateTimeLocalField(
        _l("Opens at"),
        format="%Y-%m-%dT%H:%M",
        validators=[DataRequired(message=_l("Enter a date and time."))],
        description=_l("Participants can start the test from this moment."),
    )
    closes_at = DateTimeLocalField(
        _l("Closes at"),
        format="%Y-%m-%dT%H:%M",
        validators=[DataRequired(message=_l("Enter a date and time."))],
        description=_l("No attempt starts after this; an attempt still open is submitted automatically at this time."),
    )
    time_limit_minutes = IntegerField(
        _l("Time limit (minutes)"),
        validators=[Optional(), NumberRange(min=1, max=600)],
        description=_l(
            "Counted from each participant's start; when it runs out the answers saved so far are submitted. "
            "Leave empty for no limit within the window."
        ),
    )
    pass_mark = LocalFloatField(
        _l("Pass mark (KKM, 0–100)"),
        description=_l("Participants at or above this score (0–100) pass. Empty: 70."),
        default=70.0,
        render_kw={"inputmode": "decimal"},
        validators=[
            Optional(),
            NumberRange(min=0, max=100, message=_l("Enter a number from 0 to 100.")),
        ],
    )
    shuffle_questions = BooleanField(
        _l("Shuffle the questions for each participant"),
        default=True,
        description=_l("Neighbours see the questions in a different order; the score does not change."),
    )
    shuffle_choices = BooleanField(
        _l("Shuffle the choices for each participant"),
        default=True,
        description=_l("The options of a multiple-choice question appear in a different order for each participant."),
    )

    def validate_closes_at(self, field: DateTimeLocalField) -> None:
        """The window must end after it starts."""
        if self.opens_at.data and field.data and field.data <= self.opens_at.data:
            raise ValidationError(_("The test must close after it opens."))


class TestQuestionsForm(FlaskForm):
    """Which questions the test asks: chosen from a bank, or the same form as the pre-test."""

    version = HiddenField()
    mode = RadioField(
        _l("Questions"),
        choices=[("bank", _l("Choose questions from the bank")), ("same", _l("Same questions as the pre-test"))],
        default="bank",
    )
    question_ids = SelectMultipleField(_l("Questions"), coerce=int, choices=[], validate_choice=False)

    def validate_question_ids(self, field: SelectMultipleField) -> None:
        """At least one question when choosing from the bank."""
        if self.mode.data == "bank" and not field.data:
            raise ValidationError(_("Choose at least one question."))


class GrantForm(FlaskForm):
    """Another attempt for one participant, with the reason on record."""

    user_id = SelectField(_l("Participant"), coerce=int, choices=[])
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(min=5, max=1000)])


class WaiverForm(FlaskForm):
    """Let one participant take the post-test without the pre-test, with the reason on record."""

    user_id = SelectField(_l("Participant"), coerce=int, choices=[])
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(min=5, max=1000)])


def _weight(label: str) -> IntegerField:
    return IntegerField(
        label,
        default=0,
        render_kw={"inputmode": "numeric"},
        validators=[
            Optional(),
            NumberRange(min=0, max=100, message=_l("Enter a whole number from 0 to 100.")),
        ],
    )


class WeightsForm(FlaskForm):
    """The facilitator's weights (%) for the final grade; they must add up to 100."""

    attendance = _weight(_l("Attendance (%)"))
    worksheets = _weight(_l("Worksheets accepted (%)"))
    pre = _weight(_l("Pre-test (%)"))
    post = _weight(_l("Post-test (%)"))

    def validate_post(self, field: IntegerField) -> None:
        """Shown next to the last weight: the four must add up to 100."""
        values = [f.data or 0 for f in (self.attendance, self.worksheets, self.pre, field)]
        if all(isinstance(v, int) for v in values) and sum(values) != 100:
            raise ValidationError(_("The weights must add up to 100 (now %(total)d).", total=sum(values)))


class BulkForm(FlaskForm):
    """Many questions at once: give them a module, a topic or points, or delete them."""

    question_ids = SelectMultipleField(_l("Questions"), coerce=int, choices=[], validate_choice=False)
    action = SelectField(
        _l("Action"), choices=[("assign", _l("Assign to the selected")), ("delete", _l("Delete the selected"))]
    )
    module_number = IntegerField(
        _l("Module (1–8)"),
        render_kw={"inputmode": "numeric"},
        validators=[Optional(), NumberRange(min=1, max=8, message=_l("Enter a module from 1 to 8."))],
    )
    category = StringField(_l("Topic (category)"), validators=[Optional(), Length(max=200)])
    points = LocalFloatField(
        _l("Points"),
        render_kw={"inputmode": "decimal"},
        validators=[Optional(), NumberRange(min=0.1, max=100, message=_l("Enter points from 0.1 to 100."))],
    )

    def validate_question_ids(self, field: SelectMultipleField) -> None:
        """At least one question must be ticked."""
        if not field.data:
            raise ValidationError(_("Tick at least one question."))
