"""Search across what a facilitator or admin may see: people, teams, SOPs, questions.

Every query is limited to the viewer's cohorts (all cohorts for a site admin) before matching, so a
result can never come from a cohort the viewer does not manage. Matching is a case-insensitive
substring everywhere (ILIKE on PostgreSQL, LIKE on SQLite), so part of a NIP or an e-mail address is
found. On PostgreSQL full-text search (the ``simple`` configuration: case-folded words, no stemming)
is added, so the words of a query match in any order and need not stand together. SOP texts are
prefiltered in SQL and confirmed in Python so a hit inside JSON keys is not reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Text, cast, func, literal_column, or_, select

from diklat.assessments.models import Question, QuestionBank
from diklat.auth.models import User
from diklat.cohorts.access import is_facilitator_anywhere
from diklat.cohorts.models import Cohort, CohortMember, Role, Team
from diklat.extensions import db
from diklat.sops.models import Sop

LIMIT = 20
STEP_TEXT = ("activity", "actor", "requirements", "output", "notes")
MIN_LENGTH = 2
# PostgreSQL's text-search configuration without stemming: Indonesian words are only case-folded.
SIMPLE = literal_column("'simple'::regconfig")


@dataclass
class Hit:
    """One result: what it is, a second line, and where to go."""

    title: str
    detail: str
    endpoint: str
    values: dict[str, Any]


@dataclass
class Results:
    """Results grouped by kind, in display order."""

    groups: dict[str, list[Hit]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """How many hits in all groups."""
        return sum(len(h) for h in self.groups.values())


def can_search(user: Any) -> bool:
    """Search is for facilitators (of any cohort) and site admins."""
    return bool(user.is_authenticated and is_facilitator_anywhere(user))


def managed_cohort_ids(user: Any) -> list[int]:
    """Cohorts whose people and work the user may search."""
    if user.is_admin:
        return list(db.session.scalars(select(Cohort.id)))
    query = select(CohortMember.cohort_id).where(CohortMember.user_id == user.id, CohortMember.role == Role.FACILITATOR)
    return list(db.session.scalars(query))


def _pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _full_text() -> bool:
    """Whether the database offers full-text search (PostgreSQL)."""
    return db.session.get_bind().dialect.name == "postgresql"


def _matches(text: str, *columns: Any) -> ColumnElement[bool]:
    """Any column contains ``text``; on PostgreSQL also: the columns' words contain all its words."""
    like = _pattern(text)
    conditions = [column.ilike(like, escape="\\") for column in columns]
    if _full_text():
        document = func.to_tsvector(SIMPLE, func.concat_ws(" ", *columns))
        conditions.append(document.op("@@")(func.plainto_tsquery(SIMPLE, text)))
    return or_(*conditions)


def _sop_prefilter(text: str) -> ColumnElement[bool]:
    """SOP drafts that may match: the JSON's string values as words on PostgreSQL, else its text."""
    like = cast(Sop.draft, Text).ilike(_pattern(text), escape="\\")
    if not _full_text():
        return like
    strings = func.json_to_tsvector(SIMPLE, Sop.draft, literal_column("'[\"string\"]'::jsonb"))
    return or_(like, strings.op("@@")(func.plainto_tsquery(SIMPLE, text)))


def search(user: Any, text: str) -> Results:
    """Everything matching ``text`` the user may see, grouped by kind."""
    text = " ".join(text.split())
    results = Results()
    if len(text) < MIN_LENGTH:
        return results
    cohorts = managed_cohort_ids(user)
    results.groups["people"] = _people(cohorts, text, user.is_admin)
    results.groups["teams"] = _teams(cohorts, text)
    results.groups["sops"] = _sops(cohorts, text)
    results.groups["questions"] = _questions(text)
    return results


