"""Curriculum services: take plain values and models, flush, never commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from diklat.auth.models import User
from diklat.cohorts.models import Cohort, CohortMember, Role, Team
from diklat.common.models import StaleEditError, add_first_version, check_version
from diklat.common.time import local_to_utc, utcnow
from diklat.curriculum import rules
from diklat.curriculum.content import Module
from diklat.curriculum.models import (
    AnswerStatus,
    CohortModule,
    CurriculumModule,
    ModuleState,
    WorksheetAnswer,
    WorksheetComment,
    WorksheetDefinition,
)
from diklat.curriculum.signals import worksheet_reviewed
from diklat.extensions import db


class NotEditable(Exception):
    """The worksheet is waiting for review or accepted, or the module is closed."""


class ReviewError(Exception):
    """A review could not be recorded (wrong status, or returning without any comment)."""


# --- content sync ---------------------------------------------------------------------------------


@dataclass
class SyncReport:
    """What ``content sync`` changed."""

    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    retired_worksheets: list[str] = field(default_factory=list)
    retired_fields: list[str] = field(default_factory=list)


def _field_summary(sheet_schema: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {f["key"]: {"label": f["label"], "type": f["type"]} for f in sheet_schema.get("fields", [])}


def _sync_worksheets(row: CurriculumModule, module: Module, report: SyncReport) -> None:
    existing = {w.key: w for w in row.worksheets}
    data = module.as_dict()
    for position, schema in enumerate(data["worksheets"]):
        definition = existing.pop(schema["key"], None)
        if definition is None:
            row.worksheets.append(
                WorksheetDefinition(
                    key=schema["key"],
                    title=schema["title"],
                    scope=schema["scope"],
                    position=position,
                    schema=schema,
                    retired_fields={},
                )
            )
            continue
        old_fields, new_fields = _field_summary(definition.schema), _field_summary(schema)
        retired = {k: v for k, v in (definition.retired_fields or {}).items() if k not in new_fields}
        for key in old_fields.keys() - new_fields.keys():
            retired[key] = old_fields[key]
            report.retired_fields.append(f"{module.number}/{schema['key']}.{key}")
        definition.title, definition.scope, definition.position = schema["title"], schema["scope"], position
        definition.schema, definition.retired_fields, definition.active = schema, retired, True
    for definition in existing.values():
        if definition.active:
            definition.active = False
            report.retired_worksheets.append(f"{module.number}/{definition.key}")


def sync_modules(modules: list[Module]) -> SyncReport:
    """Bring the database in line with the content; answers are never touched (idempotent)."""
    report = SyncReport()
    rows = {m.number: m for m in db.session.scalars(select(CurriculumModule))}
    for module in modules:
        row = rows.get(module.number)
        digest = module.content_hash()
        if row is not None and row.content_hash == digest:
            report.unchanged.append(module.number)
            continue
        if row is None:
            row = CurriculumModule(number=module.number)
            db.session.add(row)
            report.created.append(module.number)
        else:
            report.updated.append(module.number)
        row.slug, row.title, row.jp, row.content_hash = module.slug, module.title, module.jp, digest
        row.data, row.synced_at = module.as_dict(), utcnow()
        row.__dict__.pop("content", None)
        _sync_worksheets(row, module, report)
    db.session.flush()
    return report


# --- modules in a cohort --------------------------------------------------------------------------


@dataclass
class ModuleAvailability:
    """A module as a cohort sees it: open or not, and why."""

    module: CurriculumModule
    is_open: bool
    explicit: str | None
    first_session: datetime | None

    @property
    def source(self) -> str:
        """manual or schedule."""
        return rules.opening_source(self.explicit)


def all_modules() -> list[CurriculumModule]:
    """Synced modules in order."""
    return list(db.session.scalars(select(CurriculumModule).order_by(CurriculumModule.number)))


def get_module(number: int) -> CurriculumModule | None:
    """A synced module by number."""
    return db.session.scalar(select(CurriculumModule).where(CurriculumModule.number == number))


def _session_starts(cohort: Cohort) -> dict[int, list[datetime]]:
    """Scheduled session starts per module, as naive UTC."""
    starts: dict[int, list[datetime]] = {}
    for session in cohort.sessions:
        if session.module_number:
            starts.setdefault(session.module_number, []).append(local_to_utc(session.day, session.start_time, cohort))
    return starts


def availability(cohort: Cohort, now: datetime | None = None) -> list[ModuleAvailability]:
    """Every module with whether it is open in ``cohort`` now."""
    now = now or utcnow()
    explicit = {
        c.module_number: c.state.value
        for c in db.session.scalars(select(CohortModule).where(CohortModule.cohort_id == cohort.id))
    }
    starts = _session_starts(cohort)
    return [
        ModuleAvailability(
            m,
            rules.module_is_open(explicit.get(m.number), starts.get(m.number, []), now),
            explicit.get(m.number),
            min(starts[m.number]) if starts.get(m.number) else None,
        )
        for m in all_modules()
    ]


def module_availability(cohort: Cohort, number: int) -> ModuleAvailability | None:
    """One module's availability in ``cohort``."""
    return next((a for a in availability(cohort) if a.module.number == number), None)


