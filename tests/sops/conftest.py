"""Fixtures for SOP tests: a world with teams and a helper to post the editor form."""

from __future__ import annotations

import pytest

from diklat.sops.document import SopDocument
from diklat.sops.forms import document_formdata
from tests.sops.helpers import good_document


def editor_data(doc: SopDocument, version: int | str) -> dict:
    """What a browser posts for ``doc`` in the editor form."""
    data = document_formdata(doc, int(version))
    out = {
        k: ("" if v is None else (v.isoformat() if hasattr(v, "isoformat") else str(v)))
        for k, v in data.items()
        if k != "steps"
    }
    for i, step in enumerate(data["steps"]):
        for key, value in step.items():
            out[f"steps-{i}-{key}"] = (
                "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))
            )
    return out


@pytest.fixture()
def world(factory):
    return factory.world()


@pytest.fixture()
def editor_url(world):
    a = world["a"]
    return f"/cohorts/{a['cohort'].id}/sops/{a['teams'][0].id}"


@pytest.fixture()
def saved(client, world, editor_url):
    """Team a1's SOP saved once (as its first participant), logged in as that participant."""
    client.login(world["a"]["participants"][0].email)
    client.get(editor_url)
    response = client.post(editor_url, editor_data(good_document(), 0))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    response.close()  # as a server does once the answer is sent: the queued page count runs now
    return editor_url
