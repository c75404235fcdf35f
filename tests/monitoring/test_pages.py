"""Monitoring pages: who may open what (role × page), and pages of another cohort or team answer 404."""

from __future__ import annotations

import pytest

from diklat.common import time as clock

ROLES = ("anonymous", "admin", "facilitator", "mentor", "participant", "other_team", "outsider")
EVERYONE_IN_TEAM = {
    "anonymous": 302,
    "admin": 200,
    "facilitator": 200,
    "mentor": 200,
    "participant": 200,
    "other_team": 404,
    "outsider": 404,
}
MANAGERS = {
    "anonymous": 302,
    "admin": 200,
    "facilitator": 200,
    "mentor": 403,
    "participant": 403,
    "other_team": 403,
    "outsider": 404,
}
REVIEWERS = {
    "anonymous": 302,
    "admin": 200,
    "facilitator": 200,
    "mentor": 200,
    "participant": 403,
    "other_team": 403,
    "outsider": 404,
}
MEMBERS = {
    "anonymous": 302,
    "admin": 200,
    "facilitator": 200,
    "mentor": 200,
    "participant": 200,
    "other_team": 200,
    "outsider": 404,
}
PARTICIPANTS = {
    "anonymous": 302,
    "admin": 403,
    "facilitator": 403,
    "mentor": 403,
    "participant": 200,
    "other_team": 200,
    "outsider": 404,
}
FOREIGN_TEAM = {
    "anonymous": 302,
    "admin": 404,
    "facilitator": 404,
    "mentor": 404,
    "participant": 404,
    "other_team": 404,
    "outsider": 404,
}
PUBLIC = dict.fromkeys(ROLES, 200)

PAGES = {
    "overview": ("/cohorts/{a}/monitoring/", MEMBERS),
    "team": ("/cohorts/{a}/monitoring/teams/{t}", EVERYONE_IN_TEAM),
    "entry": ("/cohorts/{a}/monitoring/teams/{t}/services/{s}/entry", EVERYONE_IN_TEAM),
    "import": ("/cohorts/{a}/monitoring/teams/{t}/import", EVERYONE_IN_TEAM),
    "template": ("/cohorts/{a}/monitoring/teams/{t}/indicator-template.xlsx", EVERYONE_IN_TEAM),
    "export": ("/cohorts/{a}/monitoring/teams/{t}/indicators.xlsx", EVERYONE_IN_TEAM),
    "service settings": ("/cohorts/{a}/monitoring/teams/{t}/services/{s}", MANAGERS),
    "new service": ("/cohorts/{a}/monitoring/teams/{t}/services/new", MANAGERS),
    "skm": ("/cohorts/{a}/monitoring/teams/{t}/skm", EVERYONE_IN_TEAM),
    "qr": ("/cohorts/{a}/monitoring/teams/{t}/services/{s}/qr.svg", EVERYONE_IN_TEAM),
    "paper": ("/cohorts/{a}/monitoring/teams/{t}/services/{s}/paper", EVERYONE_IN_TEAM),
    "skm import": ("/cohorts/{a}/monitoring/teams/{t}/services/{s}/skm-import", EVERYONE_IN_TEAM),
    "review": ("/cohorts/{a}/monitoring/teams/{t}/reviews/{year}/{quarter}", REVIEWERS),
    "feedback": ("/cohorts/{a}/monitoring/feedback", PARTICIPANTS),
    "report": ("/cohorts/{a}/monitoring/report", REVIEWERS),
    "report xlsx": ("/cohorts/{a}/monitoring/report.xlsx", REVIEWERS),
    "team of B via A": ("/cohorts/{a}/monitoring/teams/{tb}", FOREIGN_TEAM),
    "public survey": ("/skm/{token}", PUBLIC),
}


def viewer(world: dict, role: str):
    a = world["a"]
    return {
        "admin": world["admin"],
        "facilitator": a["facilitator"],
        "mentor": a["mentor"],
        "participant": a["team_participant"],
        "other_team": a["participants"][-1],
        "outsider": world["b"]["facilitator"],
    }.get(role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_access_matrix(client, world, page, role):
    from diklat.monitoring.periods import quarter_of

    url, expected = PAGES[page]
    year, quarter = quarter_of(clock.today())
    url = url.format(
        a=world["a"]["cohort"].id,
        t=world["a"]["teams"][0].id,
        s=world["service"].id,
        tb=world["b"]["teams"][0].id,
        token=world["service"].survey_token,
        year=year,
        quarter=quarter,
    )
    user = viewer(world, role)
    if user is not None:
        client.login(user.email)
    assert client.get(url).status_code == expected[role]


def test_service_of_another_team_is_404(client, world):
    client.login(world["a"]["facilitator"].email)
    a = world["a"]
    other = a["teams"][1]
    url = f"/cohorts/{a['cohort'].id}/monitoring/teams/{other.id}/services/{world['service'].id}/entry"
    assert client.get(url).status_code == 404


def test_review_of_a_quarter_before_the_course_is_404(client, world):
    client.login(world["a"]["facilitator"].email)
    a = world["a"]
    assert (
        client.get(f"/cohorts/{a['cohort'].id}/monitoring/teams/{a['teams'][0].id}/reviews/2001/1").status_code == 404
    )


def test_posts_check_access_too(client, world):
    a = world["a"]
    client.login(world["b"]["facilitator"].email)
    url = f"/cohorts/{a['cohort'].id}/monitoring/teams/{a['teams'][0].id}/services/{world['service'].id}/entry"
    assert client.post(url, {}).status_code == 404
    client.logout()
    client.login(a["team_participant"].email)
    url = f"/cohorts/{a['cohort'].id}/monitoring/teams/{a['teams'][0].id}/services/{world['service'].id}"
    assert client.post(url, {"name": "x"}).status_code == 403
