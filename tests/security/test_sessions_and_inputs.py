"""Sessions end at sign-out, sign-in limits cannot lock an owner out, hostile input is answered, never a 500."""

from __future__ import annotations

import pytest
from flask import Flask

from diklat import create_app
from diklat.auth.models import LoginAttempt
from diklat.auth.throttle import account_delay
from diklat.common.inputs import clean_text, json_body, schema_validator
from diklat.extensions import db
from tests.conftest import Client
from tests.sops.conftest import editor_data
from tests.sops.helpers import good_document


def _cookies(client: Client) -> dict[str, str]:
    return {c.key: c.value for c in client.raw._cookies.values()}


def _with_cookies(app: Flask, cookies: dict[str, str]) -> Client:
    other = Client(app.test_client())
    for key, value in cookies.items():
        other.raw.set_cookie(key, value)
    return other


@pytest.mark.parametrize("remember", [False, True])
def test_cookie_copied_before_sign_out_is_refused_after_it(client, factory, app_ctx, remember):
    user = factory.user()
    client.get("/login")
    client.post("/login", {"email": user.email, "password": "diklat-demo", "remember": "y" if remember else ""})
    stolen = _cookies(client)
    if remember:
        stolen = {k: v for k, v in stolen.items() if k == "remember_token"}  # the session cookie itself expired
        assert stolen
    assert _with_cookies(app_ctx, stolen).get("/").status_code == 200
    client.logout()
    after = _with_cookies(app_ctx, stolen).get("/")
    assert after.status_code == 302 and "/login" in after.location


def test_sign_out_everywhere_keeps_this_session_and_ends_the_others(client, factory, app_ctx):
    user = factory.user()
    client.login(user.email)
    other = Client(app_ctx.test_client())
    other.login(user.email)
    client.get("/account/password")
    response = client.post("/account/sign-out-everywhere")
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 302


def test_strangers_failures_do_not_lock_out_the_right_password(client, factory, app_ctx):
    user = factory.user()
    stranger = Client(app_ctx.test_client())
    stranger.get("/login")
    for _ in range(app_ctx.config["LOGIN_MAX_ATTEMPTS"] + 2):
        stranger.post("/login", {"email": user.email, "password": "wrong"}, environ_base={"REMOTE_ADDR": "10.9.9.9"})
    blocked = stranger.post(
        "/login", {"email": user.email, "password": "diklat-demo"}, environ_base={"REMOTE_ADDR": "10.9.9.9"}
    )
    assert blocked.status_code == 429
    client.get("/login")
    owner = client.post("/login", {"email": user.email, "password": "diklat-demo"})
    assert owner.status_code == 302
    # The stranger's failures remain counted against the stranger's address.
    assert db.session.query(LoginAttempt).filter_by(address="10.9.9.9").count() > 0


def test_per_account_delay_grows_and_is_capped():
    assert account_delay(4, 5, 2.0) == 0
    assert account_delay(5, 5, 2.0) == 0.25
    assert account_delay(7, 5, 2.0) == 1.0
    assert account_delay(50, 5, 2.0) == 2.0


def test_one_address_failing_across_accounts_is_blocked(client, factory, app_ctx):
    client.get("/login")
    for i in range(app_ctx.config["LOGIN_MAX_ATTEMPTS"] * 4):
        client.post("/login", {"email": f"x{i}@example.go.id", "password": "wrong"})
    user = factory.user()
    assert client.post("/login", {"email": user.email, "password": "diklat-demo"}).status_code == 429


def test_forced_password_change_is_enforced_on_every_page(client, factory):
    user = factory.user(must_change_password=True)
    client.login(user.email)
    for url in ("/", "/cohorts/", "/admin/users"):
        response = client.get(url)
        assert response.status_code == 302 and response.location.endswith("/account/password"), url
    assert client.get("/account/password").status_code == 200
    client.post(
        "/account/password", {"current": "diklat-demo", "new": "a-new-password-1", "confirm": "a-new-password-1"}
    )
    assert client.get("/").status_code == 200


def test_signed_in_pages_are_not_cached(client, factory):
    assert "no-store" not in client.get("/login").headers.get("Cache-Control", "")
    client.login(factory.user().email)
    assert client.get("/").headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("key", ["dev-only-insecure-key", "short", "x" * 31])
def test_production_refuses_a_weak_secret_key(key, monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", key)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})


def test_production_accepts_a_long_key_and_remember_cookie_is_strict(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.setenv("DIKLAT_PUBLIC_URL", "https://diklat.contoh.go.id/")  # production also needs its address
    app = create_app("production", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
    assert app.config["REMEMBER_COOKIE_SAMESITE"] == "Lax" and app.config["REMEMBER_COOKIE_SECURE"]


def test_healthz_answers_503_when_the_database_is_read_only(app, tmp_path):
    import sqlite3

    path = tmp_path / "ro.db"
    sqlite3.connect(path).executescript(
        "CREATE TABLE login_attempts (id INTEGER PRIMARY KEY, email TEXT, address TEXT, created_at TIMESTAMP);"
    )
    path.chmod(0o444)
    uri = f"sqlite:///file:{path}?mode=ro&uri=true"
    ro = create_app("testing", {"SQLALCHEMY_DATABASE_URI": uri})
    response = ro.test_client().get("/healthz")
    assert response.status_code == 503
    assert app.test_client().get("/healthz").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/cohorts/99999999999999999999999",
        "/cohorts/2147483648",
        "/cohorts/1/sops/9223372036854775808",
        "/admin/users?page=99999999999999999999999",
    ],
)
def test_numbers_past_the_integer_range_answer_404_or_a_page(client, factory, url):
    client.login(factory.user(is_admin=True).email)
    assert client.get(url).status_code in (200, 404)


def test_control_characters_are_stripped_from_form_values():
    assert clean_text("Layanan\x00 KTP\x1b\t\n") == "Layanan KTP\t\n"


@pytest.mark.parametrize(
    "body",
    [b'"text"', b"42", b"[]", b"null", b'{"question": 99999999999999999999}', b"[" * 5000 + b"]" * 5000, b"{"],
)
def test_hostile_json_bodies_are_refused_by_the_schema(body):
    schema = {"type": "object", "properties": {"question": {"type": "integer", "maximum": 2**31 - 1}}}
    assert json_body(body, schema_validator(schema)) is None


def test_sop_save_with_a_version_when_the_team_has_none_is_a_conflict(client, factory):
    world = factory.world()
    a = world["a"]
    url = f"/cohorts/{a['cohort'].id}/sops/{a['teams'][0].id}"
    client.login(a["participants"][0].email)
    client.get(url)
    response = client.post(url, editor_data(good_document(), 7))
    assert response.status_code in (409, 422)
    assert client.post(url, editor_data(good_document(), 0)).status_code == 302
