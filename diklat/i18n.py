"""Locale selection and per-feature translation catalogs.

Every feature keeps its own catalog in ``diklat/<feature>/translations`` so features can be
translated independently; Flask-Babel merges all of them. Core strings (base layout, error
pages, shared macros) live in ``diklat/translations``.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import current_app, has_request_context, request, session
from flask_login import current_user

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT_DIR = PACKAGE_DIR.parent


def translation_directories() -> list[Path]:
    """All catalog folders: the core one first, then one per feature package."""
    dirs = [PACKAGE_DIR / "translations"]
    dirs += sorted(p for p in PACKAGE_DIR.glob("*/translations") if p.is_dir())
    return [d for d in dirs if d.is_dir()]


def feature_sources(catalog_dir: Path) -> list[Path]:
    """The source folders whose strings belong in the catalog at ``catalog_dir``."""
    if catalog_dir == PACKAGE_DIR / "translations":
        core = [p for p in PACKAGE_DIR.glob("*.py")]
        core += [PACKAGE_DIR / "common", ROOT_DIR / "templates" / "_macros", ROOT_DIR / "templates" / "errors"]
        core += [p for p in (ROOT_DIR / "templates").glob("*.html")]
        return [p for p in core if p.exists()]
    feature = catalog_dir.parent.name
    return [p for p in (PACKAGE_DIR / feature, ROOT_DIR / "templates" / feature) if p.exists()]


def compile_catalogs() -> None:
    """Compile every ``.po`` whose ``.mo`` is missing or older (compiled files are not committed)."""
    for directory in translation_directories():
        for po_path in directory.glob("*/LC_MESSAGES/*.po"):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            with po_path.open("rb") as fh:
                catalog = read_po(fh)
            try:
                with mo_path.open("wb") as fh:
                    write_mo(fh, catalog)
            except OSError:  # read-only deployment with precompiled catalogs
                continue


def select_locale() -> str:
    """Query parameter, then session choice, then the account's, then the browser's, then Indonesian."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands, mails, background work
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    choice = session.get("locale")
    if choice in languages:
        return choice
    if current_user and getattr(current_user, "is_authenticated", False) and current_user.locale in languages:
        return current_user.locale
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
