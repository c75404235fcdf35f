"""Fixtures for the several-servers pieces: a real S3-compatible server (moto, server mode, on loopback),
Redis with a key prefix unique to this run, and apps configured to use them on the test database."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from flask import Flask, g
from flask_babel import refresh

from diklat import create_app
from diklat.extensions import db

REDIS_URL = os.environ.get("DIKLAT_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(scope="session")
def s3_server() -> Iterator[dict]:
    """moto's S3 server on a free loopback port; yields the storage settings (one fresh bucket per test)."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield {
        "STORAGE_ENDPOINT_URL": f"http://{host}:{port}",
        "STORAGE_ACCESS_KEY": "testing",
        "STORAGE_SECRET_KEY": "testing",
        "STORAGE_REGION": "us-east-1",
    }
    server.stop()


@pytest.fixture()
def s3_settings(s3_server: dict) -> dict:
    """Settings naming a new, empty bucket on the moto server."""
    from diklat.common.storage import s3_client

    bucket = f"diklat-{uuid.uuid4().hex[:12]}"
    s3_client(s3_server).create_bucket(Bucket=bucket)
    return {**s3_server, "STORAGE_URL": f"s3://{bucket}/uploads"}


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The machine's Redis (skipped with a reason where there is none)."""
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except RedisError as exc:
        if os.environ.get("DIKLAT_REQUIRE_REDIS"):
            raise
        pytest.skip(f"no Redis at {REDIS_URL} ({type(exc).__name__})")
    return REDIS_URL


@pytest.fixture()
def redis_settings(redis_url: str) -> Iterator[dict]:
    """Redis settings with a key prefix unique to this test; its keys are deleted afterwards."""
    from redis import Redis

    prefix = f"diklat-test-{uuid.uuid4().hex[:12]}:"
    yield {"REDIS_URL": redis_url, "REDIS_KEY_PREFIX": prefix}
    connection = Redis.from_url(redis_url)
    keys = list(connection.scan_iter(match=f"*{prefix}*", count=500))
    if keys:
        connection.delete(*keys)


@pytest.fixture()
def make_app(app_ctx: Flask, tmp_path) -> Iterator:
    """Build an app on the test database with extra settings; the database is wiped after the test."""
    made: list[Flask] = []

    def build(**overrides: object) -> Flask:
        settings = {
            "SQLALCHEMY_DATABASE_URI": app_ctx.config["SQLALCHEMY_DATABASE_URI"],
            "MAIL_FOLDER": str(tmp_path / "mail"),
            "UPLOAD_FOLDER": str(tmp_path / f"uploads{len(made)}"),
            "SERVER_NAME": None,
            **overrides,
        }
        application = create_app("testing", settings)

        @application.before_request
        def _forget_cached_user() -> None:
            g.pop("_login_user", None)
            g.pop("csrf_token", None)
            refresh()

        made.append(application)
        return application

    yield build
    for application in made:
        with application.app_context():
            db.session.remove()
            db.engine.dispose()
