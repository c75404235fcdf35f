"""Delivery through the real pages: opening, drafts, bad input, conflicts, submit, review, API."""

from __future__ import annotations

from datetime import time
from html import unescape

from diklat.curriculum.models import ModuleState
from diklat.curriculum.queries import team_worksheet_answers
from diklat.curriculum.services import set_module_state
from diklat.extensions import db
from tests.curriculum.conftest import sheet_url

SLA = {
    "f-service": "Izin Usaha Mikro",
    "f-standard_time_minutes": "1:00",
    "f-target_on_time_percent": "92,5",
    "f-cost": "Gratis",
    "f-basis": "Sampel 30 berkas",
    "f-indicators-0-indicator": "Rata-rata waktu",
    "f-indicators-1-indicator": "Tepat waktu",
    "f-indicators-2-indicator": "Pengaduan",
}


def _sla_url(w):
    return sheet_url(w["a"]["cohort"].id, 4, "sla", "teams", w["a"]["teams"][0].id)


def _version(page: str) -> str:
    return _field(page, "version")


def _field(page: str, name: str) -> str:
    marker = f'name="{name}" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def test_module_follows_schedule_unless_set(client, factory, synced):
    w = factory.world()
    cohort = w["a"]["cohort"]
    client.login(w["a"]["participants"][0].email)
    assert client.get(f"/cohorts/{cohort.id}/modules/2").status_code == 403
    factory.session(cohort, start=time(8), module=2)  # in the past: open from then on
    assert client.get(f"/cohorts/{cohort.id}/modules/2").status_code == 200
    set_module_state(cohort, 2, ModuleState.CLOSED, w["a"]["facilitator"])
    db.session.commit()
    assert client.get(f"/cohorts/{cohort.id}/modules/2").status_code == 403


def test_facilitator_opens_and_closes(client, factory, synced):
    w = factory.world()
    cohort = w["a"]["cohort"]
    client.login(w["a"]["facilitator"].email)
    client.get(f"/cohorts/{cohort.id}/modules/")
    assert client.post(f"/cohorts/{cohort.id}/modules/5/state", {"state": "open"}).status_code == 302
    client.logout()
    client.login(w["a"]["participants"][0].email)
    page = client.get(f"/cohorts/{cohort.id}/modules/5")
    assert page.status_code == 200 and "Skenario latihan" in page.get_data(as_text=True)


