"""What other features may read about SOPs (plain dicts; no models leave this module)."""

from __future__ import annotations

from diklat.sops.document import SopDocument
from diklat.sops.services import status_counts, team_sop


def current_sop(team_id: int) -> dict | None:
    """The team's SOP: id, title, status and the number of its latest saved version (None if none)."""
    sop = team_sop(team_id)
    if sop is None:
        return None
    doc = SopDocument.from_dict(sop.latest.content if sop.latest else sop.draft)
    return {
        "id": sop.id,
        "title": doc.title,
        "status": sop.status.value,
        "version_number": sop.latest.number if sop.latest else None,
    }


def sop_steps(team_id: int) -> list[dict]:
    """Steps of the latest saved version (the draft when none is saved), in order."""
    sop = team_sop(team_id)
    if sop is None:
        return []
    doc = SopDocument.from_dict(sop.latest.content if sop.latest else sop.draft)
    return [{"number": i + 1, "activity": s.activity, "actor": s.actor} for i, s in enumerate(doc.steps)]


def sop_versions(team_id: int) -> list[dict]:
    """Saved versions, oldest first: id, number, reason, created_at (naive UTC), author's name."""
    sop = team_sop(team_id)
    if sop is None:
        return []
    return [
        {
            "id": v.id,
            "number": v.number,
            "reason": v.reason,
            "created_at": v.created_at,
            "author": v.author.name if v.author else "",
        }
        for v in sop.versions
    ]


def sop_status_counts(cohort_id: int) -> dict[str, int]:
    """Status → number of teams of the cohort ("not_started" for teams without an SOP)."""
    return status_counts(cohort_id)
