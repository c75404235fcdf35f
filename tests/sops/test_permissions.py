"""SOP pages × viewers → expected status; posts check role and object too."""

from __future__ import annotations

import pytest

from tests.sops.conftest import editor_data
from tests.sops.helpers import good_document

ROLES = ("anonymous", "admin", "facilitator", "mentor", "participant", "teammate_other", "outsider")
TEAM = {
    "anonymous": 302,
    "admin": 200,
    "facilitator": 200,
    "mentor": 200,
    "participant": 200,
    "teammate_other": 404,
    "outsider": 404,
}
MEMBER = {**TEAM, "teammate_other": 200}
# Team a2 has no mentor and is not the participant's team.
OTHER_TEAM = {
    "anonymous": 302,
    "admin": 200,
    "facilitator": 200,
    "mentor": 404,
    "participant": 404,
    "teammate_other": 200,
    "outsider": 404,
}
FOREIGN = {
    "anonymous": 302,
    "admin": 404,
    "facilitator": 404,
    "mentor": 404,
    "participant": 404,
    "teammate_other": 404,
    "outsider": 404,
}

PAGES = {
    "sop list": ("/cohorts/{a}/sops/", MEMBER),
    "editor": ("/cohorts/{a}/sops/{t1}", TEAM),
    "editor other team": ("/cohorts/{a}/sops/{t2}", OTHER_TEAM),
    "editor team of B via A": ("/cohorts/{a}/sops/{tb}", FOREIGN),
    "history": ("/cohorts/{a}/sops/{t1}/versions", TEAM),
    "version": ("/cohorts/{a}/sops/{t1}/versions/1", TEAM),
    "version missing": ("/cohorts/{a}/sops/{t1}/versions/9", {**TEAM, **{r: 404 for r in TEAM if TEAM[r] == 200}}),
    "compare": ("/cohorts/{a}/sops/{t1}/compare", TEAM),
    "pdf": ("/cohorts/{a}/sops/{t1}/sop.pdf", TEAM),
    "docx": ("/cohorts/{a}/sops/{t1}/sop.docx", TEAM),
}


def viewer(world: dict, role: str):
    return {
        "admin": world["admin"],
        "facilitator": world["a"]["facilitator"],
        "mentor": world["a"]["mentor"],
        "participant": world["a"]["participants"][0],
        "teammate_other": world["a"]["participants"][2],
        "outsider": world["b"]["facilitator"],
    }.get(role)


@pytest.fixture()
def prepared(client, world, saved):
    client.post(f"{saved}/versions", {"reason": "Versi satu", "version": 1})
    client.logout()
    return world


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_sop_access_matrix(client, prepared, page, role):
    world = prepared
    url, expected = PAGES[page]
    url = url.format(
        a=world["a"]["cohort"].id,
        t1=world["a"]["teams"][0].id,
        t2=world["a"]["teams"][1].id,
        tb=world["b"]["teams"][0].id,
    )
    user = viewer(world, role)
    if user is not None:
        client.login(user.email)
    assert client.get(url).status_code == expected[role]


@pytest.mark.parametrize(
    ("role", "path", "data", "expected"),
    [
        ("mentor", "", "editor", 403),
        ("facilitator", "", "editor", 403),
        ("teammate_other", "", "editor", 404),
        ("outsider", "", "editor", 404),
        ("participant", "/comments", {"target": "general", "text": "x"}, 403),
        ("mentor", "/comments", {"target": "general", "text": "x"}, 403),
        ("mentor", "/status", {"action": "accept"}, 403),
        ("teammate_other", "/status", {"action": "submit"}, 404),
        ("mentor", "/versions", {"reason": "x", "version": 2}, 403),
        ("facilitator", "/versions/1/restore", {"reason": "x", "version": 2}, 403),
    ],
)
def test_posts_check_role_and_object(client, prepared, role, path, data, expected):
    world = prepared
    url = f"/cohorts/{world['a']['cohort'].id}/sops/{world['a']['teams'][0].id}{path}"
    client.login(viewer(world, role).email)
    body = editor_data(good_document(), 2) if data == "editor" else data
    assert client.post(url, body).status_code == expected
