"""Role × page → status for every curriculum page; another cohort's or team's data answers 404."""

from __future__ import annotations

import pytest

from diklat.curriculum.models import ModuleState
from diklat.curriculum.services import set_module_state
from diklat.extensions import db

A_TEAM, A_OTHER_TEAM, B_TEAM = "a_team", "a_other", "b_team"

# (page, method) → expected status per role: admin, facilitator A, mentor A, participant A (team a1),
# participant B, facilitator B
CASES = [
    ("/cohorts/{a}/modules/", "get", [200, 200, 200, 200, 404, 404]),
    ("/cohorts/{a}/modules/progress", "get", [200, 200, 200, 403, 404, 404]),
    ("/cohorts/{a}/modules/2", "get", [200, 200, 200, 200, 404, 404]),
    ("/cohorts/{a}/modules/8", "get", [200, 200, 200, 403, 404, 404]),  # closed module
    ("/cohorts/{a}/modules/2/teams/{t1}", "get", [200, 200, 200, 200, 404, 404]),
    ("/cohorts/{a}/modules/2/teams/{t2}", "get", [200, 200, 404, 404, 404, 404]),  # not mentored, not own
    ("/cohorts/{a}/modules/2/sheets/process_map/teams/{t1}", "get", [200, 200, 200, 200, 404, 404]),
    ("/cohorts/{a}/modules/2/sheets/process_map/teams/{t2}", "get", [200, 200, 404, 404, 404, 404]),
    ("/cohorts/{a}/modules/2/sheets/process_map/teams/{tb}", "get", [404, 404, 404, 404, 404, 404]),
    ("/cohorts/{a}/modules/2/sheets/process_map/teams/{t1}/download.pdf", "get", [200, 200, 200, 200, 404, 404]),
    ("/cohorts/{a}/modules/2/sheets/process_map/teams/{t1}/download.docx", "get", [200, 200, 200, 200, 404, 404]),
    ("/cohorts/{a}/modules/2/sheets/process_map/blank.docx", "get", [200, 200, 200, 200, 404, 404]),
    ("/cohorts/{a}/modules/5/sheets/observation/people/{p1}", "get", [200, 200, 200, 200, 404, 404]),
    ("/cohorts/{a}/modules/5/sheets/observation/people/{p3}", "get", [200, 200, 404, 404, 404, 404]),
    ("/cohorts/{a}/modules/2/sheets/process_map/teams/{t1}", "post", [403, 403, 403, 302, 404, 404]),
    ("/cohorts/{a}/modules/2/sheets/process_map/teams/{t1}/review", "post", [404, 404, 403, 403, 404, 404]),
    ("/cohorts/{a}/modules/2/state", "post", [302, 302, 403, 403, 404, 404]),
]
ROLES = ["admin", "facilitator", "mentor", "participant", "participant_b", "facilitator_b"]


@pytest.fixture()
def setup(factory, synced):
    w = factory.world()
    cohort = w["a"]["cohort"]
    set_module_state(cohort, 2, ModuleState.OPEN, w["a"]["facilitator"])
    set_module_state(cohort, 5, ModuleState.OPEN, w["a"]["facilitator"])
    db.session.commit()
    ids = {
        "a": cohort.id,
        "t1": w["a"]["teams"][0].id,
        "t2": w["a"]["teams"][1].id,
        "tb": w["b"]["teams"][0].id,
        "p1": w["a"]["participants"][0].id,
        "p3": w["a"]["participants"][2].id,
    }
    users = {
        "admin": w["admin"],
        "facilitator": w["a"]["facilitator"],
        "mentor": w["a"]["mentor"],
        "participant": w["a"]["participants"][0],
        "participant_b": w["b"]["participants"][0],
        "facilitator_b": w["b"]["facilitator"],
    }
    return ids, users


@pytest.mark.parametrize(("role_index", "role"), list(enumerate(ROLES)))
@pytest.mark.parametrize(("path", "method", "expected"), CASES)
def test_permission_matrix(client, setup, path, method, expected, role_index, role):
    ids, users = setup
    client.login(users[role].email)
    url = path.format(**ids)
    data = {"version": "0", "action": "save", "state": "open", "f-service": "IUMK"}
    response = client.get(url) if method == "get" else client.post(url, data)
    assert response.status_code == expected[role_index], (role, url, response.status_code)
