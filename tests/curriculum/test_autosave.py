"""Worksheet autosave: a draft saved as typed, with the Save button's version and access rules."""

from __future__ import annotations

from html import unescape

from sqlalchemy import select

from diklat.curriculum.models import AnswerStatus, WorksheetAnswer
from diklat.extensions import db
from tests.curriculum.conftest import sheet_url

SERVICE = {"f-service": "Izin Usaha Mikro", "f-cost": "Gratis"}


def _url(world, team=None, cohort="a") -> str:
    team = team or world["a"]["teams"][0]
    return sheet_url(world[cohort]["cohort"].id, 4, "sla", "teams", team.id, "/autosave")


def _stored(team) -> WorksheetAnswer | None:
    db.session.expire_all()
    return db.session.scalar(select(WorksheetAnswer).where(WorksheetAnswer.team_id == team.id))


def test_autosave_keeps_a_draft_and_follows_versions(client, world):
    team = world["a"]["teams"][0]
    client.login(world["a"]["participants"][0].email)
    client.get(sheet_url(world["a"]["cohort"].id, 4, "sla", "teams", team.id))
    first = client.post(_url(world), {**SERVICE, "version": "0"})
    assert first.status_code == 200 and first.json == {"saved": True, "version": 1}
    assert _stored(team).data["service"] == "Izin Usaha Mikro" and _stored(team).status == AnswerStatus.DRAFT
    second = client.post(_url(world), {**SERVICE, "f-cost": "Rp0", "version": "1"})
    assert second.json == {"saved": True, "version": 2} and _stored(team).data["cost"] == "Rp0"
    # The page shows the autosaved text and its version (a reload keeps it).
    page = unescape(client.get(sheet_url(world["a"]["cohort"].id, 4, "sla", "teams", team.id)).get_data(as_text=True))
    assert 'value="Rp0"' in page and 'name="version" value="2"' in page


def test_stale_autosave_is_a_conflict_and_overwrites_nothing(client, world):
    team = world["a"]["teams"][0]
    client.login(world["a"]["participants"][0].email)
    client.get(sheet_url(world["a"]["cohort"].id, 4, "sla", "teams", team.id))
    assert client.post(_url(world), {**SERVICE, "version": "0"}).status_code == 200
    assert client.post(_url(world), {**SERVICE, "f-cost": "Teman", "version": "1"}).status_code == 200
    stale = client.post(_url(world), {"f-service": "", "f-cost": "", "version": "1"})
    assert stale.status_code == 409
    assert stale.json["conflict"] is True and stale.json["saved"] is False and stale.json["version"] == 2
    assert "Simpan draf" in stale.json["message"]
    answer = _stored(team)
    assert answer.version == 2 and answer.data["service"] == "Izin Usaha Mikro" and answer.data["cost"] == "Teman"
    # A first save racing a teammate's first save is a conflict too, never a second row.
    assert client.post(_url(world), {**SERVICE, "version": "0"}).status_code == 409


def test_bad_input_answers_422_and_keeps_the_stored_draft(client, world):
    team = world["a"]["teams"][0]
    client.login(world["a"]["participants"][0].email)
    client.get(sheet_url(world["a"]["cohort"].id, 4, "sla", "teams", team.id))
    assert client.post(_url(world), {**SERVICE, "version": "0"}).status_code == 200
    bad = client.post(_url(world), {**SERVICE, "f-target_on_time_percent": "sembilan puluh", "version": "1"})
    assert bad.status_code == 422 and bad.json["saved"] is False and "target_on_time_percent" in bad.json["errors"]
    assert _stored(team).version == 1


def test_other_teams_and_cohorts_answer_404_and_csrf_is_required(client, world):
    client.login(world["a"]["participants"][0].email)
    client.get(sheet_url(world["a"]["cohort"].id, 4, "sla", "teams", world["a"]["teams"][0].id))
    other_team = world["a"]["teams"][1]
    assert client.post(_url(world, other_team), {**SERVICE, "version": "0"}).status_code == 404
    other_cohort_team = world["b"]["teams"][0]
    assert client.post(_url(world, other_cohort_team), {**SERVICE, "version": "0"}).status_code == 404
    assert client.post(_url(world, other_cohort_team, "b"), {**SERVICE, "version": "0"}).status_code == 404
    assert client.post(_url(world), {**SERVICE, "version": "0"}, csrf=False).status_code == 400
    assert _stored(world["a"]["teams"][0]) is None and _stored(other_team) is None


def test_only_the_owners_of_an_editable_worksheet_autosave(client, world):
    team = world["a"]["teams"][0]
    client.login(world["a"]["facilitator"].email)
    client.get(sheet_url(world["a"]["cohort"].id, 4, "sla", "teams", team.id))
    assert client.post(_url(world), {**SERVICE, "version": "0"}).status_code == 403
    client.logout()
    client.login(world["a"]["participants"][0].email)
    client.get(sheet_url(world["a"]["cohort"].id, 4, "sla", "teams", team.id))
    answer = client.post(_url(world), {**SERVICE, "version": "0"})
    assert answer.status_code == 200
    stored = _stored(team)
    stored.status = AnswerStatus.SUBMITTED
    db.session.commit()
    assert client.post(_url(world), {**SERVICE, "f-cost": "Telat", "version": "1"}).status_code == 403
    assert _stored(team).data["cost"] == "Gratis"