def set_module_state(cohort: Cohort, number: int, state: ModuleState | None, user: User) -> None:
    """Open or close a module explicitly, or (state None) let it follow the schedule again."""
    row = db.session.scalar(
        select(CohortModule).where(CohortModule.cohort_id == cohort.id, CohortModule.module_number == number)
    )
    if state is None:
        if row is not None:
            db.session.delete(row)
    elif row is None:
        db.session.add(CohortModule(cohort_id=cohort.id, module_number=number, state=state, changed_by_id=user.id))
    else:
        row.state, row.changed_by_id = state, user.id
    db.session.flush()


# --- answers --------------------------------------------------------------------------------------


def owner_key(team: Team | None = None, user: User | None = None) -> str:
    """The owner of an answer: a team or one participant."""
    return f"team:{team.id}" if team is not None else f"user:{user.id}"


def find_answer(sheet: WorksheetDefinition, cohort: Cohort, key: str) -> WorksheetAnswer | None:
    """The answer of ``key`` (see :func:`owner_key`) to ``sheet`` in ``cohort``."""
    return db.session.scalar(
        select(WorksheetAnswer).where(
            WorksheetAnswer.worksheet_id == sheet.id,
            WorksheetAnswer.cohort_id == cohort.id,
            WorksheetAnswer.owner_key == key,
        )
    )


def save_answer(
    sheet: WorksheetDefinition,
    cohort: Cohort,
    data: dict[str, Any],
    version: str | int | None,
    author: User,
    *,
    team: Team | None = None,
    user: User | None = None,
    submit: bool = False,
) -> WorksheetAnswer:
    """Save a draft (or submit) of validated answers; a stale ``version`` raises StaleEditError."""
    key = owner_key(team, user)
    answer = find_answer(sheet, cohort, key)
    if answer is None:
        if version not in (None, "", "0", 0):
            raise StaleEditError(0)
        answer = WorksheetAnswer(
            worksheet_id=sheet.id,
            cohort_id=cohort.id,
            owner_key=key,
            version=1,
            round=0,
            team_id=team.id if team else None,
            user_id=user.id if user else None,
            status=AnswerStatus.DRAFT,
            data={},
        )
        add_first_version(answer, lambda: find_answer(sheet, cohort, key))
    else:
        check_version(answer, version)
        if not rules.can_edit(answer.status.value):
            raise NotEditable(answer.status.value)
    kept = {k: v for k, v in (answer.data or {}).items() if k not in data}  # retired fields stay readable
    answer.data = {**kept, **data}
    answer.updated_by_id = author.id
    if submit:
        answer.status, answer.round = AnswerStatus.SUBMITTED, answer.round + 1
        answer.submitted_at, answer.submitted_by_id = utcnow(), author.id
    elif answer.status != AnswerStatus.RETURNED:
        answer.status = AnswerStatus.DRAFT
    db.session.flush()
    return answer


