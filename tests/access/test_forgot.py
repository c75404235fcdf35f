"""Forgot password: same answer for known and unknown addresses, limits per address and account, tokens pure."""

from __future__ import annotations

from sqlalchemy import select

from diklat.auth.tokens import CODE_ALPHABET, code_digest, digest, new_code, new_token, normalise_code
from diklat.extensions import db
from tests.access.helpers import done, link_in, mails, mails_to


def _ask(client, email: str):
    client.get("/password/forgot")
    return done(client.post("/password/forgot", {"email": email}))


def test_forgot_password_end_to_end_and_same_answer_for_unknown(client, factory, app):
    user = factory.user(email="lupa@example.go.id")
    known = _ask(client, "Lupa@example.go.id")
    unknown = _ask(client, "tidak-ada@example.go.id")
    assert known.status_code == unknown.status_code == 200
    normalise = lambda r, e: r.get_data(as_text=True).replace(e, "X")  # noqa: E731
    strip_csrf = lambda s: s.split('name="csrf_token"')[0]  # noqa: E731
    assert strip_csrf(normalise(known, "lupa@example.go.id")) == strip_csrf(
        normalise(unknown, "tidak-ada@example.go.id")
    )
    assert mails_to(app, "tidak-ada@example.go.id") == []
    (mail,) = mails_to(app, user.email)
    link = link_in(mail)
    assert client.get(link).status_code == 200
    response = client.post(link, {"new": "sandi-baru-sekali", "confirm": "sandi-baru-sekali"})
    assert response.status_code == 302
    client.logout()
    assert client.login(user.email, "sandi-baru-sekali").headers["Location"].endswith("/")
    assert client.get(link).status_code == 410


def test_limits_per_account_are_silent_and_per_address_answer_429(client, factory, app, monkeypatch):
    factory.user(email="sering@example.go.id")
    monkeypatch.setitem(app.config, "PASSWORD_RESET_LIMIT", "5 per hour")  # per address: diklat.common.limits
    for _ in range(5):
        assert _ask(client, "sering@example.go.id").status_code == 200
    assert len(mails_to(app, "sering@example.go.id")) == app.config["ACCESS_REQUESTS_PER_ACCOUNT"]
    blocked = _ask(client, "orang-lain@example.go.id")
    assert blocked.status_code == 429 and 'id="email-error"' in blocked.get_data(as_text=True)
    assert 'value="orang-lain@example.go.id"' in blocked.get_data(as_text=True)  # what was typed stays


def test_invalid_email_is_a_field_error(client):
    client.get("/password/forgot")
    response = client.post("/password/forgot", {"email": "bukan-surel"})
    assert response.status_code == 200 and 'id="email-error"' in response.get_data(as_text=True)
    assert mails(client.raw.application) == []


def test_tokens_and_codes_are_random_and_hashed():
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50 and all(len(t) >= 40 for t in tokens)
    code = new_code()
    assert len(code) == 9 and code[4] == "-" and set(code.replace("-", "")) <= set(CODE_ALPHABET)
    assert not set("0O1IL") & set(CODE_ALPHABET)
    assert normalise_code(f" {code.lower().replace('-', ' ')} ") == code.replace("-", "")
    assert code_digest(code.lower()) == code_digest(code) != digest(code)
    assert len(digest("x")) == 64


def test_deactivated_account_gets_no_link(client, factory, app):
    factory.user(email="nonaktif@example.go.id", active=False)
    assert _ask(client, "nonaktif@example.go.id").status_code == 200
    assert mails_to(app, "nonaktif@example.go.id") == []
    from diklat.auth.token_models import SignInToken

    assert db.session.scalars(select(SignInToken)).all() == []
