"""SKM services: storing responses, results per quarter. They flush, never commit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import select

from diklat.extensions import db
from diklat.monitoring import skm
from diklat.monitoring.models import MonitoredService, ResponseSource, SkmResponse
from diklat.monitoring.periods import quarter_bounds, quarter_of
from diklat.monitoring.skm_import import Questionnaire


def add_response(
    service: MonitoredService,
    answers: Sequence[int],
    answered_on: date,
    source: ResponseSource,
    sex: str = "",
    age_group: str = "",
    education: str = "",
    suggestion: str = "",
    user_id: int | None = None,
) -> SkmResponse:
    """Store one questionnaire (answers already validated)."""
    if (reason := skm.check_answers(answers)) is not None:
        raise ValueError(reason)
    response = SkmResponse(
        service_id=service.id,
        answered_on=answered_on,
        source=source,
        sex=sex,
        age_group=age_group,
        education=education,
        suggestion=suggestion.strip(),
        entered_by_id=user_id,
        **{f"u{i + 1}": a for i, a in enumerate(answers)},
    )
    db.session.add(response)
    return response


def add_paper(service: MonitoredService, rows: list[Questionnaire], user_id: int) -> int:
    """Store validated paper questionnaires; returns how many."""
    for row in rows:
        add_response(
            service,
            row.answers,
            row.answered_on,
            ResponseSource.PAPER,
            row.sex,
            row.age_group,
            row.education,
            row.suggestion,
            user_id,
        )
    db.session.flush()
    return len(rows)


@dataclass(frozen=True)
class QuarterSkm:
    """The SKM of one service in one quarter."""

    year: int
    quarter: int
    result: skm.SkmResult | None
    online: int
    paper: int


class Answered(NamedTuple):
    """What the SKM figures need of one response (plain columns: thousands are read per page)."""

    service_id: int
    answered_on: date
    source: ResponseSource
    answers: tuple[int, ...]


_ELEMENTS = [getattr(SkmResponse, f"u{i}") for i in range(1, skm.ELEMENT_COUNT + 1)]


def _answers_in(service_ids: list[int], start: date | None = None, end: date | None = None) -> list[Answered]:
    stmt = select(SkmResponse.service_id, SkmResponse.answered_on, SkmResponse.source, *_ELEMENTS).where(
        SkmResponse.service_id.in_(service_ids)
    )
    if start is not None:
        stmt = stmt.where(SkmResponse.answered_on >= start, SkmResponse.answered_on < end)
    rows = db.session.execute(stmt.order_by(SkmResponse.answered_on)).tuples()
    return [Answered(row[0], row[1], row[2], tuple(row[3:])) for row in rows]


def quarters(service_ids: list[int]) -> list[QuarterSkm]:
    """Every quarter with responses for these services, oldest first."""
    return _quarters_of(_answers_in(service_ids))


def quarters_by_group(groups: dict[int, list[int]]) -> dict[int, list[QuarterSkm]]:
    """:func:`quarters` for several groups of services (e.g. per team) with one query for all responses."""
    owner = {service_id: key for key, ids in groups.items() for service_id in ids}
    responses: dict[int, list[Answered]] = {key: [] for key in groups}
    for response in _answers_in(list(owner)):
        responses[owner[response.service_id]].append(response)
    return {key: _quarters_of(items) for key, items in responses.items()}


def _quarters_of(responses: list[Answered]) -> list[QuarterSkm]:
    grouped: dict[tuple[int, int], list[Answered]] = {}
    for response in responses:
        grouped.setdefault(quarter_of(response.answered_on), []).append(response)
    return [
        QuarterSkm(
            y,
            q,
            skm.compute([r.answers for r in items]),
            sum(r.source == ResponseSource.ONLINE for r in items),
            sum(r.source == ResponseSource.PAPER for r in items),
        )
        for (y, q), items in sorted(grouped.items())
    ]


def quarter_result(service_ids: list[int], year: int, quarter: int) -> skm.SkmResult | None:
    """The SKM of one quarter, None without responses."""
    start, end = quarter_bounds(year, quarter)
    return skm.compute([r.answers for r in _answers_in(service_ids, start, end)])


def recent_suggestions(service_ids: list[int], limit: int = 10) -> list[SkmResponse]:
    """The latest responses that carry a written suggestion."""
    return list(
        db.session.scalars(
            select(SkmResponse)
            .where(SkmResponse.service_id.in_(service_ids), SkmResponse.suggestion != "")
            .order_by(SkmResponse.answered_on.desc(), SkmResponse.id.desc())
            .limit(limit)
        )
    )
