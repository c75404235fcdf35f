"""Migrations, translations, security headers, error pages, health check, CLI, demo seed."""

from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select

from diklat.auth.models import User
from diklat.cohorts.models import Cohort, CohortMember, Role
from diklat.extensions import db
from diklat.i18n_cli import catalog_dirs, conflicts, untranslated


def test_migrations_have_a_single_head(app_ctx):
    migrate = app_ctx.extensions["migrate"]
    config = migrate.migrate.get_config(migrate.directory)
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def test_upgraded_database_matches_models(app_ctx):
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), db.metadata)
    assert diff == []


def test_every_string_is_translated_to_indonesian():
    missing = {str(d): untranslated(d, "id") for d in catalog_dirs()}
    assert {k: v for k, v in missing.items() if v} == {}


def test_no_msgid_is_translated_differently_by_two_features():
    # All catalogs merge into one domain: a second translation of the same msgid would be ignored silently.
    assert conflicts() == {}


def test_database_backend_is_the_one_asked_for(app_ctx):
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith("postgres") else "sqlite"
    assert db.engine.dialect.name == expected
    if os.environ.get("DIKLAT_REQUIRE_POSTGRES") and url:
        assert expected == "postgresql"


def test_security_headers(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_no_inline_script_or_style_in_pages(client, factory):
    world = factory.world()
    client.login(world["a"]["facilitator"].email)
    for url in ("/", f"/cohorts/{world['a']['cohort'].id}", f"/cohorts/{world['a']['cohort'].id}/attendance"):
        body = client.get(url).get_data(as_text=True)
        assert "<script>" not in body and " style=" not in body and "onclick=" not in body


def test_production_requires_secret_key(monkeypatch):
    from diklat import create_app

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DIKLAT_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    app = create_app(
        "production",
        {"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x" * 32, "PUBLIC_URL": "https://diklat.bpsdm.go.id"},
    )
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_HTTPONLY"]


@pytest.mark.parametrize("code", [400, 403, 404, 413, 500])
def test_friendly_error_pages(code):
    from flask import abort

    from diklat import create_app

    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": "sqlite://", "PROPAGATE_EXCEPTIONS": False})
    app.add_url_rule("/_test/boom", "boom", lambda: abort(code) if code != 500 else 1 / 0)
    response = app.test_client().get("/_test/boom", headers={"Accept-Language": "id"})
    assert response.status_code == code
    body = response.get_data(as_text=True)
    assert f'class="error-code">{code}<' in body and "Kembali ke beranda" in body


def test_healthz_answers_503_when_database_is_down(app):
    from diklat import create_app

    broken = create_app("testing", {"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:1/none"})
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "error"


def test_users_create_cli(app_ctx):
    runner = app_ctx.test_cli_runner()
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "Kepala@Example.go.id",
            "--name",
            "Kepala",
            "--password",
            "sandi-rahasia-1",
            "--admin",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "kepala@example.go.id"))
    assert user.is_admin and user.check_password("sandi-rahasia-1")
    again = runner.invoke(
        args=["users", "create", "--email", "kepala@example.go.id", "--name", "K", "--password", "sandi-rahasia-1"]
    )
    assert again.exit_code != 0 and "already exists" in again.output


def test_demo_seed_is_idempotent_and_complete(app_ctx):
    runner = app_ctx.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["seed", "demo"])
        assert result.exit_code == 0, result.output
    cohort = db.session.scalar(select(Cohort).where(Cohort.name == "Angkatan I Tahun 2026"))
    participants = cohort.members_with_role(Role.PARTICIPANT)
    assert len(participants) == 24 and len(cohort.teams) == 6
    assert all(len(t.members) == 4 for t in cohort.teams)
    assert 2 <= cohort.days <= 3 and cohort.sessions
    for email in (
        "admin@diklat.example",
        "fasilitator@diklat.example",
        "mentor@diklat.example",
        "peserta01@diklat.example",
        "peserta24@diklat.example",
    ):
        assert db.session.scalar(select(User).where(User.email == email)).check_password("diklat-demo")
    mentor = db.session.scalar(select(User).where(User.email == "mentor@diklat.example"))
    roles = {m.role for m in db.session.scalars(select(CohortMember).where(CohortMember.user_id == mentor.id))}
    assert roles == {Role.MENTOR, Role.FACILITATOR}  # roles are per cohort
