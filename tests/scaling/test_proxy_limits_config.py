"""Behind a proxy: the client's address from X-Forwarded-For, per-address limits shared through Redis,
configuration from DIKLAT_* variables, production refusals and /healthz per part."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from diklat.auth.models import LoginAttempt
from diklat.extensions import db
from tests.conftest import Client


def _fail_logins(app, address: str, times: int, email: str = "nobody@example.go.id") -> list[int]:
    client = Client(app.test_client())
    client.get("/login", environ_base={"REMOTE_ADDR": "10.9.9.9"}, headers={"X-Forwarded-For": address})
    codes = []
    for n in range(times):
        response = client.post(
            "/login",
            {"email": f"{n}-{email}", "password": "wrong"},
            headers={"X-Forwarded-For": address},
            environ_base={"REMOTE_ADDR": "10.9.9.9"},
        )
        codes.append(response.status_code)
    return codes


@pytest.mark.parametrize("shared", [False, True], ids=["memory", "redis"])
def test_sign_in_limit_counts_one_client_across_servers(make_app, request, factory, shared):
    settings = request.getfixturevalue("redis_settings") if shared else {}
    server_a = make_app(TRUSTED_PROXIES=1, **settings)
    server_b = make_app(TRUSTED_PROXIES=1, **settings) if shared else server_a
    with server_a.app_context():
        from diklat.common.limits import _counter

        assert type(_counter().storage).__name__ == ("RedisStorage" if shared else "MemoryStorage")
        user = factory.user(email="siti@example.go.id")
        assert _fail_logins(server_a, "203.0.113.7", 10) == [200] * 10
        codes = _fail_logins(server_b, "203.0.113.7", 11)
        assert codes == [200] * 10 + [429]
        # Another office behind the same proxy still signs in.
        other = Client(server_b.test_client())
        other.get("/login")
        answer = other.post(
            "/login",
            {"email": user.email, "password": "diklat-demo"},
            headers={"X-Forwarded-For": "198.51.100.4"},
        )
        assert answer.status_code == 302


def test_without_trusted_proxies_forwarded_header_is_ignored(make_app):
    app = make_app()
    with app.app_context():
        # Twenty failures "from" different forged addresses all count for the one real address.
        client = Client(app.test_client())
        client.get("/login")
        for n in range(20):
            client.post("/login", {"email": f"{n}@x.go.id", "password": "x"}, headers={"X-Forwarded-For": f"1.1.1.{n}"})
        blocked = client.post("/login", {"email": "z@x.go.id", "password": "x"}, headers={"X-Forwarded-For": "9.9.9.9"})
        assert blocked.status_code == 429


def test_old_login_attempts_are_pruned(make_app):
    import time_machine

    app = make_app()
    with app.app_context():
        with time_machine.travel("2026-01-01 08:00", tick=False):
            _fail_logins(app, "127.0.0.1", 3)
        assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == 3
        with time_machine.travel("2026-03-01 08:00", tick=False):
            from diklat.common import limits

            limits.reset()
            _fail_logins(app, "127.0.0.1", 1)
        assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == 1


def test_settings_come_from_prefixed_environment(monkeypatch):
    from diklat import create_app

    monkeypatch.setenv("DIKLAT_SERVERS", "3")
    monkeypatch.setenv("DIKLAT_TRUSTED_PROXIES", "1")
    monkeypatch.setenv("DIKLAT_STORAGE_URL", "s3://bucket/prefix")
    monkeypatch.setenv("DIKLAT_MAIL_USE_TLS", "true")
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SERVERS"] == 3 and app.config["TRUSTED_PROXIES"] == 1
    assert app.config["STORAGE_URL"] == "s3://bucket/prefix" and app.config["MAIL_USE_TLS"] is True


GOOD = {
    "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://u@db/diklat",
    "SECRET_KEY": "k" * 40,
    "PUBLIC_URL": "https://diklat.bpsdm.go.id",
}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SECRET_KEY": "dev-only-insecure-key"}, "SECRET_KEY"),
        ({"PUBLIC_URL": "http://127.0.0.1:5000"}, "PUBLIC_URL"),
        ({"SERVERS": 2, "REDIS_URL": "redis://r:6379/0"}, "shared storage"),
        ({"SERVERS": 2, "STORAGE_URL": "s3://b/p"}, "Redis"),
        (
            {"SERVERS": 2, "STORAGE_URL": "s3://b/p", "REDIS_URL": "redis://r", "SQLALCHEMY_DATABASE_URI": "sqlite://"},
            "database server",
        ),
    ],
)
def test_production_refuses_unsafe_settings(monkeypatch, overrides, message):
    from diklat import create_app

    monkeypatch.delenv("DIKLAT_PUBLIC_URL", raising=False)
    with pytest.raises(RuntimeError, match=message):
        create_app("production", {**GOOD, **overrides})


def test_production_with_several_servers_starts_when_everything_is_shared():
    from diklat import create_app

    app = create_app("production", {**GOOD, "SERVERS": 2, "STORAGE_URL": "s3://b/p", "REDIS_URL": "redis://r"})
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://r"


def test_healthz_names_each_part(make_app, redis_settings, s3_settings):
    app = make_app(**redis_settings, **s3_settings)
    with app.app_context():
        answer = app.test_client().get("/healthz")
        assert answer.status_code == 200
        assert answer.get_json() == {"status": "ok", "database": "ok", "redis": "ok", "storage": "ok"}
    broken = make_app(
        REDIS_URL="redis://127.0.0.1:1/0",
        STORAGE_URL="s3://missing-bucket/x",
        **{k: v for k, v in s3_settings.items() if k != "STORAGE_URL"},
    )
    with broken.app_context():
        answer = broken.test_client().get("/healthz")
        body = answer.get_json()
        assert answer.status_code == 503 and body["down"] == ["redis", "storage"]
        assert body["database"] == "ok" and body["redis"].startswith("down")
