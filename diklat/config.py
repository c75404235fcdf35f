"""Configuration: defaults, then instance/config.py, then environment variables."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent


class Config:
    """Defaults shared by every environment."""

    ENV_NAME = "production"
    SECRET_KEY: str | None = None
    SQLALCHEMY_DATABASE_URI: str | None = None
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    SEND_FILE_MAX_AGE_DEFAULT = 3600  # static files: one fetch an hour on slow connections
    UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = "Asia/Jakarta"
    LANGUAGES = ("id", "en")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    LOGIN_MAX_ATTEMPTS = 5
    LOGIN_WINDOW_SECONDS = 15 * 60
    LOGIN_DELAY_CAP_SECONDS = 2.0  # per-account slowing once strangers fail against it
    PASSWORD_HASH_SLOTS = 1  # password hashes running at once per server process (diklat/auth/hashing.py)
    PASSWORD_HASH_WAIT_SECONDS = 20.0  # a sign-in waits this long for a slot, then is asked to press again
    REMEMBER_COOKIE_SAMESITE = "Lax"
    MAIL_SERVER = "localhost"
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_SENDER = "Diklat SOP <noreply@diklat.example>"
    MAIL_FOLDER: str | None = None  # when set, mails are written here instead of sent
    TIMEZONE = "Asia/Jakarta"
    LOG_LEVEL = "INFO"  # one dictConfig in diklat.common.logs
    PUBLIC_URL: str | None = None  # e.g. https://diklat.example.go.id/ for links in mails sent by a worker
    INVITATION_DAYS = 7  # sign-in links and slip codes of invitations
    PASSWORD_RESET_HOURS = 24
    ACCESS_REQUEST_WINDOW_SECONDS = 60 * 60  # "forgot password" per account (silent; per address: below)
    ACCESS_REQUESTS_PER_ACCOUNT = 3
    MODULES_DIR = str(BASE_DIR / "modules")
    # Several servers (all optional; without them: one machine, local folder, jobs in-process).
    SERVERS = 1  # how many app servers share this configuration (production checks shared pieces when > 1)
    TRUSTED_PROXIES = 0  # reverse proxies in front of the app whose X-Forwarded-* headers are believed
    REDIS_URL: str | None = None  # jobs queue and rate-limit counters
    REDIS_KEY_PREFIX = ""  # isolates several deployments (or test runs) on one Redis
    JOBS_QUEUE = "diklat"
    STORAGE_URL: str | None = None  # s3://bucket/prefix; unset = UPLOAD_FOLDER on this machine
    STORAGE_ENDPOINT_URL: str | None = None  # e.g. https://s3.provider.example or http://127.0.0.1:9000
    STORAGE_ACCESS_KEY: str | None = None
    STORAGE_SECRET_KEY: str | None = None
    STORAGE_REGION = "us-east-1"
    STORAGE_PRESIGNED_DOWNLOADS = False
    LOGIN_ADDRESS_LIMIT = "20 per 15 minutes"  # failed sign-ins from one address
    PASSWORD_RESET_LIMIT = "20 per hour"  # "forgot password" requests from one address
    SIGN_IN_CODE_LIMIT = "20 per hour"  # wrong slip codes from one address
    VERIFY_LIMIT = "30 per minute"  # public certificate verification
    LOGIN_ATTEMPTS_KEEP_DAYS = 30


class DevelopmentConfig(Config):
    """Local development: insecure key allowed, mails written to a folder."""

    ENV_NAME = "development"
    SECRET_KEY = "dev-only-insecure-key"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False


class TestingConfig(DevelopmentConfig):
    """Test suite: same as development, fast password hashing."""

    ENV_NAME = "testing"
    TESTING = True
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
    LOGIN_DELAY_CAP_SECONDS = 0.05


CONFIGS = {"development": DevelopmentConfig, "testing": TestingConfig, "production": Config}

INSECURE_KEYS = {"", DevelopmentConfig.SECRET_KEY, "change-me", "changeme", "secret"}


def load_env(config) -> None:  # noqa: ANN001 - a flask.Config
    """Apply the environment: ``DATABASE_URL``, ``SECRET_KEY`` and every ``DIKLAT_*`` variable.

    ``DIKLAT_FOO=value`` sets ``FOO``; values are read as JSON when they parse (numbers, true/false), so
    ``DIKLAT_SERVERS=2`` is an int and ``DIKLAT_MAIL_USE_TLS=true`` a bool.
    """
    url = os.environ.get("DATABASE_URL")
    if url:
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://") :]
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://") :]
        config["SQLALCHEMY_DATABASE_URI"] = url
    if os.environ.get("SECRET_KEY"):
        config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    config.from_prefixed_env("DIKLAT")


def production_problems(config: dict) -> list[str]:
    """What keeps a production configuration from starting safely (empty when fine)."""
    problems = []
    if (config.get("SECRET_KEY") or "") in INSECURE_KEYS or len(config.get("SECRET_KEY") or "") < 16:
        problems.append("SECRET_KEY must be set to a long random value (environment variable SECRET_KEY).")
    public = urlsplit(str(config.get("PUBLIC_URL") or ""))
    if public.scheme not in ("http", "https") or (public.hostname or "") in PLACEHOLDER_HOSTS:
        problems.append("DIKLAT_PUBLIC_URL must be the address people use, e.g. https://diklat.example.go.id.")
    if int(config.get("SERVERS") or 1) > 1:
        if not str(config.get("STORAGE_URL") or "").startswith("s3://"):
            problems.append("Several servers need shared storage: set DIKLAT_STORAGE_URL=s3://bucket/prefix.")
        if not config.get("REDIS_URL"):
            problems.append("Several servers need Redis: set DIKLAT_REDIS_URL=redis://host:6379/0.")
        if str(config.get("SQLALCHEMY_DATABASE_URI") or "").startswith("sqlite"):
            problems.append("Several servers need one database server: set DATABASE_URL=postgresql://...")
    return problems


PLACEHOLDER_HOSTS = {"", "localhost", "127.0.0.1", "::1", "0.0.0.0", "example.com", "diklat.example"}
