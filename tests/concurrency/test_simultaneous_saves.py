"""Two teammates press save at the same instant, against a live threaded server: one wins, one is told.

Runs on SQLite and (with DATABASE_URL) PostgreSQL: each request has its own database connection, so the
version check must be decided by the database in the UPDATE itself, not by Python before it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator

import pytest
import requests
from werkzeug.serving import make_server

from diklat.curriculum.queries import team_worksheet_answers
from diklat.extensions import db
from diklat.sops.models import Sop
from tests.curriculum.conftest import sheet_url
from tests.curriculum.test_delivery import SLA
from tests.sops.conftest import editor_data
from tests.sops.helpers import good_document

ROUNDS = 50
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
VERSION = re.compile(r'name="version"[^>]*value="(\d+)"')


@pytest.fixture()
def server(app_ctx) -> Iterator[str]:
    """The app on a free loopback port, one thread (and one database connection) per request."""
    live = make_server("127.0.0.1", 0, app_ctx, threaded=True)
    thread = threading.Thread(target=live.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{live.server_port}"
    live.shutdown()
    thread.join(5)


class Browser:
    """One person's browser: a cookie jar and the CSRF token of the last page."""

    def __init__(self, base: str, email: str) -> None:
        self.base, self.http = base, requests.Session()
        self.token = CSRF.search(self.http.get(base + "/login").text).group(1)
        signed_in = self.http.post(
            base + "/login",
            data={"email": email, "password": "diklat-demo", "csrf_token": self.token},
            allow_redirects=False,
        )
        assert signed_in.status_code == 302, signed_in.status_code

    def version(self, url: str) -> str:
        page = self.http.get(self.base + url).text
        self.token = CSRF.search(page).group(1)
        return VERSION.search(page).group(1)

    def post(self, url: str, data: dict) -> int:
        response = self.http.post(
            self.base + url, data={**data, "csrf_token": self.token}, allow_redirects=False, timeout=60
        )
        return response.status_code


def _race(browsers: list[Browser], url: str, payloads: list[dict]) -> list[int]:
    """Both save at once (a barrier releases the two threads together)."""
    start, codes = threading.Barrier(len(browsers)), [0] * len(browsers)

    def press(i: int) -> None:
        start.wait()
        codes[i] = browsers[i].post(url, payloads[i])

    threads = [threading.Thread(target=press, args=(i,)) for i in range(len(browsers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)
    return codes


def _rounds(browsers: list[Browser], url: str, payload: Callable[[int, str, str], dict], stored: Callable[[], str]):
    """ROUNDS races; each must end with exactly one 302 and one 409, and the stored text the winner's."""
    silent = []
    for n in range(ROUNDS):
        texts = [f"round {n} by person {i}" for i in range(len(browsers))]
        versions = [b.version(url) for b in browsers]
        assert versions[0] == versions[1]
        codes = _race(browsers, url, [payload(n, versions[i], texts[i]) for i in range(len(browsers))])
        assert sorted(codes) == [302, 409], (n, codes)
        db.session.remove()
        winner = texts[codes.index(302)]
        if stored() != winner:
            silent.append(n)
    assert silent == []


def test_simultaneous_worksheet_saves(server, world):
    team = world["a"]["teams"][0]
    url = sheet_url(world["a"]["cohort"].id, 4, "sla", "teams", team.id)
    people = [Browser(server, p.email) for p in world["a"]["participants"][:2]]

    def payload(_n: int, version: str, text: str) -> dict:
        return {**SLA, "f-basis": text, "version": version, "action": "save"}

    _rounds(people, url, payload, lambda: team_worksheet_answers(team.id, 4)["sla"]["basis"])


def test_simultaneous_sop_saves_including_the_first(server, world):
    team = world["a"]["teams"][0]
    url = f"/cohorts/{world['a']['cohort'].id}/sops/{team.id}"
    people = [Browser(server, p.email) for p in world["a"]["participants"][:2]]
    doc = good_document()

    def payload(_n: int, version: str, text: str) -> dict:
        doc.explanation["purpose"] = text
        return editor_data(doc, version)

    def stored() -> str:
        sop = db.session.scalar(db.select(Sop).where(Sop.team_id == team.id))
        return sop.draft["explanation"]["purpose"]

    _rounds(people, url, payload, stored)  # round 0 is the team's very first save: no duplicate-key error
