"""The access matrix: every platform page × every kind of viewer → expected status."""

from __future__ import annotations

import pytest

from diklat.cohorts.models import Role

ROLES = ("anonymous", "admin", "facilitator", "mentor", "participant", "outsider")
MANAGER = {"anonymous": 302, "admin": 200, "facilitator": 200, "mentor": 403, "participant": 403, "outsider": 404}
MEMBER = {"anonymous": 302, "admin": 200, "facilitator": 200, "mentor": 200, "participant": 200, "outsider": 404}
ADMIN_ONLY = {"anonymous": 302, "admin": 200, "facilitator": 403, "mentor": 403, "participant": 403, "outsider": 403}
EVERYONE = {"anonymous": 302, "admin": 200, "facilitator": 200, "mentor": 200, "participant": 200, "outsider": 200}
# Objects of cohort B reached through cohort A's URLs: 404 for everyone allowed into A at all.
FOREIGN = {"anonymous": 302, "admin": 404, "facilitator": 404, "mentor": 403, "participant": 403, "outsider": 404}

PAGES = {
    "home": ("/", EVERYONE),
    "cohort list": ("/cohorts/", EVERYONE),
    "cohort": ("/cohorts/{a}", MEMBER),
    "cohort edit": ("/cohorts/{a}/edit", MANAGER),
    "members": ("/cohorts/{a}/members", MEMBER),
    "teams": ("/cohorts/{a}/teams", MEMBER),
    "team new": ("/cohorts/{a}/teams/new", MANAGER),
    "team edit": ("/cohorts/{a}/teams/{team_a}/edit", MANAGER),
    "team of B via A": ("/cohorts/{a}/teams/{team_b}/edit", FOREIGN),
    "schedule": ("/cohorts/{a}/schedule", MEMBER),
    "session new": ("/cohorts/{a}/schedule/new", MANAGER),
    "session edit": ("/cohorts/{a}/schedule/{session_a}/edit", MANAGER),
    "session of B via A": ("/cohorts/{a}/schedule/{session_b}/edit", FOREIGN),
    "session attendance": ("/cohorts/{a}/schedule/{session_a}/attendance", MANAGER),
    "attendance": ("/cohorts/{a}/attendance", MANAGER),
    "enrol": ("/cohorts/{a}/enrol", MANAGER),
    "admin users": ("/admin/users", ADMIN_ONLY),
    "admin user": ("/admin/users/{user_a}", ADMIN_ONLY),
    "change password": ("/account/password", EVERYONE),
}


def viewer(world: dict, role: str):
    return {
        "admin": world["admin"],
        "facilitator": world["a"]["facilitator"],
        "mentor": world["a"]["mentor"],
        "participant": world["a"]["participants"][0],
        "outsider": world["b"]["facilitator"],
    }.get(role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_access_matrix(client, factory, page, role):
    world = factory.world()
    url, expected = PAGES[page]
    url = url.format(
        a=world["a"]["cohort"].id,
        team_a=world["a"]["teams"][0].id,
        team_b=world["b"]["teams"][0].id,
        session_a=world["a"]["session"].id,
        session_b=world["b"]["session"].id,
        user_a=world["a"]["participants"][0].id,
    )
    user = viewer(world, role)
    if user is not None:
        client.login(user.email)
    assert client.get(url).status_code == expected[role]


def test_posts_check_access_too(client, factory):
    world = factory.world()
    a, b = world["a"], world["b"]
    client.login(a["participants"][0].email)
    assert client.post(f"/cohorts/{a['cohort'].id}/schedule/{a['session'].id}/delete").status_code == 403
    client.logout()
    client.login(b["facilitator"].email)
    assert client.post(f"/cohorts/{a['cohort'].id}/schedule/{a['session'].id}/delete").status_code == 404
    member = a["cohort"].members[-1]
    assert client.post(f"/cohorts/{b['cohort'].id}/members/{member.id}/remove").status_code == 404


def test_mentor_sees_only_mentored_teams(client, factory):
    world = factory.world()
    client.login(world["a"]["mentor"].email)
    page = client.get(f"/cohorts/{world['a']['cohort'].id}/teams").get_data(as_text=True)
    assert world["a"]["teams"][0].name in page
    assert f">{world['a']['teams'][1].name}<" not in page


def test_participants_do_not_see_emails_of_others(client, factory):
    world = factory.world()
    client.login(world["a"]["participants"][0].email)
    page = client.get(f"/cohorts/{world['a']['cohort'].id}/members").get_data(as_text=True)
    assert world["a"]["participants"][1].name in page
    assert world["a"]["participants"][1].email not in page


def test_the_menu_asks_for_the_viewers_roles_once_per_request(app, factory):
    """Question banks, the calendar, search: every page's menu asks what the viewer is, in one statement."""
    from diklat.cohorts.access import has_any_cohort, is_facilitator_anywhere
    from tests.crawl import counting_statements

    world = factory.world()
    facilitator, participant, loner = world["a"]["facilitator"], world["a"]["participants"][0], factory.user()
    people = (facilitator, participant, loner)
    assert all(u.id and not u.is_admin for u in people)  # loaded before counting
    with app.test_request_context("/"):
        with counting_statements() as statements:
            answers = [(is_facilitator_anywhere(u), has_any_cohort(u)) for u in people * 3]
        assert answers[:3] == [(True, True), (False, True), (False, False)] and answers[3:6] == answers[:3]
        assert len(statements) == 3  # one per person, however often the page asks


def test_the_home_page_reads_the_viewers_memberships_once(client, factory):
    """Each attention item (worksheets, SOPs, tests, follow-ups, attendance) asked for them; now one read serves all."""
    from flask import current_app

    from tests.crawl import counting_statements

    world = factory.world()
    participant = world["a"]["participants"][0]
    factory.member(world["b"]["cohort"], participant, Role.PARTICIPANT)  # a second course
    client.login(participant.email)
    with current_app.app_context(), counting_statements() as statements:
        page = client.get("/")
    assert page.status_code == 200
    memberships = [s for s in statements if s.startswith("SELECT cohort_members.")]
    assert len(memberships) == 1, memberships  # five before (plus the eager loads of each)
    body = page.get_data(as_text=True)
    assert world["a"]["cohort"].name in body and world["b"]["cohort"].name in body