def _people(cohorts: list[int], text: str, everyone: bool) -> list[Hit]:
    match = _matches(text, User.name, User.nip, User.email)
    query = (
        select(User, CohortMember.cohort_id, Cohort.name)
        .join(CohortMember, CohortMember.user_id == User.id)
        .join(Cohort, Cohort.id == CohortMember.cohort_id)
        .where(match, CohortMember.cohort_id.in_(cohorts))
        .order_by(User.name, Cohort.start_date.desc())
    )
    hits: dict[int, Hit] = {}
    for person, cohort_id, cohort_name in db.session.execute(query.limit(LIMIT * 3)):
        if person.id not in hits:
            detail = " · ".join(p for p in (person.nip or "", person.email, cohort_name) if p)
            hits[person.id] = Hit(person.name, detail, "cohorts.members", {"cohort_id": cohort_id})
    if everyone and len(hits) < LIMIT:
        loose = select(User).where(match, User.id.not_in(hits.keys() or [0])).order_by(User.name).limit(LIMIT)
        for person in db.session.scalars(loose):
            detail = " · ".join(p for p in (person.nip or "", person.email) if p)
            hits[person.id] = Hit(person.name, detail, "admin.edit_user", {"user_id": person.id})
    return list(hits.values())[:LIMIT]


def _teams(cohorts: list[int], text: str) -> list[Hit]:
    match = _matches(text, Team.name, Team.office, Team.service)
    query = (
        select(Team, Cohort.name)
        .join(Cohort, Cohort.id == Team.cohort_id)
        .where(match, Team.cohort_id.in_(cohorts))
        .order_by(Cohort.start_date.desc(), Team.name)
        .limit(LIMIT)
    )
    return [
        Hit(
            f"{team.name} — {team.office}",
            f"{team.service} · {cohort_name}",
            "cohorts.teams",
            {"cohort_id": team.cohort_id},
        )
        for team, cohort_name in db.session.execute(query)
    ]


def _words(value: str) -> set[str]:
    return set(re.findall(r"\w+", value.casefold()))


def text_match(value: str, text: str, words: bool = False) -> bool:
    """``value`` contains ``text`` (case-insensitive), or with ``words`` every word of ``text``."""
    if text.casefold() in value.casefold():
        return True
    wanted = _words(text)
    return words and bool(wanted) and wanted <= _words(value)


def sop_match(draft: dict[str, Any], text: str, words: bool = False) -> str | None:
    """The SOP title or the first step text matching ``text`` (see ``text_match``), else None."""
    title = str((draft.get("identity") or {}).get("title") or "")
    if text_match(title, text, words):
        return title
    for step in draft.get("steps") or []:
        for name in STEP_TEXT:
            value = (step or {}).get(name)
            if isinstance(value, str) and text_match(value, text, words):
                return value
    return None


def _sops(cohorts: list[int], text: str) -> list[Hit]:
    query = (
        select(Sop, Team, Cohort.name)
        .join(Team, Team.id == Sop.team_id)
        .join(Cohort, Cohort.id == Team.cohort_id)
        .where(Team.cohort_id.in_(cohorts), _sop_prefilter(text))
        .order_by(Cohort.start_date.desc(), Team.name)
    )
    hits = []
    words = _full_text()
    for sop, team, cohort_name in db.session.execute(query):
        found = sop_match(sop.draft or {}, text, words)
        if found is None:
            continue
        title = (sop.draft.get("identity") or {}).get("title") or team.name
        detail = f"{team.name} · {cohort_name} · “{_snippet(found, text)}”"
        hits.append(Hit(title, detail, "sops.editor", {"cohort_id": team.cohort_id, "team_id": team.id}))
        if len(hits) >= LIMIT:
            break
    return hits


def _snippet(value: str, text: str, width: int = 60) -> str:
    folded = value.casefold()
    at = folded.find(text.casefold())
    if at < 0:
        at = min((folded.find(w) for w in _words(text) if w in folded), default=0)
    start = max(at - width // 2, 0)
    piece = value[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(value) else "")


def _questions(text: str) -> list[Hit]:
    query = (
        select(Question, QuestionBank.name)
        .join(QuestionBank, QuestionBank.id == Question.bank_id)
        .where(_matches(text, Question.text, Question.name))
        .order_by(QuestionBank.name, Question.id)
        .limit(LIMIT)
    )
    return [
        Hit(
            question.name or _snippet(question.text, text),
            f"{bank_name} · {_snippet(question.text, text)}",
            "assessments.bank",
            {"bank_id": question.bank_id},
        )
        for question, bank_name in db.session.execute(query)
    ]
