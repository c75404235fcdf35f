"""The SOP document (SOP AP, PermenPAN-RB 35/2012) as plain data: identity, explanation, actors, steps.

Pure: no Flask, no database. The working draft and every saved version are stored as the dict
form of :class:`SopDocument` (``to_dict``/``from_dict``), so versions can be compared and restored.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass, field
from typing import Any

from diklat.common.markers import N_

# Identity section, in the order printed next to the agency logo.
IDENTITY_FIELDS: list[tuple[str, str]] = [
    ("number", N_("SOP number")),
    ("drafted_on", N_("Date drafted")),
    ("revised_on", N_("Date revised")),
    ("effective_on", N_("Effective date")),
    ("approver_position", N_("Approved by (position)")),
    ("approver_name", N_("Approved by (name)")),
    ("approver_nip", N_("Approved by (NIP)")),
    ("title", N_("Name of the SOP")),
    ("legal_basis", N_("Legal basis")),
    ("qualifications", N_("Implementer qualifications")),
    ("related_sops", N_("Related SOPs")),
    ("equipment", N_("Equipment and supplies")),
    ("warning", N_("Warning")),
    ("records", N_("Records and data kept")),
]
EXPLANATION_FIELDS: list[tuple[str, str]] = [
    ("purpose", N_("Purpose")),
    ("scope", N_("Scope")),
    ("definitions", N_("Definitions")),
]
STANDARD_FIELDS: list[tuple[str, str]] = [
    ("complaint_channel", N_("Complaint channel")),
    ("service_time", N_("Promised service time")),
    ("cost", N_("Cost / tariff")),
]
STEP_FIELDS: list[tuple[str, str]] = [
    ("kind", N_("Symbol")),
    ("activity", N_("Activity")),
    ("actor", N_("Actor")),
    ("requirements", N_("Requirements / documents")),
    ("time", N_("Time")),
    ("output", N_("Output")),
    ("notes", N_("Notes")),
    ("next", N_("Next step (yes)")),
    ("alt", N_("Next step if no")),
]
FIELD_LABELS: dict[str, str] = dict(IDENTITY_FIELDS + EXPLANATION_FIELDS + STANDARD_FIELDS)
DATE_FIELDS = ("drafted_on", "revised_on", "effective_on")

KINDS = ("start", "process", "decision", "end")
KIND_LABELS = {"start": N_("Start"), "process": N_("Process"), "decision": N_("Decision"), "end": N_("End")}
UNITS = ("minutes", "hours", "days")
UNIT_LABELS = {"minutes": N_("minutes"), "hours": N_("hours"), "days": N_("working days")}
# A working day of a civil servant: 37.5 hours a week over five days = 7.5 hours.
MINUTES_PER_UNIT = {"minutes": 1.0, "hours": 60.0, "days": 450.0}
MAX_ACTORS = 7


def new_uid() -> str:
    """A short stable id for a step, kept across reorders and versions."""
    return secrets.token_hex(4)


def to_minutes(value: float | None, unit: str) -> float | None:
    """A time value in minutes (None when no value)."""
    if value is None:
        return None
    return float(value) * MINUTES_PER_UNIT.get(unit, 1.0)


@dataclass
class Step:
    """One row of the flowchart table."""

    uid: str = field(default_factory=new_uid)
    kind: str = "process"
    activity: str = ""
    actor: str = ""
    requirements: str = ""
    time_value: float | None = None
    time_unit: str = "minutes"
    output: str = ""
    notes: str = ""
    next: str = ""  # uid of the following step ("" = the next row); a decision's "yes" branch
    alt: str = ""  # a decision's "no" branch

    @property
    def minutes(self) -> float | None:
        """The step's time in minutes."""
        return to_minutes(self.time_value, self.time_unit)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Step:
        """Build from stored data, tolerating missing keys."""
        value = data.get("time_value")
        try:
            value = float(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            value = None
        kind = str(data["kind"]) if data.get("kind") in KINDS else "process"
        unit = str(data["time_unit"]) if data.get("time_unit") in UNITS else "minutes"
        return cls(
            uid=str(data.get("uid") or new_uid()),
            kind=kind,
            activity=_s(data, "activity"),
            actor=_s(data, "actor"),
            requirements=_s(data, "requirements"),
            time_value=value,
            time_unit=unit,
            output=_s(data, "output"),
            notes=_s(data, "notes"),
            next=_s(data, "next"),
            alt=_s(data, "alt"),
        )


def _s(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value).strip()


@dataclass
class SopDocument:
    """A whole SOP: identity, short explanation, link to the service standard, actors and steps."""

    identity: dict[str, str] = field(default_factory=dict)
    explanation: dict[str, str] = field(default_factory=dict)
    standard: dict[str, Any] = field(default_factory=dict)
    actors: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)

    def get(self, key: str) -> str:
        """Any identity, explanation or standard field by key ("" when empty)."""
        for part in (self.identity, self.explanation, self.standard):
            if key in part and part[key] not in (None, ""):
                return str(part[key])
        return ""

    @property
    def title(self) -> str:
        """The SOP's name."""
        return self.identity.get("title", "") or ""

    @property
    def promised_minutes(self) -> float | None:
        """The service time promised to citizens, in minutes."""
        return to_minutes(
            _number(self.standard.get("service_time_value")), self.standard.get("service_time_unit") or "minutes"
        )

    def step_index(self) -> dict[str, int]:
        """uid → 0-based position."""
        return {s.uid: i for i, s in enumerate(self.steps)}

    def successors(self, index: int) -> list[tuple[int, str]]:
        """Outgoing edges of step ``index`` as (target index, label) with label "", "yes" or "no"."""
        step = self.steps[index]
        where = self.step_index()
        if step.kind == "end":
            return []
        following = index + 1 if index + 1 < len(self.steps) else None
        first = where.get(step.next) if step.next else following
        out: list[tuple[int, str]] = []
        if step.kind == "decision":
            if first is not None:
                out.append((first, "yes"))
            if step.alt and step.alt in where:
                out.append((where[step.alt], "no"))
        elif first is not None:
            out.append((first, ""))
        return out

    def edges(self) -> list[tuple[int, int, str]]:
        """Every arrow of the flow as (source index, target index, label)."""
        return [(i, j, label) for i in range(len(self.steps)) for j, label in self.successors(i)]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "identity": dict(self.identity),
            "explanation": dict(self.explanation),
            "standard": dict(self.standard),
            "actors": list(self.actors),
            "steps": [asdict(s) for s in self.steps],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> SopDocument:
        """Build from stored data (None gives an empty document)."""
        data = data or {}
        actors = [str(a).strip() for a in data.get("actors") or [] if str(a).strip()]
        return cls(
            identity={k: _s(data.get("identity") or {}, k) for k, _ in IDENTITY_FIELDS},
            explanation={k: _s(data.get("explanation") or {}, k) for k, _ in EXPLANATION_FIELDS},
            standard=_standard(data.get("standard") or {}),
            actors=actors,
            steps=[Step.from_dict(s) for s in data.get("steps") or []],
        )


def _number(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _standard(data: dict[str, Any]) -> dict[str, Any]:
    unit = data.get("service_time_unit") if data.get("service_time_unit") in UNITS else "minutes"
    return {
        "complaint_channel": _s(data, "complaint_channel"),
        "service_time_value": _number(data.get("service_time_value")),
        "service_time_unit": unit,
        "cost": _s(data, "cost"),
    }
