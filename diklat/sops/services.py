"""SOP services: take plain values and models, flush, never commit."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from diklat.auth.models import User
from diklat.cohorts.models import Team
from diklat.common.markers import N_
from diklat.common.models import add_first_version, check_version
from diklat.curriculum.queries import team_worksheet_answers
from diklat.extensions import db
from diklat.sops.document import SopDocument, Step
from diklat.sops.models import Sop, SopComment, SopEvent, SopStatus, SopVersion
from diklat.sops.signals import sop_commented, sop_status_changed
from diklat.sops.workflow import ACTIONS, is_editable, refusal


class SopError(Exception):
    """A refused request, with an untranslated message and its parameters."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message % params if params else message)
        self.message, self.params = message, params


def team_sop(team_id: int) -> Sop | None:
    """The team's SOP, if it has been started."""
    return db.session.scalar(select(Sop).where(Sop.team_id == team_id))


def team_sops(team_ids: list[int]) -> dict[int, Sop]:
    """Team id -> SOP (with its versions loaded) for the teams that have started one, in two statements."""
    query = select(Sop).where(Sop.team_id.in_(team_ids)).options(selectinload(Sop.versions))
    return {sop.team_id: sop for sop in db.session.scalars(query)}


def initial_document(team: Team) -> SopDocument:
    """A new SOP: named after the team's service, with a start and an end row to fill in."""
    doc = SopDocument.from_dict({"identity": {"title": f"SOP Pelayanan {team.service}".strip()}})
    doc.steps = [Step(kind="start"), Step(kind="end")]
    return doc


def worksheet_standard(team_id: int) -> dict[str, Any]:
    """Service-standard values from the team's Module 4 (SLA) and Module 6 (complaints) worksheets."""
    found: dict[str, Any] = {}
    sla = (team_worksheet_answers(team_id, 4) or {}).get("sla") or {}
    complaints = (team_worksheet_answers(team_id, 6) or {}).get("complaint_form") or {}
    minutes = sla.get("standard_time_minutes")
    if isinstance(minutes, int | float) and minutes > 0:
        found["service_time_value"], found["service_time_unit"] = _nice_duration(float(minutes))
    if str(sla.get("cost") or "").strip():
        found["cost"] = str(sla["cost"]).strip()
    if str(complaints.get("channels") or "").strip():
        found["complaint_channel"] = str(complaints["channels"]).strip()
    return found


def _nice_duration(minutes: float) -> tuple[float, str]:
    if minutes % 450 == 0:
        return minutes / 450, "days"
    if minutes % 60 == 0:
        return minutes / 60, "hours"
    return minutes, "minutes"


def effective_document(team_id: int, doc: SopDocument) -> tuple[SopDocument, set[str]]:
    """The document with worksheet values in force, and which standard fields came from worksheets."""
    found = worksheet_standard(team_id)
    merged = SopDocument.from_dict(doc.to_dict())
    merged.standard.update(found)
    sources = {"service_time" if k.startswith("service_time") else k for k in found}
    return merged, sources