def review_answer(
    answer: WorksheetAnswer, version: str | int | None, reviewer: User, accept: bool, comments: dict[str, str]
) -> WorksheetAnswer:
    """Record per-field comments and return the answer for revision or accept it."""
    check_version(answer, version)
    if not rules.can_review(answer.status.value):
        raise ReviewError("not submitted")
    comments = {k: v.strip() for k, v in comments.items() if v and v.strip()}
    if not accept and not comments:
        raise ReviewError("comment required")
    for key, body in comments.items():
        answer.comments.append(WorksheetComment(field_key=key, body=body, round=answer.round, author_id=reviewer.id))
    answer.status = AnswerStatus.ACCEPTED if accept else AnswerStatus.RETURNED
    answer.reviewed_at, answer.reviewed_by_id = utcnow(), reviewer.id
    db.session.flush()
    worksheet_reviewed.send(answer, accepted=accept, reviewer_id=reviewer.id)
    return answer


# --- progress -------------------------------------------------------------------------------------


def participants_of(team: Team) -> list[CohortMember]:
    """Participant members of a team."""
    return [m for m in team.members if m.role == Role.PARTICIPANT]


def team_module_answers(cohort: Cohort, team: Team, module: CurriculumModule) -> list[tuple]:
    """(definition, owner user or None, answer or None) for every worksheet of ``team`` in ``module``."""
    return module_answers(cohort, [team], module)[team.id]


def module_answers(cohort: Cohort, teams: list[Team], module: CurriculumModule) -> dict[int, list[tuple]]:
    """Team id -> :func:`team_module_answers` rows for every team, with one query for all answers."""
    sheets = module.active_worksheets
    answers = db.session.scalars(
        select(WorksheetAnswer).where(
            WorksheetAnswer.cohort_id == cohort.id, WorksheetAnswer.worksheet_id.in_([s.id for s in sheets])
        )
    )
    by_owner = {(a.worksheet_id, a.owner_key): a for a in answers}
    rows: dict[int, list[tuple]] = {}
    for team in teams:
        out: list[tuple] = []
        for sheet in sheets:
            if sheet.scope == "team":
                out.append((sheet, None, by_owner.get((sheet.id, owner_key(team=team)))))
            else:
                people = [m.user for m in participants_of(team)]
                out += [(sheet, user, by_owner.get((sheet.id, owner_key(user=user)))) for user in people]
        rows[team.id] = out
    return rows


def progress_board(cohort: Cohort, teams: list[Team]) -> dict[tuple[int, int], str]:
    """(team id, module number) -> summarised status for the progress board."""
    answers = list(db.session.scalars(select(WorksheetAnswer).where(WorksheetAnswer.cohort_id == cohort.id)))
    by_owner = {(a.worksheet_id, a.owner_key): a.status.value for a in answers}
    board = {}
    for module in all_modules():
        for team in teams:
            statuses = []
            for sheet in module.active_worksheets:
                owners = (
                    [owner_key(team=team)]
                    if sheet.scope == "team"
                    else [owner_key(user=m.user) for m in participants_of(team)]
                )
                statuses += [by_owner.get((sheet.id, key)) for key in owners]
            board[(team.id, module.number)] = rules.cell_status(statuses)
    return board


def waiting_for_review(cohort: Cohort) -> int:
    """Number of submitted worksheets waiting for the facilitator."""
    return len(
        list(
            db.session.scalars(
                select(WorksheetAnswer.id).where(
                    WorksheetAnswer.cohort_id == cohort.id, WorksheetAnswer.status == AnswerStatus.SUBMITTED
                )
            )
        )
    )
