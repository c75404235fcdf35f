"""Merging a teammate's saved SOP with what this person typed: per field and per step. Pure."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from diklat.common.markers import N_
from diklat.common.merge import differing, merge_fields, merge_rows, row_differences
from diklat.sops.document import FIELD_LABELS, KIND_LABELS, UNIT_LABELS, SopDocument, new_uid

PARTS = ("identity", "explanation", "standard")
# Fields that can hold both texts; dates, numbers and the time unit take one side.
JOINABLE = frozenset(FIELD_LABELS) - {
    "drafted_on",
    "revised_on",
    "effective_on",
    "approver_nip",
    "service_time_value",
    "service_time_unit",
} | {"actors"}
ONE_LINE = frozenset({"number", "approver_position", "approver_name", "title", "cost"})  # single-line inputs


def flat_fields(doc: SopDocument) -> dict[str, Any]:
    """Every field of the document except the steps, keyed by name (actors as lines of text)."""
    data = doc.to_dict()
    flat = {key: value for part in PARTS for key, value in data[part].items()}
    flat["actors"] = "\n".join(doc.actors)
    return flat


def merged_document(theirs: SopDocument, mine: SopDocument, choices: Mapping[str, str]) -> SopDocument:
    """Their document with the person's picks applied field by field and step by step."""
    fields = merge_fields(flat_fields(theirs), flat_fields(mine), choices, JOINABLE, ONE_LINE)
    steps = merge_rows(theirs.to_dict()["steps"], mine.to_dict()["steps"], _step_choices(choices), new_uid)
    data: dict[str, Any] = {part: {} for part in PARTS}
    base = theirs.to_dict()
    for part in PARTS:
        data[part] = {key: fields.get(key, value) for key, value in base[part].items()}
    data["actors"] = list(dict.fromkeys(a.strip() for a in str(fields.get("actors") or "").splitlines() if a.strip()))
    data["steps"] = steps
    return SopDocument.from_dict(data)


def _step_choices(choices: Mapping[str, str]) -> dict[str, str]:
    return {key[len("step:") :]: value for key, value in choices.items() if key.startswith("step:")}


def _step_text(step: dict[str, Any] | None, tr: Callable[[str], str]) -> str:
    if step is None:
        return ""
    time = f"{step['time_value']:g} {tr(UNIT_LABELS[step['time_unit']])}" if step.get("time_value") is not None else ""
    parts = [tr(KIND_LABELS[step["kind"]]), step.get("activity"), step.get("actor"), time]
    parts += [step.get("requirements"), step.get("output"), step.get("notes")]
    return " · ".join(str(p) for p in parts if p)


def differences(theirs: SopDocument, mine: SopDocument, tr: Callable[[str], str] = str) -> list[dict[str, Any]]:
    """What differs, for the merge page: key, label, their text and mine (``tr`` translates labels)."""
    flat_theirs, flat_mine = flat_fields(theirs), flat_fields(mine)
    labels = {**FIELD_LABELS, "actors": N_("Actors (one per line)")}
    rows = [
        {
            "key": key,
            "label": tr(labels.get(key, key)),
            "theirs": flat_theirs.get(key),
            "mine": flat_mine.get(key),
            "joinable": key in JOINABLE,
        }
        for key in differing(flat_theirs, flat_mine)
    ]
    steps_theirs = {s["uid"]: s for s in theirs.to_dict()["steps"]}
    steps_mine = {s["uid"]: s for s in mine.to_dict()["steps"]}
    positions = {s.uid: i + 1 for i, s in enumerate(theirs.steps)} | {s.uid: i + 1 for i, s in enumerate(mine.steps)}
    for uid in row_differences(list(steps_theirs.values()), list(steps_mine.values())):
        rows.append(
            {
                "key": f"step:{uid}",
                "label": tr(N_("Step %(n)d")) % {"n": positions[uid]},
                "theirs": _step_text(steps_theirs.get(uid), tr),
                "mine": _step_text(steps_mine.get(uid), tr),
                "joinable": True,
            }
        )
    return rows
