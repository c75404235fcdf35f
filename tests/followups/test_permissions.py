"""Follow-up pages × viewers → expected status (404 outside one's cohort or team, 403 for a wrong role)."""

from __future__ import annotations

import pytest

from diklat.extensions import db
from diklat.followups import report_services as reports
from diklat.followups.models import ItemKind
from tests.followups.helpers import item_of, logged_visit, past_world

ROLES = ("anonymous", "admin", "facilitator", "mentor", "participant", "other_team", "outsider")
MEMBER = {
    "anonymous": 302,
    "admin": 200,
    "facilitator": 200,
    "mentor": 200,
    "participant": 200,
    "other_team": 200,
    "outsider": 404,
}
MANAGER = {**MEMBER, "mentor": 403, "participant": 403, "other_team": 403}
TEAM_A1 = {**MEMBER, "other_team": 404}  # team a1: its mentor and members, plus managers
TEAM_A2 = {**MEMBER, "mentor": 404, "participant": 404}  # team a2 has no mentor; participant is in a1
WRITE_VISIT = {**TEAM_A1, "participant": 403}
EDIT_REPORT = {**TEAM_A1, "admin": 403, "facilitator": 403, "mentor": 403}
SIGNED_IN = {role: 200 for role in ROLES} | {"anonymous": 302}
FOREIGN = {
    "anonymous": 302,
    "admin": 404,
    "facilitator": 404,
    "mentor": 404,
    "participant": 404,
    "other_team": 404,
    "outsider": 404,
}

PAGES = {
    "plan": ("/cohorts/{a}/followup", MEMBER),
    "offsets": ("/cohorts/{a}/followup/settings", MANAGER),
    "cohort-wide item": ("/cohorts/{a}/followup/items/{session}", MEMBER),
    "team a1 item": ("/cohorts/{a}/followup/items/{visit_a1}", TEAM_A1),
    "team a1 item .ics": ("/cohorts/{a}/followup/items/{visit_a1}.ics", TEAM_A1),
    "team a2 item": ("/cohorts/{a}/followup/items/{visit_a2}", TEAM_A2),
    "item of B via A": ("/cohorts/{a}/followup/items/{visit_b}", FOREIGN),
    "team a1 page": ("/cohorts/{a}/followup/teams/{a1}", TEAM_A1),
    "team a2 page": ("/cohorts/{a}/followup/teams/{a2}", TEAM_A2),
    "team of B via A": ("/cohorts/{a}/followup/teams/{b1}", FOREIGN),
    "log visit a1": ("/cohorts/{a}/followup/teams/{a1}/visits/new", WRITE_VISIT),
    "log visit a2": ("/cohorts/{a}/followup/teams/{a2}/visits/new", {**TEAM_A2, "other_team": 403}),
    "visit a1": ("/cohorts/{a}/followup/teams/{a1}/visits/{log}", TEAM_A1),
    "visit a1 via a2": (
        "/cohorts/{a}/followup/teams/{a2}/visits/{log}",
        {**TEAM_A2, "other_team": 404, "admin": 404, "facilitator": 404},
    ),
    "edit visit a1": ("/cohorts/{a}/followup/teams/{a1}/visits/{log}/edit", WRITE_VISIT),
    "photo a1": ("/cohorts/{a}/followup/teams/{a1}/attachments/{photo}", TEAM_A1),
    "report a1": ("/cohorts/{a}/followup/teams/{a1}/report", TEAM_A1),
    "edit report a1": ("/cohorts/{a}/followup/teams/{a1}/report/edit", EDIT_REPORT),
    "calendar": ("/calendar", SIGNED_IN),
    "calendar list": ("/calendar/list", SIGNED_IN),
    "feed settings": ("/calendar/feed", SIGNED_IN),
}


def viewer(world: dict, role: str):
    return {
        "admin": world["admin"],
        "facilitator": world["a"]["facilitator"],
        "mentor": world["a"]["mentor"],
        "participant": world["a"]["participants"][0],
        "other_team": world["a"]["participants"][2],
        "outsider": world["b"]["facilitator"],
    }.get(role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_access_matrix(client, factory, app, page, role):
    world = past_world(factory)
    b = world["b"]["cohort"]
    b.start_date, b.end_date = world["a"]["cohort"].start_date, world["a"]["cohort"].end_date
    db.session.commit()
    from diklat.followups import plan_services

    plan_services.generate(b, world["b"]["facilitator"], b.end_date.replace(year=b.end_date.year + 1))
    db.session.commit()
    log, photo = logged_visit(world, app)
    a1, a2 = world["a"]["teams"]
    reports.save_report(a1, reports.ReportData(period_start=None, period_end=None))
    db.session.commit()
    url, expected = PAGES[page]
    url = url.format(
        a=world["a"]["cohort"].id,
        a1=a1.id,
        a2=a2.id,
        b1=world["b"]["teams"][0].id,
        log=log.id,
        photo=photo.id,
        session=item_of(None, ItemKind.FOLLOWUP_SESSION, world["a"]["cohort"].id).id,
        visit_a1=item_of(a1.id, ItemKind.VISIT).id,
        visit_a2=item_of(a2.id, ItemKind.VISIT).id,
        visit_b=item_of(world["b"]["teams"][0].id, ItemKind.VISIT).id,
    )
    user = viewer(world, role)
    if user is not None:
        client.login(user.email)
    assert client.get(url).status_code == expected[role]


@pytest.mark.parametrize(
    ("role", "expected"), [("participant", 403), ("other_team", 404), ("outsider", 404), ("mentor", 302)]
)
def test_posts_check_access_too(client, factory, app, role, expected):
    world = past_world(factory)
    _log, photo = logged_visit(world, app)
    a1 = world["a"]["teams"][0]
    client.login(viewer(world, role).email)
    url = f"/cohorts/{a1.cohort_id}/followup/teams/{a1.id}/attachments/{photo.id}/delete"
    assert client.post(url).status_code == expected