def document_hash(doc: SopDocument) -> str:
    """A fingerprint of the document's content."""
    return hashlib.sha256(json.dumps(doc.to_dict(), sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def save_draft(team: Team, sop: Sop | None, doc: SopDocument, user: User, based_on: str | None) -> Sop:
    """Store the working draft; a draft based on an older state raises StaleEditError."""
    sop = sop or team_sop(team.id)
    if sop is None:
        # A new SOP starts at version 0: a form showing "0" is based on "nothing saved yet".
        sop = Sop(team_id=team.id, status=SopStatus.DRAFT, draft=doc.to_dict(), version=0, updated_by_id=user.id)
        check_version(sop, based_on)
        add_first_version(sop, lambda: team_sop(team.id))
    else:
        if not is_editable(sop.status):
            raise SopError(N_("The SOP cannot be edited while it is “%(status)s”."), status=sop.status.value)
        check_version(sop, based_on)
        sop.draft = doc.to_dict()
        sop.updated_by_id = user.id
        db.session.flush()
    if not sop.events:
        db.session.add(
            SopEvent(
                sop_id=sop.id,
                from_status=SopStatus.DRAFT,
                to_status=SopStatus.DRAFT,
                user_id=user.id,
                note="",
                version_number=None,
            )
        )
        db.session.flush()
    return sop


def save_version(sop: Sop, reason: str, user: User, based_on: str | None, content: SopDocument) -> SopVersion:
    """Snapshot ``content`` (the effective draft) as the next numbered version."""
    if not reason.strip():
        raise SopError(N_("Say briefly why this version is saved."))
    if not is_editable(sop.status):
        raise SopError(N_("The SOP cannot be edited while it is “%(status)s”."), status=sop.status.value)
    check_version(sop, based_on)
    number = (sop.latest.number if sop.latest else 0) + 1
    version = SopVersion(
        sop_id=sop.id,
        number=number,
        content=content.to_dict(),
        reason=reason.strip(),
        author_id=user.id,
        status=sop.status,
    )
    db.session.add(version)
    db.session.flush()
    db.session.refresh(sop)
    return version


def restore_version(sop: Sop, number: int, reason: str, user: User, based_on: str | None) -> SopVersion:
    """Make an old version the draft again and save it as a new version."""
    old = next((v for v in sop.versions if v.number == number), None)
    if old is None:
        raise SopError(N_("Version %(n)d does not exist."), n=number)
    doc = SopDocument.from_dict(old.content)
    version = save_version(sop, reason or f"Restore v{number}", user, based_on, doc)
    version.reason = f"{reason.strip()} (↩ v{number})"
    sop.draft = doc.to_dict()
    db.session.flush()
    return version


def change_status(
    sop: Sop, action: str, user: User, who: set[str], note: str = "", current: SopDocument | None = None
) -> SopEvent:
    """Take a workflow step; record who and when. ``current`` is the effective draft (for submit)."""
    if problem := refusal(action, sop.status.value, who):
        raise SopError(problem)
    _preconditions(sop, action, current)
    target = SopStatus(ACTIONS[action].target)
    event = SopEvent(
        sop_id=sop.id,
        from_status=sop.status,
        to_status=target,
        user_id=user.id,
        note=note.strip(),
        version_number=sop.latest.number if sop.latest else None,
    )
    sop.status = target
    if sop.latest is not None:
        sop.latest.status = target
    db.session.add(event)
    db.session.flush()
    sop_status_changed.send(sop, action=action, user_id=user.id)
    return event


def _preconditions(sop: Sop, action: str, current: SopDocument | None) -> None:
    latest = sop.latest
    if action == "submit":
        if latest is None:
            raise SopError(N_("Save a version (with its reason) before submitting."))
        if current is not None and document_hash(current) != document_hash(SopDocument.from_dict(latest.content)):
            raise SopError(N_("The draft has changes that are not in a saved version yet. Save a version first."))
    if action == "return" and not any(c.version_number == (latest.number if latest else None) for c in sop.comments):
        raise SopError(N_("Write at least one comment before returning the SOP."))
    if action == "mark_revised":
        started = next((e for e in reversed(sop.events) if e.to_status == SopStatus.IN_TRIAL), None)
        if latest is None or (started and (started.version_number or 0) >= latest.number):
            raise SopError(N_("Save a revised version after the trial first."))


def add_comment(sop: Sop, target: str, text: str, user: User) -> SopComment:
    """A reviewer's comment on a field, a step or the whole SOP, tied to the latest version."""
    if not text.strip():
        raise SopError(N_("Write the comment."))
    comment = SopComment(
        sop_id=sop.id,
        target=target or "general",
        text=text.strip(),
        author_id=user.id,
        version_number=sop.latest.number if sop.latest else None,
    )
    db.session.add(comment)
    db.session.flush()
    sop_commented.send(comment, sop=sop)
    return comment


def status_counts(cohort_id: int) -> dict[str, int]:
    """Status → number of teams of the cohort (teams without an SOP count as not started)."""
    teams = db.session.scalars(select(Team.id).where(Team.cohort_id == cohort_id)).all()
    counts: dict[str, int] = {}
    sops = {s.team_id: s for s in db.session.scalars(select(Sop).where(Sop.team_id.in_(teams)))}
    for team_id in teams:
        key = sops[team_id].status.value if team_id in sops else "not_started"
        counts[key] = counts.get(key, 0) + 1
    return counts
