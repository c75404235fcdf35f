"""Side-by-side comparison of two SOP versions: identity fields and steps.

Pure. Steps are matched by their stable uid, so a moved step shows as moved, not as removed and added.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from diklat.common.markers import N_
from diklat.sops.document import EXPLANATION_FIELDS, IDENTITY_FIELDS, SopDocument, Step

STEP_COMPARED = (
    "kind",
    "activity",
    "actor",
    "requirements",
    "time_value",
    "time_unit",
    "output",
    "notes",
    "next",
    "alt",
)
STANDARD_KEYS = [
    ("complaint_channel", N_("Complaint channel")),
    ("service_time_value", N_("Promised service time")),
    ("service_time_unit", N_("Time unit")),
    ("cost", N_("Cost / tariff")),
]


@dataclass
class FieldChange:
    """One field in both versions."""

    key: str
    label: str
    old: str
    new: str

    @property
    def changed(self) -> bool:
        """Whether the two versions differ here."""
        return self.old != self.new


@dataclass
class StepChange:
    """One step in both versions (``old``/``new`` None when added/removed)."""

    old: Step | None
    new: Step | None
    old_number: int | None
    new_number: int | None
    fields: set[str] = field(default_factory=set)

    @property
    def state(self) -> str:
        """added, removed, changed, moved or same."""
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        if self.fields:
            return "changed"
        return "moved" if self.old_number != self.new_number else "same"


@dataclass
class Comparison:
    """Everything that differs between two versions."""

    fields: list[FieldChange]
    steps: list[StepChange]
    actors: tuple[list[str], list[str]]

    @property
    def changed_fields(self) -> list[FieldChange]:
        """Only the fields that differ."""
        return [f for f in self.fields if f.changed]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def compare(old: SopDocument, new: SopDocument) -> Comparison:
    """Compare two documents field by field and step by step."""
    fields = [
        FieldChange(k, label, _text(old.get(k)), _text(new.get(k))) for k, label in IDENTITY_FIELDS + EXPLANATION_FIELDS
    ]
    fields += [
        FieldChange(k, label, _text(old.standard.get(k)), _text(new.standard.get(k))) for k, label in STANDARD_KEYS
    ]
    return Comparison(fields, compare_steps(old, new), (old.actors, new.actors))


def compare_steps(old: SopDocument, new: SopDocument) -> list[StepChange]:
    """Steps in the new order, removed ones where they used to be."""
    old_at = {s.uid: (i, s) for i, s in enumerate(old.steps)}
    new_uids = {s.uid for s in new.steps}
    out: list[StepChange] = []
    for j, step in enumerate(new.steps):
        if step.uid in old_at:
            i, before = old_at[step.uid]
            diff = {f for f in STEP_COMPARED if getattr(before, f) != getattr(step, f)}
            out.append(StepChange(before, step, i + 1, j + 1, diff))
        else:
            out.append(StepChange(None, step, None, j + 1))
    for i, step in enumerate(old.steps):
        if step.uid not in new_uids:
            position = next((k for k, c in enumerate(out) if c.old_number and c.old_number > i + 1), len(out))
            out.insert(position, StepChange(step, None, i + 1, None))
    return out
