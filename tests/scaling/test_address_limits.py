"""Forgot password, slip codes and certificate verification: per-address limits in ``diklat.common.limits``,
counted for one client across servers (Redis) or in one process (memory); the per-account forgot-password
limit stays silent."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select

from diklat.auth.token_models import AccessRequest, Purpose, SignInToken
from diklat.extensions import db
from tests.conftest import Client

PROXY = {"REMOTE_ADDR": "10.9.9.9"}  # every request arrives from the proxy; the client is in X-Forwarded-For


def _servers(make_app, request, shared: bool, **settings: object) -> tuple[Flask, Flask]:
    """Two app servers sharing Redis, or one server (memory counters) answering both roles."""
    redis = request.getfixturevalue("redis_settings") if shared else {}
    server_a = make_app(TRUSTED_PROXIES=1, **redis, **settings)
    server_b = make_app(TRUSTED_PROXIES=1, **redis, **settings) if shared else server_a
    return server_a, server_b


def _form(server: Flask, path: str, address: str, data: dict) -> tuple[int, str]:
    client = Client(server.test_client())
    headers = {"X-Forwarded-For": address}
    client.get(path, headers=headers, environ_base=PROXY)
    answer = client.post(path, data, headers=headers, environ_base=PROXY)
    answer.close()  # like a server: jobs queued after the response run now (embedded)
    return answer.status_code, answer.get_data(as_text=True)


def _reset_tokens() -> int:
    return db.session.scalar(select(func.count()).select_from(SignInToken).where(SignInToken.purpose == Purpose.RESET))


@pytest.mark.parametrize("shared", [False, True], ids=["memory", "redis"])
def test_forgot_password_limit_per_address_across_servers_and_silent_per_account(make_app, request, factory, shared):
    server_a, server_b = _servers(make_app, request, shared, PASSWORD_RESET_LIMIT="5 per hour")
    with server_a.app_context():
        factory.user(email="sering@example.go.id")
        per_account = server_a.config["ACCESS_REQUESTS_PER_ACCOUNT"]
        answers = [
            _form((server_a, server_b)[n % 2], "/password/forgot", "203.0.113.7", {"email": "sering@example.go.id"})
            for n in range(5)
        ]
        assert [code for code, _page in answers] == [200] * 5
        # Past the account's limit the page is the same as before: it never tells that the account exists.
        assert answers[per_account][1].split('name="csrf_token"')[0] == answers[0][1].split('name="csrf_token"')[0]
        assert _reset_tokens() == per_account
        code, page = _form(server_b, "/password/forgot", "203.0.113.7", {"email": "orang-lain@example.go.id"})
        assert code == 429 and 'value="orang-lain@example.go.id"' in page  # what was typed stays
        # Another office behind the same proxy still asks; the account's silent limit still holds.
        assert _form(server_a, "/password/forgot", "198.51.100.4", {"email": "sering@example.go.id"})[0] == 200
        assert _reset_tokens() == per_account
        assert set(db.session.scalars(select(AccessRequest.address))) == {""}  # no client address is stored


@pytest.mark.parametrize("shared", [False, True], ids=["memory", "redis"])
def test_wrong_slip_codes_are_limited_per_address_across_servers(make_app, request, shared):
    server_a, server_b = _servers(make_app, request, shared, SIGN_IN_CODE_LIMIT="3 per hour")
    wrong = {"code": "AAAA-BBBB", "new": "sandi-baru-sekali", "confirm": "sandi-baru-sekali"}
    with server_a.app_context():
        codes = [_form((server_a, server_b)[n % 2], "/code", "203.0.113.7", wrong)[0] for n in range(4)]
        assert codes == [200, 200, 200, 429]
        assert _form(server_b, "/code", "198.51.100.4", wrong)[0] == 200  # a neighbour is not blocked
        assert db.session.scalar(select(func.count()).select_from(AccessRequest)) == 0


@pytest.mark.parametrize("shared", [False, True], ids=["memory", "redis"])
def test_certificate_verification_is_limited_per_address_across_servers(make_app, request, shared):
    server_a, server_b = _servers(make_app, request, shared, VERIFY_LIMIT="3 per minute")
    with server_a.app_context():

        def verify(server: Flask, address: str) -> int:
            answer = server.test_client().get(
                "/verify/TEBAKAN", headers={"X-Forwarded-For": address}, environ_base=PROXY
            )
            return answer.status_code

        assert [verify((server_a, server_b)[n % 2], "203.0.113.7") for n in range(5)] == [404, 404, 404, 429, 429]
        assert verify(server_b, "198.51.100.4") == 404
