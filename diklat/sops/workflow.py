"""Review workflow of a team's SOP: who may move it from which status to which.

Pure. draft → submitted → returned | accepted; accepted → in trial → revised after trial →
submitted again. The team edits in draft, returned, in trial and revised after trial.
"""

from __future__ import annotations

from dataclasses import dataclass

from diklat.common.markers import N_

STATUSES = ("draft", "submitted", "returned", "accepted", "in_trial", "revised_after_trial")
STATUS_LABELS = {
    "draft": N_("Draft"),
    "submitted": N_("Submitted for review"),
    "returned": N_("Returned for revision"),
    "accepted": N_("Accepted"),
    "in_trial": N_("In trial"),
    "revised_after_trial": N_("Revised after trial"),
}
EDITABLE = frozenset({"draft", "returned", "in_trial", "revised_after_trial"})
TEAM, MANAGER = "team", "manager"


@dataclass(frozen=True)
class Action:
    """A status change: the statuses it starts from, where it leads, who may take it."""

    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    by: frozenset[str]


ACTIONS = {
    a.name: a
    for a in (
        Action(
            "submit",
            N_("Submit for review"),
            ("draft", "returned", "revised_after_trial"),
            "submitted",
            frozenset({TEAM}),
        ),
        Action("return", N_("Return for revision"), ("submitted",), "returned", frozenset({MANAGER})),
        Action("accept", N_("Accept"), ("submitted",), "accepted", frozenset({MANAGER})),
        Action(
            "start_trial", N_("Start the trial at the office"), ("accepted",), "in_trial", frozenset({TEAM, MANAGER})
        ),
        Action(
            "mark_revised",
            N_("Mark as revised after the trial"),
            ("in_trial",),
            "revised_after_trial",
            frozenset({TEAM}),
        ),
    )
}


def available_actions(status: str, who: set[str]) -> list[Action]:
    """Actions open to someone acting as ``who`` (team and/or manager) from ``status``."""
    return [a for a in ACTIONS.values() if status in a.sources and a.by & who]


def refusal(action: str, status: str, who: set[str]) -> str | None:
    """Why the action cannot be taken (untranslated), or None when it can."""
    spec = ACTIONS.get(action)
    if spec is None:
        return N_("Unknown action.")
    if not spec.by & who:
        return N_("You may not take this step.")
    if status not in spec.sources:
        return N_("This step is not possible in the current status.")
    return None


def is_editable(status: str) -> bool:
    """Whether the team may change the draft in this status."""
    return status in EDITABLE
