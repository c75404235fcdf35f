"""Diklat: SOP-development training courses for public-service staff, end to end."""

from __future__ import annotations

import importlib
import logging
import os
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from diklat.common.after_response import AfterResponse
from diklat.config import CONFIGS, DevelopmentConfig, load_env, production_problems
from diklat.extensions import babel, csrf, db, login_manager, migrate

# Feature packages, in the order their blueprints and CLI groups are registered.
# Each exposes ``init_app(app)`` in its ``__init__``.
FEATURES = (
    "auth",
    "admin",
    "home",
    "cohorts",
    "curriculum",
    "assessments",
    "sops",
    "followups",
    "monitoring",
    "certificates",
    "notifications",
    "search",
    "help",
    "demo",
)


def create_app(config_name: str | None = None, overrides: dict | None = None) -> Flask:
    """Build the application: defaults, instance config, environment, then test overrides."""
    root = Path(__file__).resolve().parent.parent
    app = Flask(
        __name__,
        instance_path=str(root / "instance"),
        instance_relative_config=True,
        template_folder=str(root / "templates"),
        static_folder=str(root / "static"),
    )
    name = config_name or os.environ.get("DIKLAT_ENV") or os.environ.get("FLASK_ENV") or "development"
    app.config.from_object(CONFIGS[name])
    app.config.from_pyfile("config.py", silent=True)
    load_env(app.config)
    if overrides:
        app.config.update(overrides)
    _finish_config(app)
    _init_extensions(app)
    for feature in FEATURES:
        importlib.import_module(f"diklat.{feature}").init_app(app)
    return app


def _finish_config(app: Flask) -> None:
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'diklat.db'}"
    if app.config.get("MAIL_FOLDER") is None and app.config["ENV_NAME"] != "production":
        app.config["MAIL_FOLDER"] = str(Path(app.instance_path) / "mail")
    _check_secret_key(app.config)
    app.config.setdefault("UPLOAD_FOLDER", str(Path(app.instance_path) / "uploads"))
    if app.config["ENV_NAME"] == "production" and (problems := production_problems(app.config)):
        raise RuntimeError("Refusing to start: " + " ".join(problems))
    app.wsgi_app = AfterResponse(app.wsgi_app)  # type: ignore[method-assign]
    if app.config.get("TRUSTED_PROXIES"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)  # type: ignore[method-assign]


def _check_secret_key(config: dict) -> None:
    """Refuse to start without a key, and in production with a short key or the published development one."""
    key = config.get("SECRET_KEY")
    if not key:
        raise RuntimeError("SECRET_KEY must be set outside development (environment variable SECRET_KEY).")
    if config["ENV_NAME"] != "production":
        return
    if key == DevelopmentConfig.SECRET_KEY or len(str(key).encode()) < 32:
        raise RuntimeError("SECRET_KEY must be at least 32 random bytes in production (not the development key).")


def _init_extensions(app: Flask) -> None:
    from diklat import errors, health, i18n, security
    from diklat.common import inputs, logs, nav
    from diklat.common import time as clock
    from diklat.common.formatting import init_formatting

    logs.configure_logging(app)
    inputs.init_inputs(app)  # before any blueprint: routes pick up the bounded <int:…> converter
    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(Path(app.root_path).parent / "migrations"), render_as_batch=True, compare_type=True
    )
    login_manager.init_app(app)
    csrf.init_app(app)
    if stale := i18n.stale_catalogs():  # compiled at install/build (`make install`, `flask i18n compile`)
        logging.getLogger(__name__).warning(
            "%d translation catalogs are not compiled; run `flask i18n compile`", len(stale)
        )
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(str(d) for d in i18n.translation_directories())
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    i18n.init_form_translations(app)
    security.init_security(app)
    errors.init_errors(app)
    nav.init_nav(app)
    app.jinja_env.globals["today_in"] = clock.today  # a cohort's business date in templates
    init_formatting(app)
    app.register_blueprint(health.bp)
    from diklat.common import job_models  # noqa: F401 - the jobs table
    from diklat.common.cli import jobs_cli, storage_cli
    from diklat.common.jobs_views import init_jobs
    from diklat.common.limits import init_limits
    from diklat.i18n_cli import i18n_cli

    init_limits(app)
    init_jobs(app)
    app.cli.add_command(i18n_cli)
    app.cli.add_command(jobs_cli)
    app.cli.add_command(storage_cli)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:  # noqa: ANN001
    """SQLite: enforce foreign keys and use WAL so readers never block the writer."""
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
