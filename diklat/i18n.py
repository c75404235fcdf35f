"""Locale selection and per-feature translation catalogs.

Every feature keeps its own catalog in ``diklat/<feature>/translations`` so features can be
translated independently; Flask-Babel merges all of them. Core strings (base layout, error
pages, shared macros) live in ``diklat/translations``.
"""

from __future__ import annotations

from pathlib import Path

import flask_babel
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import current_app, g, has_request_context, request, session
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


def stale_catalogs() -> list[Path]:
    """Every ``.po`` whose ``.mo`` is missing or older than it."""
    stale = []
    for directory in translation_directories():
        for po_path in directory.glob("*/LC_MESSAGES/*.po"):
            mo_path = po_path.with_suffix(".mo")
            if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
                stale.append(po_path)
    return stale


def compile_catalogs() -> int:
    """Compile every stale catalog (``make install``, ``flask i18n compile``, the test session); how many."""
    stale = stale_catalogs()
    for po_path in stale:
        with po_path.open("rb") as fh:
            catalog = read_po(fh)
        with po_path.with_suffix(".mo").open("wb") as fh:
            write_mo(fh, catalog)
    return len(stale)


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


def select_timezone() -> str:
    """The zone datetimes are shown in: the cohort the page is about, else the configured default (WIB).

    Stored datetimes are naive UTC; Flask-Babel's ``format_datetime`` converts them to this zone, so a
    WITA cohort's 08:00 session reads 08:00 on its own pages. Pages across cohorts (the admin audit) keep the
    default zone; the notification list converts each note itself (``notifications.services.local_times``).
    """
    if has_request_context() and (name := g.get("cohort_zone")):
        return name
    return current_app.config["TIMEZONE"]


def use_cohort_zone(name: str | None) -> None:
    """Show this request's datetimes in ``name`` (the loaded cohort's zone); called by ``load_cohort``."""
    if not name or g.get("cohort_zone") == name:
        return
    g.cohort_zone = name
    if getattr(g.get("_flask_babel"), "babel_tzinfo", None) is not None:  # already chosen earlier this request
        flask_babel.refresh()


def form_translations(meta: object, form: object) -> object | None:
    """The catalogs a form's messages come from: Flask-Babel's for the request's locale (None outside one)."""
    return flask_babel.get_translations() if has_request_context() else None


def init_form_translations(app) -> None:  # noqa: ANN001
    """Every form, sub-forms in a ``FieldList`` included, translates WTForms' default messages with our catalogs.

    WTForms has no Indonesian catalog (:mod:`diklat.common.form_messages` lists its messages for ours), and its
    sub-forms never ask Flask-WTF, so the hook is WTForms' own ``DefaultMeta.get_translations``; Flask-WTF's
    i18n (which reads only WTForms' catalogs) is switched off so ``FlaskForm`` defers to it.
    """
    from wtforms.meta import DefaultMeta

    from diklat.common import form_messages  # noqa: F401 - the messages, for the extractor

    app.config["WTF_I18N_ENABLED"] = False
    DefaultMeta.get_translations = form_translations  # type: ignore[method-assign]
