"""The access matrix for every assessments page: role × page → status; cohort B's objects via A answer 404."""

from __future__ import annotations

from datetime import timedelta

import pytest

from diklat.assessments.attempt_services import finalize, start_attempt
from diklat.assessments.exam_services import save_settings
from diklat.assessments.models import TestKind
from diklat.common.time import utcnow
from diklat.extensions import db

ROLES = ("anonymous", "admin", "facilitator", "mentor", "participant", "outsider")
MANAGER = {"anonymous": 302, "admin": 200, "facilitator": 200, "mentor": 403, "participant": 403, "outsider": 404}
MEMBER = {"anonymous": 302, "admin": 200, "facilitator": 200, "mentor": 200, "participant": 200, "outsider": 404}
PARTICIPANT = {"anonymous": 302, "admin": 403, "facilitator": 403, "mentor": 403, "participant": 200, "outsider": 404}
AUTHOR = {"anonymous": 302, "admin": 200, "facilitator": 200, "mentor": 403, "participant": 403, "outsider": 200}
OWN_RESULT = {"anonymous": 302, "admin": 200, "facilitator": 200, "mentor": 404, "participant": 200, "outsider": 404}
FOREIGN = {"anonymous": 302, "admin": 404, "facilitator": 404, "mentor": 403, "participant": 403, "outsider": 404}
FOREIGN_ATTEMPT = {
    "anonymous": 302,
    "admin": 404,
    "facilitator": 404,
    "mentor": 404,
    "participant": 404,
    "outsider": 404,
}

PAGES = {
    "tests tab": ("/cohorts/{a}/tests", MEMBER),
    "pre settings": ("/cohorts/{a}/tests/pre/settings", MANAGER),
    "pre questions": ("/cohorts/{a}/tests/pre/questions", MANAGER),
    "preview": ("/cohorts/{a}/tests/{test_a}/preview", MANAGER),
    "preview of B via A": ("/cohorts/{a}/tests/{test_b}/preview", FOREIGN),
    "attempts": ("/cohorts/{a}/tests/{test_a}/attempts", MANAGER),
    "items": ("/cohorts/{a}/tests/{test_a}/items", MANAGER),
    "items of B via A": ("/cohorts/{a}/tests/{test_b}/items", FOREIGN),
    "items xlsx": ("/cohorts/{a}/tests/{test_a}/items.xlsx", MANAGER),
    "results": ("/cohorts/{a}/results", MANAGER),
    "results csv": ("/cohorts/{a}/results.csv", MANAGER),
    "attempt page": ("/cohorts/{a}/attempts/{attempt_open}", PARTICIPANT),
    "result": ("/cohorts/{a}/attempts/{attempt_done}/result", OWN_RESULT),
    "result of B via A": ("/cohorts/{a}/attempts/{attempt_b}/result", FOREIGN_ATTEMPT | {"mentor": 404}),
    "banks": ("/banks", AUTHOR),
    "bank": ("/banks/{bank}", AUTHOR),
    "bank import": ("/banks/{bank}/import", AUTHOR),
    "bank export": ("/banks/{bank}/export.txt", AUTHOR),
    "question edit": ("/banks/{bank}/questions/{question}", AUTHOR),
}


def viewer(world: dict, role: str):
    return {
        "admin": world["admin"],
        "facilitator": world["a"]["facilitator"],
        "mentor": world["a"]["mentor"],
        "participant": world["a"]["participants"][0],
        "outsider": world["b"]["facilitator"],
    }.get(role)


def _objects(world: dict) -> dict:
    now = utcnow()
    test_b = save_settings(
        None,
        world["b"]["cohort"],
        TestKind.PRE,
        title="B",
        instructions="",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(hours=1),
        time_limit_minutes=None,
        shuffle_questions=False,
        shuffle_choices=False,
        user_id=None,
    )
    from diklat.assessments.exam_services import copy_questions

    copy_questions(world["test"], test_b)
    me, other = world["a"]["participants"][0], world["a"]["participants"][1]
    open_attempt = start_attempt(world["test"], me.id, now)
    done = start_attempt(world["test"], other.id, now)
    finalize(done, "submitted", now)
    mine_done = open_attempt  # participant's own finished attempt is checked below with a second test
    attempt_b = start_attempt(test_b, world["b"]["participants"][0].id, now)
    finalize(attempt_b, "submitted", now)
    db.session.commit()
    return {
        "test_b": test_b,
        "attempt_open": open_attempt,
        "attempt_done": done,
        "attempt_b": attempt_b,
        "mine": mine_done,
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_access_matrix(client, world, page, role):
    objects = _objects(world)
    url, expected = PAGES[page]
    user = viewer(world, role)
    attempt_done = objects["attempt_done"]
    if role == "participant" and page == "result":  # a participant's own finished attempt
        finalize(objects["attempt_open"], "submitted", utcnow())
        db.session.commit()
        attempt_done = objects["attempt_open"]
    url = url.format(
        a=world["a"]["cohort"].id,
        test_a=world["test"].id,
        test_b=objects["test_b"].id,
        attempt_open=objects["attempt_open"].id,
        attempt_done=attempt_done.id,
        attempt_b=objects["attempt_b"].id,
        bank=world["bank"].id,
        question=world["questions"][0].id,
    )
    if user is not None:
        client.login(user.email)
    assert client.get(url).status_code == expected[role]


def test_another_participants_result_is_404(client, world):
    objects = _objects(world)
    client.login(world["a"]["participants"][0].email)
    assert (
        client.get(f"/cohorts/{world['a']['cohort'].id}/attempts/{objects['attempt_done'].id}/result").status_code
        == 404
    )


def test_posts_check_access_too(client, world):
    objects = _objects(world)
    a = world["a"]["cohort"].id
    client.login(world["a"]["mentor"].email)
    assert client.post(f"/cohorts/{a}/tests/{world['test'].id}/start").status_code == 403
    assert client.post(f"/cohorts/{a}/tests/{world['test'].id}/attempts", {"reason": "x"}).status_code == 403
    client.logout()
    client.login(world["b"]["participants"][0].email)
    assert client.post(f"/cohorts/{a}/tests/{world['test'].id}/start").status_code == 404
    assert client.post(f"/cohorts/{a}/attempts/{objects['attempt_open'].id}/answer").status_code in (400, 404)
    client.logout()
    client.login(world["a"]["participants"][1].email)
    assert client.post(f"/banks/{world['bank'].id}/questions/{world['questions'][0].id}/delete").status_code == 403