def test_bad_input_keeps_everything_typed(client, world):
    client.login(world["a"]["participants"][0].email)
    client.get(_sla_url(world))
    response = client.post(
        _sla_url(world), {**SLA, "f-target_on_time_percent": "150", "f-cost": "", "version": "0", "action": "submit"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Paling besar 100." in page and "Isian ini wajib diisi." in page
    assert 'value="150"' in page and 'value="Izin Usaha Mikro"' in page and "Sampel 30 berkas" in page
    assert team_worksheet_answers(world["a"]["teams"][0].id, 4) == {}


def test_draft_then_conflict_then_submit_review_accept(two_clients, world):
    client, other = two_clients
    first, second = world["a"]["participants"][0], world["a"]["participants"][1]
    client.login(first.email)
    client.get(_sla_url(world))
    assert client.post(_sla_url(world), {**SLA, "version": "0", "action": "save"}).status_code == 302
    answers = team_worksheet_answers(world["a"]["teams"][0].id, 4)
    assert answers["sla"]["standard_time_minutes"] == 60 and answers["sla"]["target_on_time_percent"] == 92.5

    other.login(second.email)
    stale_version = _version(other.get(_sla_url(world)).get_data(as_text=True))
    assert (
        client.post(_sla_url(world), {**SLA, "f-cost": "Rp0", "version": stale_version, "action": "save"}).status_code
        == 302
    )
    conflict = other.post(
        _sla_url(world), {**SLA, "f-cost": "Gratis sesuai Perda", "version": stale_version, "action": "save"}
    )
    page = conflict.get_data(as_text=True)
    assert conflict.status_code == 409
    assert "Versi mereka" in page and "Rp0" in page and "Gratis sesuai Perda" in page
    assert team_worksheet_answers(world["a"]["teams"][0].id, 4)["sla"]["cost"] == "Rp0"
    # The conflict is a merge: keep mine for the cost, saved on their version.
    merge = {"merge": "1", "mine": unescape(_field(page, "mine")), "version": _version(page), "choice-cost": "mine"}
    assert other.post(_sla_url(world), merge).status_code == 302
    assert team_worksheet_answers(world["a"]["teams"][0].id, 4)["sla"]["cost"] == "Gratis sesuai Perda"
    # The same merge pressed again is refused (stale), never an overwrite.
    assert other.post(_sla_url(world), merge).status_code == 409
    page = other.get(_sla_url(world)).get_data(as_text=True)
    assert (
        other.post(
            _sla_url(world), {**SLA, "f-cost": "Gratis sesuai Perda", "version": _version(page), "action": "submit"}
        ).status_code
        == 302
    )
    assert other.post(_sla_url(world), {**SLA, "version": _version(page), "action": "save"}).status_code == 403

    client.logout()
    client.login(world["a"]["facilitator"].email)
    page = client.get(_sla_url(world)).get_data(as_text=True)
    version = _version(page)
    refused = client.post(
        _sla_url(
            world,
        )
        + "/review",
        {"version": version, "action": "return"},
    )
    assert refused.status_code == 422 and "Tulis paling sedikit satu komentar" in refused.get_data(as_text=True)
    returned = client.post(
        _sla_url(world) + "/review",
        {"version": version, "action": "return", "comment-cost": "Sebutkan dasar Perda-nya."},
    )
    assert returned.status_code == 302
    client.logout()
    client.login(first.email)
    page = client.get(_sla_url(world)).get_data(as_text=True)
    assert "Sebutkan dasar Perda-nya." in page and "Dikembalikan untuk diperbaiki" in page
    assert (
        client.post(
            _sla_url(world), {**SLA, "f-cost": "Gratis (Perda 5/2023)", "version": _version(page), "action": "submit"}
        ).status_code
        == 302
    )
    client.logout()
    client.login(world["a"]["facilitator"].email)
    page = client.get(_sla_url(world)).get_data(as_text=True)
    assert client.post(_sla_url(world) + "/review", {"version": _version(page), "action": "accept"}).status_code == 302
    assert "Diterima" in client.get(f"/cohorts/{world['a']['cohort'].id}/modules/progress").get_data(as_text=True)


def test_participant_sheet_is_personal(client, world):
    me, teammate = world["a"]["participants"][0], world["a"]["participants"][1]
    cohort = world["a"]["cohort"]
    client.login(me.email)
    mine = sheet_url(cohort.id, 5, "observation", "people", me.id)
    assert client.get(mine).status_code == 200
    assert client.get(sheet_url(cohort.id, 5, "observation", "people", teammate.id)).status_code == 404
    assert client.get(sheet_url(cohort.id, 5, "observation", "teams", world["a"]["teams"][0].id)).status_code == 404


def test_api_returns_empty_for_unknown(app_ctx, synced):
    assert team_worksheet_answers(999, 4) == {}


def test_home_page_attention(client, world):
    from diklat.curriculum.services import get_module, review_answer, save_answer

    cohort, team, me = world["a"]["cohort"], world["a"]["teams"][0], world["a"]["participants"][0]
    sheet = next(w for w in get_module(4).worksheets if w.key == "sla")
    answer = save_answer(sheet, cohort, {"service": "IUMK"}, None, me, team=team, submit=True)
    db.session.commit()
    client.login(world["a"]["facilitator"].email)
    assert "1 lembar kerja menunggu pemeriksaan Anda" in client.get("/").get_data(as_text=True)
    review_answer(answer, answer.version, world["a"]["facilitator"], False, {"cost": "Isi biaya."})
    db.session.commit()
    client.logout()
    client.login(me.email)
    assert "Dikembalikan untuk diperbaiki: Lembar Kerja 4A" in client.get("/").get_data(as_text=True)
