"""The answer-save endpoint costs the same number of SQL statements however many people take the test and however
many answers the attempt already holds: it is the request a thousand participants send every few seconds."""

from __future__ import annotations

from flask import current_app

from diklat.assessments.attempt_services import save_response, start_attempt
from diklat.cohorts.models import Role
from diklat.common.time import utcnow
from diklat.extensions import db
from tests.assessments.test_taking import right_fields, save_json, start
from tests.crawl import counting_statements


def _fields_for(attempt, question_id: int) -> list[list[str]]:
    name = f"q{question_id}"
    return [[k, v] for k, v in right_fields(attempt) if k == name or k.startswith(f"{name}_")]


def _save_cost(client, world, attempt, question) -> int:
    fields = _fields_for(attempt, question.id)
    url_ids = (world["a"]["cohort"].id, attempt.id)  # read before the request's own context takes over
    assert url_ids
    # A fresh application context gives the request an empty session, as every request of a real server has.
    with current_app.app_context(), counting_statements() as statements:
        response = save_json(client, world, attempt, question.id, fields)
    assert response.status_code == 200 and response.get_json()["saved"], response.get_data(as_text=True)
    return len(statements)


def test_answer_save_statement_count_is_constant(client, world, factory):
    attempt, _url = start(client, world)
    first, second = world["questions"][0], world["questions"][1]
    cost_first = _save_cost(client, world, attempt, first)
    cost_update = _save_cost(client, world, attempt, first)  # the same answer again: an update, not an insert

    cohort, team = world["a"]["cohort"], world["a"]["teams"][0]
    now = utcnow()
    for n in range(40):  # forty more participants, each with an attempt holding every answer
        user = factory.user(email=f"ramai{n}@example.go.id")
        factory.member(cohort, user, Role.PARTICIPANT, team)
        other = start_attempt(world["test"], user.id, now)
        for question in world["questions"]:
            save_response(other, question.id, {"value": "x"}, now)
    db.session.commit()
    for question in world["questions"][2:]:
        _save_cost(client, world, attempt, question)

    assert _save_cost(client, world, attempt, second) == cost_first
    assert _save_cost(client, world, attempt, second) == cost_update
    # The attempt, locked, with the account that the session names, the membership that allows it, its test and
    # the question; the update. It was thirteen, then seven, then three (with a separate read of the account).
    assert cost_first == 2


def _thirty_more_started(world, factory) -> None:
    """Thirty more participants in the cohort, each with an attempt under way."""
    cohort, team = world["a"]["cohort"], world["a"]["teams"][0]
    for _ in range(30):
        user = factory.user()
        factory.member(cohort, user, Role.PARTICIPANT, team)
        start_attempt(world["test"], user.id, utcnow())
    db.session.commit()


def _start_cost(client, world, user) -> int:
    client.login(user.email)
    cohort_id, test_id = world["a"]["cohort"].id, world["test"].id
    client.get(f"/cohorts/{cohort_id}/tests")
    with current_app.app_context(), counting_statements() as statements:
        response = client.post(f"/cohorts/{cohort_id}/tests/{test_id}/start")
    assert response.status_code == 302, response.status_code
    return len(statements)


def test_start_statement_count_does_not_grow_with_the_cohort(client, world, factory):
    """Everyone presses Start in the same minute: the start reads the person's attempts once, whoever else started."""
    first = _start_cost(client, world, world["a"]["participants"][0])
    _thirty_more_started(world, factory)
    client.logout()
    assert _start_cost(client, world, world["a"]["participants"][1]) == first
    assert first == 10  # 13 when the attempts were read three times and re-read after the commit for the redirect


def test_submit_statement_count_does_not_grow_with_the_cohort_or_the_answers(client, world, factory):
    """Everyone presses Submit at the end of the time: the grading is one read and one batch of updates."""
    attempt, url = start(client, world)
    data = dict(right_fields(attempt)) | {"action": "submit"}
    _thirty_more_started(world, factory)
    with current_app.app_context(), counting_statements() as statements:
        response = client.post(url, data)
    assert response.status_code == 302 and response.headers["Location"].endswith("/result")
    db.session.expire_all()
    assert db.session.get(type(attempt), attempt.id).finish_reason == "submitted"
    assert len(statements) == 13, statements  # 16 when the attempt and the account were read back after the commit
