"""SOP editor form (identity, explanation, standard, actors, steps table) and the small action forms."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import (
    DateField,
    FieldList,
    FloatField,
    Form,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from diklat.cohorts.forms import nip_validator
from diklat.sops.document import KIND_LABELS, KINDS, MAX_ACTORS, UNIT_LABELS, UNITS, SopDocument, new_uid

STEP_KEY = re.compile(r"^steps-(\d+)-(\w+)$")
TEXT = [Optional(), Length(max=2000)]
SHORT = [Optional(), Length(max=300)]


class NumberField(FloatField):
    """A float shown without a trailing ".0" (10, not 10.0)."""

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return f"{self.data:g}" if self.data is not None else ""


def _unit_choices() -> list[tuple[str, str]]:
    return [(u, _l(UNIT_LABELS[u])) for u in UNITS]


class StepForm(Form):
    """One row of the steps table."""

    uid = HiddenField()
    kind = SelectField(_l("Symbol"), choices=[(k, _l(KIND_LABELS[k])) for k in KINDS])
    activity = TextAreaField(_l("Activity"), validators=[Optional(), Length(max=400)])
    actor = SelectField(_l("Actor"), choices=[], validate_choice=True)
    requirements = TextAreaField(_l("Requirements / documents"), validators=[Optional(), Length(max=400)])
    time_value = NumberField(_l("Time"), validators=[Optional(), NumberRange(min=0, max=100000)])
    time_unit = SelectField(_l("Time unit"), choices=_unit_choices(), default="minutes")
    output = TextAreaField(_l("Output"), validators=[Optional(), Length(max=300)])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=300)])
    next = SelectField(_l("Next step (yes)"), choices=[], validate_choice=True)
    alt = SelectField(_l("Next step if no"), choices=[], validate_choice=True)


class SopForm(FlaskForm):
    """The whole SOP in one form, with the version it is based on."""

    version = HiddenField()
    number = StringField(_l("SOP number"), validators=SHORT)
    drafted_on = DateField(_l("Date drafted"), validators=[Optional()])
    revised_on = DateField(_l("Date revised"), validators=[Optional()])
    effective_on = DateField(_l("Effective date"), validators=[Optional()])
    approver_position = StringField(_l("Approved by (position)"), validators=SHORT)
    approver_name = StringField(_l("Approved by (name)"), validators=SHORT)
    approver_nip = StringField(_l("Approved by (NIP)"), validators=[Optional(), nip_validator])
    title = StringField(_l("Name of the SOP"), validators=SHORT)
    legal_basis = TextAreaField(_l("Legal basis"), validators=TEXT)
    qualifications = TextAreaField(_l("Implementer qualifications"), validators=TEXT)
    related_sops = TextAreaField(_l("Related SOPs"), validators=TEXT)
    equipment = TextAreaField(_l("Equipment and supplies"), validators=TEXT)
    warning = TextAreaField(_l("Warning"), validators=TEXT)
    records = TextAreaField(_l("Records and data kept"), validators=TEXT)
    purpose = TextAreaField(_l("Purpose"), validators=TEXT)
    scope = TextAreaField(_l("Scope"), validators=TEXT)
    definitions = TextAreaField(_l("Definitions"), validators=TEXT)
    complaint_channel = TextAreaField(_l("Complaint channel"), validators=TEXT)
    service_time_value = NumberField(
        _l("Promised service time"), validators=[Optional(), NumberRange(min=0, max=100000)]
    )
    # The page hides this field when the Module 4 worksheet supplies the time; the default keeps it valid.
    service_time_unit = SelectField(_l("Time unit"), choices=_unit_choices(), default="minutes")
    cost = StringField(_l("Cost / tariff"), validators=SHORT)
    actors = TextAreaField(_l("Actors (one per line)"), validators=TEXT)
    steps = FieldList(FormField(StepForm), label=_l("Step"))

    def actor_list(self) -> list[str]:
        """Actors as typed, one per line, blanks dropped."""
        return [a.strip() for a in (self.actors.data or "").splitlines() if a.strip()]

    def set_choices(self) -> None:
        """Actor and target choices come from what is in the form itself."""
        actors = [("", "—")] + [(a, a) for a in self.actor_list()]
        targets = [
            (entry.form.uid.data or "", f"{i + 1}. {(entry.form.activity.data or '')[:40]}")
            for i, entry in enumerate(self.steps)
        ]
        for entry in self.steps:
            entry.form.actor.choices = actors
            entry.form.next.choices = [("", _("following row")), *targets]
            entry.form.alt.choices = [("", "—"), *targets]

    def validate_actors(self, field: TextAreaField) -> None:
        """At most seven distinct actors, each short."""
        names = self.actor_list()
        if len(names) > MAX_ACTORS:
            raise ValidationError(_("At most %(n)d actors fit the table.", n=MAX_ACTORS))
        if len({n.casefold() for n in names}) != len(names):
            raise ValidationError(_("Each actor may appear only once."))
        if any(len(n) > 60 for n in names):
            raise ValidationError(_("An actor's name may have at most 60 characters."))

    def document(self) -> SopDocument:
        """The SOP typed in the form (standard fields supplied by worksheets are not in the form)."""
        data = self.data
        identity = {
            k: _str(data.get(k))
            for k in (
                "number",
                "approver_position",
                "approver_name",
                "approver_nip",
                "title",
                "legal_basis",
                "qualifications",
                "related_sops",
                "equipment",
                "warning",
                "records",
            )
        }
        identity.update(
            {k: data[k].isoformat() if data.get(k) else "" for k in ("drafted_on", "revised_on", "effective_on")}
        )
        standard = {
            "complaint_channel": _str(data.get("complaint_channel")),
            "cost": _str(data.get("cost")),
            "service_time_value": data.get("service_time_value"),
            "service_time_unit": data.get("service_time_unit"),
        }
        return SopDocument.from_dict(
            {
                "identity": identity,
                "standard": standard,
                "actors": self.actor_list(),
                "explanation": {k: _str(data.get(k)) for k in ("purpose", "scope", "definitions")},
                "steps": [dict(s) for s in data["steps"]],
            }
        )


def _str(value: object) -> str:
    return "" if value is None else str(value).strip()


def document_formdata(doc: SopDocument, version: int) -> dict:
    """Form data (``data=``) showing a stored document."""
    from datetime import date

    data: dict = {
        **doc.identity,
        **doc.explanation,
        **doc.standard,
        "version": str(version),
        "actors": "\n".join(doc.actors),
    }
    for key in ("drafted_on", "revised_on", "effective_on"):
        try:
            data[key] = date.fromisoformat(data.get(key) or "")
        except ValueError:
            data[key] = None
    data["steps"] = [
        {
            "uid": s.uid,
            "kind": s.kind,
            "activity": s.activity,
            "actor": s.actor,
            "requirements": s.requirements,
            "time_value": s.time_value,
            "time_unit": s.time_unit,
            "output": s.output,
            "notes": s.notes,
            "next": s.next,
            "alt": s.alt,
        }
        for s in doc.steps
    ]
    return data


def rearranged(formdata: MultiDict, op: str) -> MultiDict:
    """The submitted form with a step row added, removed or moved; everything typed is kept as typed."""
    rows: dict[int, dict[str, str]] = {}
    out = MultiDict()
    for key, value in formdata.items(multi=True):
        if match := STEP_KEY.match(key):
            rows.setdefault(int(match.group(1)), {})[match.group(2)] = value
        elif key != "op":
            out.add(key, value)
    steps = [rows[i] for i in sorted(rows)]
    verb, _sep, arg = op.partition("-")
    index = int(arg) if arg.isdigit() else -1
    if verb == "add":
        position = index + 1 if 0 <= index < len(steps) else max(len(steps) - 1, 0)
        steps.insert(
            position, {"uid": new_uid(), "kind": "process", "time_unit": "minutes", "actor": "", "next": "", "alt": ""}
        )
    elif verb == "remove" and 0 <= index < len(steps):
        gone = steps.pop(index).get("uid")
        for step in steps:
            for ref in ("next", "alt"):
                if step.get(ref) == gone:
                    step[ref] = ""
    elif verb in ("up", "down") and 0 <= index < len(steps):
        other = index - 1 if verb == "up" else index + 1
        if 0 <= other < len(steps):
            steps[index], steps[other] = steps[other], steps[index]
    for i, step in enumerate(steps):
        for name, value in step.items():
            out.add(f"steps-{i}-{name}", value)
    return out


class ReasonForm(FlaskForm):
    """Saving (or restoring) a version needs a short reason."""

    version = HiddenField()
    reason = StringField(
        _l("Reason for this version"), validators=[DataRequired(message=_l("Say briefly why.")), Length(max=300)]
    )


class StatusForm(FlaskForm):
    """A workflow step with an optional note."""

    action = HiddenField(validators=[DataRequired()])
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=1000)])


class CommentForm(FlaskForm):
    """A reviewer's comment on a field, a step or the whole SOP."""

    target = SelectField(_l("About"), choices=[], validate_choice=True)
    text = TextAreaField(_l("Comment"), validators=[DataRequired(message=_l("Write the comment.")), Length(max=2000)])
