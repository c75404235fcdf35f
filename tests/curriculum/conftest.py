"""Curriculum fixtures: content synced into the test database, a world with every module open."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import g

from diklat.curriculum.content import load_modules
from diklat.curriculum.models import ModuleState
from diklat.curriculum.services import set_module_state, sync_modules
from diklat.extensions import db
from tests.conftest import Client

MODULES = Path(__file__).resolve().parents[2] / "modules"


@pytest.fixture()
def synced(app_ctx):
    """The real content synced into the (empty) database."""
    modules, problems = load_modules(MODULES)
    assert not problems
    sync_modules(modules)
    db.session.commit()
    return modules


@pytest.fixture()
def world(factory, synced):
    """factory.world() with every module open in cohort A."""
    w = factory.world()
    for n in range(1, 9):
        set_module_state(w["a"]["cohort"], n, ModuleState.OPEN, w["a"]["facilitator"])
    db.session.commit()
    return w


def sheet_url(cohort_id: int, number: int, key: str, kind: str, owner_id: int, suffix: str = "") -> str:
    """URL of a worksheet page."""
    return f"/cohorts/{cohort_id}/modules/{number}/sheets/{key}/{kind}/{owner_id}{suffix}"


class IsolatedClient(Client):
    """A second browser: Flask-WTF caches the CSRF token in ``g``, which the test app context shares."""

    def get(self, url: str, **kwargs):
        g.pop("csrf_token", None)
        return super().get(url, **kwargs)

    def post(self, url: str, data: dict | None = None, csrf: bool = True, **kwargs):
        g.pop("csrf_token", None)
        return super().post(url, data, csrf, **kwargs)


@pytest.fixture()
def two_clients(app_ctx):
    """Two independent signed-out browsers."""
    return IsolatedClient(app_ctx.test_client()), IsolatedClient(app_ctx.test_client())
