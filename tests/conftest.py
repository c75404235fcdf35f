"""Test fixtures: an app on a fresh migrated database (SQLite, or PostgreSQL with DATABASE_URL).

PostgreSQL runs get a database of their own per test session (created from DATABASE_URL's
server, dropped at the end), so parallel runs never share state.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from flask import Flask, g
from flask.testing import FlaskClient
from flask_babel import refresh
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from diklat import create_app
from diklat.extensions import db
from tests.factories import Factory

CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
CLOCK_ENV = "DIKLAT_TEST_CLOCK"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--clock",
        default=os.environ.get(CLOCK_ENV),
        help=f"Run the whole session as if it started at this instant (ISO 8601, e.g. 2026-12-02T23:30:00Z); "
        f"also read from {CLOCK_ENV}.",
    )


@pytest.fixture(scope="session", autouse=True)
def session_clock(request: pytest.FixtureRequest) -> Iterator[None]:
    """Travel the whole session to ``--clock`` (the clock keeps ticking), to prove no test needs a given hour."""
    start = request.config.getoption("--clock")
    if not start:
        yield
        return
    with time_machine.travel(start, tick=True):
        yield


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile the translation catalogs once (the app no longer does it at start-up)."""
    from diklat.i18n import compile_catalogs

    compile_catalogs()


def pytest_report_header(config: pytest.Config) -> str | None:
    start = config.getoption("--clock")
    return f"clock: the session starts at {start}" if start else None


def _database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        return
    base = make_url(
        url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url
    )
    name = f"diklat_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
        # A throwaway database: no need to wait for the disk on every commit.
        conn.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit TO off'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh, empty database for this test session."""
    yield from _database_url(tmp_path_factory)


@pytest.fixture(scope="session")
def app(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The application, with the schema built by running every migration."""
    from flask_migrate import upgrade

    folder = tmp_path_factory.mktemp("instance")
    application = create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "MAIL_FOLDER": str(folder / "mail"),
            "UPLOAD_FOLDER": str(folder / "uploads"),
            "SERVER_NAME": None,
        },
    )
    with application.app_context():
        upgrade(directory=str(Path(__file__).resolve().parent.parent / "migrations"))

    @application.before_request
    def _forget_cached_user() -> None:
        # Tests keep an app context open across requests, so `g` would carry the previous
        # request's signed-in user; a real server never shares `g` between requests.
        g.pop("_login_user", None)
        g.pop("csrf_token", None)  # Flask-WTF caches the session's token in g too
        refresh()  # likewise Flask-Babel's cached locale

    yield application
    with application.app_context():
        db.engine.dispose()


def _wipe(app: Flask) -> None:
    with app.app_context():
        tables = [t for t in reversed(db.metadata.sorted_tables)]
        if db.engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                db.session.execute(table.delete())
        db.session.commit()
        db.session.remove()


@pytest.fixture()
def app_ctx(app: Flask) -> Iterator[Flask]:
    """An application context with an empty database, wiped again afterwards."""
    from diklat.common import limits

    with app.app_context():
        limits.reset()  # per-address counters: each test starts as a new visitor
        yield app
        db.session.rollback()
    if (in_flight := app.extensions.get("tests.in_flight")) is not None:  # browser tests: let the server finish
        in_flight.wait_idle()
    _wipe(app)


class Client:
    """A test client that signs in through the real form and sends CSRF tokens like a browser."""

    def __init__(self, flask_client: FlaskClient) -> None:
        self.raw = flask_client
        self.token: str | None = None

    def get(self, url: str, **kwargs):
        response = self.raw.get(url, **kwargs)
        match = CSRF_RE.search(response.get_data(as_text=True)) if response.mimetype == "text/html" else None
        if match:
            self.token = match.group(1)
        return response

    def post(self, url: str, data: dict | None = None, csrf: bool = True, **kwargs):
        data = dict(data or {})
        if csrf:
            if self.token is None:
                self.get("/login")
            data.setdefault("csrf_token", self.token)
        return self.raw.post(url, data=data, **kwargs)

    def login(self, email: str, password: str = "diklat-demo"):
        """Sign in through the real form; fails the test unless the sign-in worked."""
        self.get("/login")
        response = self.post("/login", {"email": email, "password": password})
        assert response.status_code == 302, f"sign-in of {email} failed: {response.status_code}"
        target = urlsplit(response.headers["Location"]).path
        assert not target.startswith("/login"), f"sign-in of {email} sent back to {target}"
        self.get("/")
        return response

    def try_login(self, email: str, password: str):
        """Post the sign-in form without asserting the outcome (for tests of refused sign-ins)."""
        self.get("/login")
        return self.post("/login", {"email": email, "password": password})

    def logout(self) -> None:
        self.post("/logout")
        self.token = None


@pytest.fixture()
def client(app_ctx: Flask) -> Client:
    """A browser-like client on an empty database."""
    return Client(app_ctx.test_client())


@pytest.fixture()
def factory(app_ctx: Flask) -> Factory:
    """Factories for users, cohorts, teams and members."""
    return Factory()
