"""Pure rules of delivery: when a module is open, who may edit, how a board cell is summarised."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

OPEN, CLOSED = "open", "closed"
DRAFT, SUBMITTED, RETURNED, ACCEPTED = "draft", "submitted", "returned", "accepted"
EMPTY = "empty"
EDITABLE = (None, DRAFT, RETURNED)


def module_is_open(explicit: str | None, session_starts: Iterable[datetime], now: datetime) -> bool:
    """Explicit setting wins; otherwise open from the first scheduled session of the module onward."""
    if explicit == OPEN:
        return True
    if explicit == CLOSED:
        return False
    return any(start <= now for start in session_starts)


def opening_source(explicit: str | None) -> str:
    """'manual' when a facilitator set it, 'schedule' when it follows the schedule."""
    return "manual" if explicit in (OPEN, CLOSED) else "schedule"


def can_edit(status: str | None) -> bool:
    """Answers are editable before submission and after being returned."""
    return status in EDITABLE


def can_review(status: str | None) -> bool:
    """Only submitted answers are reviewed."""
    return status == SUBMITTED


def cell_status(statuses: list[str | None]) -> str:
    """Summarise the worksheets of one team in one module for the progress board.

    accepted when every worksheet is accepted; returned when any came back; submitted when any
    waits for review; draft when anything was started; empty otherwise.
    """
    if not statuses or all(s is None for s in statuses):
        return EMPTY
    if all(s == ACCEPTED for s in statuses):
        return ACCEPTED
    for state in (RETURNED, SUBMITTED):
        if state in statuses:
            return state
    return DRAFT
