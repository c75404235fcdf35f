"""What the SOP views share: loading with access checks, the viewer's capacity, translated checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort, g
from flask_babel import gettext as _

from diklat.cohorts.access import CohortAccess, load_cohort, load_team
from diklat.cohorts.models import Role, Team
from diklat.common.jobs import enqueue
from diklat.sops.checks import CheckResult, Problem, run_checks
from diklat.sops.document import FIELD_LABELS, SopDocument
from diklat.sops.export import PrintInfo
from diklat.sops.models import Sop, SopVersion
from diklat.sops.pagecount import document_hash, measure_pages, print_info_of
from diklat.sops.services import SopError, effective_document, initial_document, team_sop
from diklat.sops.workflow import STATUS_LABELS, is_editable


@dataclass
class SopContext:
    """A team's SOP as seen by the current viewer."""

    access: CohortAccess
    team: Team
    sop: Sop | None

    @property
    def who(self) -> set[str]:
        """'team' for the team's own participants, 'manager' for facilitators and admins."""
        who = set()
        if self.access.role == Role.PARTICIPANT.value and self.access.team and self.access.team.id == self.team.id:
            who.add("team")
        if self.access.manages:
            who.add("manager")
        return who

    @property
    def can_edit(self) -> bool:
        """Team members edit while the status allows it."""
        return "team" in self.who and (self.sop is None or is_editable(self.sop.status.value))

    @property
    def status(self) -> str:
        """Current status (a new SOP is a draft)."""
        return self.sop.status.value if self.sop else "draft"

    def stored(self) -> SopDocument:
        """The working draft as stored (or a fresh one)."""
        return SopDocument.from_dict(self.sop.draft) if self.sop else initial_document(self.team)

    def effective(self) -> tuple[SopDocument, set[str]]:
        """The working draft with worksheet values in force."""
        return effective_document(self.team.id, self.stored())

    def version(self, number: int) -> SopVersion:
        """A saved version by number (404 when missing)."""
        version = next((v for v in (self.sop.versions if self.sop else []) if v.number == number), None)
        if version is None:
            abort(404)
        return version


def load(cohort_id: int, team_id: int) -> SopContext:
    """Load cohort and team with the platform's access rules (404/403), then the team's SOP."""
    access = load_cohort(cohort_id)
    team = load_team(access, team_id)
    return SopContext(access, team, team_sop(team.id))


def print_info(ctx: SopContext, version: int | None = None) -> PrintInfo:
    """Agency lines and status for the printed SOP (in Indonesian, the document's language)."""
    return print_info_of(ctx.team, ctx.sop, version)


def page_count(ctx: SopContext, doc: SopDocument) -> int | None:
    """Pages of the PDF of ``doc`` if already measured; otherwise the measuring is queued and None says so."""
    if ctx.sop is None:
        return None
    if ctx.sop.page_count is not None and ctx.sop.page_hash == document_hash(doc):
        return ctx.sop.page_count
    schedule_measure(ctx.sop.id)
    return None


def schedule_measure(sop_id: int) -> None:
    """Queue the page count of the SOP's draft (once per request)."""
    queued = g.setdefault("sop_measures", set())
    if sop_id not in queued:
        queued.add(sop_id)
        enqueue(measure_pages, sop_id)


def _anchor(where: str) -> str:
    if where.startswith("field-"):
        key = where[len("field-") :]
        return "#service_time_value" if key == "service_time" else f"#{key}"
    return f"#{where}" if where else ""


def translate_problem(problem: Problem) -> dict[str, Any]:
    """A problem's text in the viewer's language with a link to where it is."""
    params = dict(problem.params)
    if "field" in params:
        params["field"] = _(FIELD_LABELS.get(params["field"], params["field"]))
    return {"text": _(problem.message, **params), "href": _anchor(problem.where)}


def translated_checks(doc: SopDocument, pages: int | None) -> list[dict[str, Any]]:
    """The checklist ready for a template."""
    results: list[CheckResult] = run_checks(doc, pages)
    return [
        {
            "key": r.key,
            "group": r.group,
            "label": _(r.label),
            "passed": r.passed,
            "measured": r.measured,
            "problems": [translate_problem(p) for p in r.problems],
            "info": translate_problem(r.info)["text"] if r.info else "",
        }
        for r in results
    ]


def error_text(error: SopError) -> str:
    """A service refusal in the viewer's language."""
    params = dict(error.params)
    if "status" in params:
        params["status"] = _(STATUS_LABELS.get(params["status"], params["status"]))
    return _(error.message, **params)
