"""Signals other features answer, so the curriculum never imports a feature above it (blinker, as Flask uses)."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

#: Sent while a team worksheet page is built, with ``module_number``, ``cohort_id`` and ``team_id``;
#: a receiver returns the address of a related page (the team's SOP for Module 3) or None.
team_worksheet_link = _signals.signal("team-worksheet-link")


def related_link(module_number: int, cohort_id: int, team_id: int) -> str | None:
    """The first address a receiver offers for this team worksheet, if any."""
    for _receiver, url in team_worksheet_link.send(
        None, module_number=module_number, cohort_id=cohort_id, team_id=team_id
    ):
        if url:
            return url
    return None


# sender: the WorksheetAnswer; kwargs: accepted (bool), reviewer_id (int)
worksheet_reviewed = _signals.signal("worksheet-reviewed")
