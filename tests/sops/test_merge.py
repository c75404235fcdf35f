"""A refused SOP save becomes a merge: theirs beside mine, per field and per step; Save twice keeps theirs."""

from __future__ import annotations

import re

from diklat.extensions import db
from diklat.sops.document import Step
from diklat.sops.models import Sop
from tests.curriculum.conftest import IsolatedClient
from tests.sops.conftest import editor_data
from tests.sops.helpers import good_document

MINE = re.compile(r'name="mine" value="([^"]*)"')
VERSION = re.compile(r'name="version" value="(\d+)"')


def _stored(team_id: int) -> dict:
    db.session.expire_all()
    return db.session.scalar(db.select(Sop).where(Sop.team_id == team_id)).draft


def _merge_fields(page: str) -> dict:
    from html import unescape

    return {"merge": "1", "mine": unescape(MINE.search(page).group(1)), "version": VERSION.search(page).group(1)}


def test_conflict_merges_field_by_field_and_step_by_step(app_ctx, world, editor_url):
    team = world["a"]["teams"][0]
    first, second = IsolatedClient(app_ctx.test_client()), IsolatedClient(app_ctx.test_client())
    first.login(world["a"]["participants"][0].email)
    second.login(world["a"]["participants"][1].email)
    first.get(editor_url)
    assert first.post(editor_url, editor_data(good_document(), 0)).status_code == 302
    second.get(editor_url)  # both now edit version 1

    theirs = good_document()
    theirs.explanation["purpose"] = "Tujuan dari Ani."
    theirs.steps[1].activity = "Memeriksa berkas (Ani)."
    first.get(editor_url)
    assert first.post(editor_url, editor_data(theirs, 1)).status_code == 302

    mine = good_document()
    mine.explanation["purpose"] = "Tujuan dari Budi."
    mine.explanation["scope"] = "Loket dan daring."
    mine.steps.insert(2, Step(uid="budi", activity="Mencatat di buku register.", actor="Petugas Loket"))
    refused = second.post(editor_url, editor_data(mine, 1))
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "Tujuan dari Ani." in page and "Tujuan dari Budi." in page and "Mencatat di buku register." in page
    assert "Simpan versi gabungan" in page
    assert _stored(team.id)["explanation"]["purpose"] == "Tujuan dari Ani."  # nothing overwritten

    merge = {**_merge_fields(page), "choice-scope": "mine"}
    assert second.post(editor_url, merge).status_code == 302
    draft = _stored(team.id)
    assert draft["explanation"]["purpose"] == "Tujuan dari Ani.\nTujuan dari Budi."
    assert draft["explanation"]["scope"] == "Loket dan daring."
    activities = [s["activity"] for s in draft["steps"]]
    assert "Memeriksa berkas (Ani)." in activities and "Mencatat di buku register." in activities

    # Pressing the merge's Save a second time: refused again, and theirs is still there.
    again = second.post(editor_url, merge)
    assert again.status_code == 409
    assert _stored(team.id)["explanation"]["purpose"] == "Tujuan dari Ani.\nTujuan dari Budi."


def test_merge_with_keep_mine_replaces_their_field(app_ctx, world, editor_url):
    team = world["a"]["teams"][0]
    first, second = IsolatedClient(app_ctx.test_client()), IsolatedClient(app_ctx.test_client())
    first.login(world["a"]["participants"][0].email)
    second.login(world["a"]["participants"][1].email)
    first.get(editor_url)
    first.post(editor_url, editor_data(good_document(), 0))
    second.get(editor_url)
    theirs = good_document()
    theirs.identity["title"] = "Judul Ani"
    first.get(editor_url)
    first.post(editor_url, editor_data(theirs, 1))
    mine = good_document()
    mine.identity["title"] = "Judul Budi"
    page = second.post(editor_url, editor_data(mine, 1)).get_data(as_text=True)
    assert second.post(editor_url, {**_merge_fields(page), "choice-title": "mine"}).status_code == 302
    assert _stored(team.id)["identity"]["title"] == "Judul Budi"


def test_garbled_merge_is_refused_without_a_500(client, world, saved):
    response = client.post(saved, {"merge": "1", "mine": "{not json", "version": "1"})
    assert response.status_code == 400
