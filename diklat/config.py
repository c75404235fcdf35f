"""Configuration: defaults, then instance/config.py, then environment variables."""

from __future__ import annotations

import os
from pathlib import Path

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
    ACCESS_REQUEST_WINDOW_SECONDS = 60 * 60  # "forgot password" and slip-code limits
    ACCESS_REQUESTS_PER_ADDRESS = 20
    ACCESS_REQUESTS_PER_ACCOUNT = 3
    MODULES_DIR = str(BASE_DIR / "modules")


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

ENV_KEYS = (
    "SECRET_KEY",
    "MAIL_SERVER",
    "MAIL_PORT",
    "MAIL_USE_TLS",
    "MAIL_USERNAME",
    "MAIL_PASSWORD",
    "MAIL_SENDER",
    "MAIL_FOLDER",
    "UPLOAD_MAX_BYTES",
    "TIMEZONE",
    "LOG_LEVEL",
    "PUBLIC_URL",
    "INVITATION_DAYS",
    "PASSWORD_RESET_HOURS",
)


def load_env(config: dict) -> None:
    """Apply ``DIKLAT_*``/well-known environment variables over the config."""
    url = os.environ.get("DATABASE_URL")
    if url:
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://") :]
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://") :]
        config["SQLALCHEMY_DATABASE_URI"] = url
    for key in ENV_KEYS:
        value = os.environ.get(f"DIKLAT_{key}") or (os.environ.get(key) if key == "SECRET_KEY" else None)
        if value is None:
            continue
        if key in ("MAIL_PORT", "UPLOAD_MAX_BYTES", "INVITATION_DAYS", "PASSWORD_RESET_HOURS"):
            config[key] = int(value)
        elif key == "MAIL_USE_TLS":
            config[key] = value.lower() in ("1", "true", "yes")
        else:
            config[key] = value
