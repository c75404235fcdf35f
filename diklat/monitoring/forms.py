"""Monitoring forms: service settings, uploads, the public SKM form, quarterly review, course feedback."""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, HiddenField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from diklat.monitoring.reaction import MODULES, RATING_SCALE
from diklat.monitoring.skm_import import AGE_GROUPS, EDUCATION, SEXES

# Answer wording per element on the 1–4 scale, as SKM questionnaires commonly phrase it.
ANSWER_WORDS = {
    "fit": (_l("Not appropriate"), _l("Less appropriate"), _l("Appropriate"), _l("Very appropriate")),
    "easy": (_l("Not easy"), _l("Less easy"), _l("Easy"), _l("Very easy")),
    "fast": (_l("Not fast"), _l("Less fast"), _l("Fast"), _l("Very fast")),
    "cost": (_l("Very expensive"), _l("Rather expensive"), _l("Cheap"), _l("Free")),
    "competent": (_l("Not competent"), _l("Less competent"), _l("Competent"), _l("Very competent")),
    "polite": (
        _l("Not polite and friendly"),
        _l("Less polite and friendly"),
        _l("Polite and friendly"),
        _l("Very polite and friendly"),
    ),
    "complaint": (
        _l("Not available"),
        _l("Available but not working"),
        _l("Working, not at its best"),
        _l("Well managed"),
    ),
    "quality": (_l("Poor"), _l("Adequate"), _l("Good"), _l("Very good")),
}
# One question per element, in the regulation's element order (see diklat.monitoring.skm.ELEMENTS).
QUESTIONS = (
    (_l("How well do the service requirements match the kind of service?"), "fit"),
    (_l("How easy is the service procedure?"), "easy"),
    (_l("How fast was the service completed?"), "fast"),
    (_l("How reasonable is the cost of the service?"), "cost"),
    (_l("How well does the result match what the service standard promises?"), "fit"),
    (_l("How competent were the staff who served you?"), "competent"),
    (_l("How polite and friendly were the staff?"), "polite"),
    (_l("How are complaints, suggestions and feedback handled?"), "complaint"),
    (_l("How good are the facilities and infrastructure?"), "quality"),
)


class ServiceForm(FlaskForm):
    """A monitored service and the promised service time used when the SLA worksheet has none."""

    version = HiddenField()
    name = StringField(_l("Service type"), validators=[DataRequired(), Length(max=200)])
    promised_minutes = IntegerField(
        _l("Promised service time (minutes)"), validators=[Optional(), NumberRange(min=1, max=525600)]
    )
    survey_open = BooleanField(_l("The public satisfaction survey accepts responses"), default=True)


class UploadForm(FlaskForm):
    """A CSV or XLSX upload."""

    file = FileField(
        _l("File (CSV or XLSX)"),
        validators=[
            FileRequired(message=_l("Choose a file.")),
            FileAllowed(["csv", "xlsx"], _l("Only .csv or .xlsx files.")),
        ],
    )


class ConfirmForm(FlaskForm):
    """Second step of an import that replaces existing months."""

    token = HiddenField(validators=[DataRequired()])


def _choices(mapping: dict) -> list[tuple[str, str]]:
    return [("", _l("— prefer not to say —"))] + [(key, _l(label)) for key, label in mapping.items()]


class SurveyForm(FlaskForm):
    """The public SKM questionnaire: nine answers required, everything else optional."""

    sex = SelectField(_l("Sex"), choices=[], validators=[Optional()])
    age_group = SelectField(_l("Age"), choices=[], validators=[Optional()])
    education = SelectField(_l("Education"), choices=[], validators=[Optional()])
    suggestion = TextAreaField(_l("Suggestions for this service (optional)"), validators=[Optional(), Length(max=2000)])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sex.choices = _choices(SEXES)
        self.age_group.choices = _choices(AGE_GROUPS)
        self.education.choices = _choices(EDUCATION)

    def answers(self) -> list[int]:
        """The nine answers in element order."""
        return [int(getattr(self, f"u{i}").data) for i in range(1, 10)]


def _numbered(value: int, label: LazyString) -> LazyString:
    """'3 · Sesuai': the number shows the scale, the words what it means."""
    return LazyString(lambda: f"{value} · {label}")


for _index, (_question, _kind) in enumerate(QUESTIONS, start=1):
    setattr(
        SurveyForm,
        f"u{_index}",
        RadioField(
            _question,
            choices=[(v, _numbered(v, label)) for v, label in zip((1, 2, 3, 4), ANSWER_WORDS[_kind], strict=True)],
            coerce=int,
            validators=[InputRequired(message=_l("Choose one answer."))],
        ),
    )


class ReviewForm(FlaskForm):
    """A team's quarterly review."""

    version = HiddenField()
    observation = TextAreaField(_l("What the mentor saw"), validators=[DataRequired(), Length(max=5000)])
    decisions = TextAreaField(_l("Decisions taken"), validators=[DataRequired(), Length(max=5000)])
    revise_sop = BooleanField(_l("The SOP is revised as a result of this review"))
    sop_version_id = SelectField(_l("SOP version with the revision"), coerce=int, choices=[], validators=[Optional()])
    # No Optional(): it would stop the chain before the checks below that tie these fields together.
    sop_reference = StringField(_l("SOP version (reference)"), validators=[Length(max=200)])
    revision_reason = TextAreaField(_l("Reason for the revision"), validators=[Length(max=3000)])

    def validate_revision_reason(self, field: TextAreaField) -> None:
        """A revision is documented with its reason."""
        if self.revise_sop.data and not (field.data or "").strip():
            raise ValidationError(_l("Give the reason for revising the SOP."))

    def validate_sop_reference(self, field: StringField) -> None:
        """A revision points to the new SOP version (chosen from the list or written)."""
        if self.revise_sop.data and not self.sop_version_id.data and not (field.data or "").strip():
            raise ValidationError(_l("Name the SOP version that carries the revision."))


class FeedbackForm(FlaskForm):
    """A participant's course feedback: each module and facilitator rated 1–5, two open comments."""

    version = HiddenField()
    liked = TextAreaField(_l("What was most useful?"), validators=[Optional(), Length(max=3000)])
    improve = TextAreaField(_l("What should be improved?"), validators=[Optional(), Length(max=3000)])


RATING_CHOICES = [(v, str(v)) for v in RATING_SCALE]
for _number, _title in MODULES.items():
    setattr(
        FeedbackForm,
        f"m{_number}",
        RadioField(
            _l("Module %(number)d — %(title)s", number=_number, title=_l(_title)),
            choices=RATING_CHOICES,
            coerce=int,
            validators=[InputRequired(message=_l("Choose a rating from 1 to 5."))],
        ),
    )


def feedback_form(facilitators: list[tuple[int, str]], **kwargs) -> FeedbackForm:
    """A feedback form with one rating per facilitator of the cohort."""

    class _Form(FeedbackForm):
        pass

    for user_id, name in facilitators:
        setattr(
            _Form,
            f"f{user_id}",
            RadioField(
                _l("Facilitator: %(name)s", name=name),
                choices=RATING_CHOICES,
                coerce=int,
                validators=[InputRequired(message=_l("Choose a rating from 1 to 5."))],
            ),
        )
    return _Form(**kwargs)
