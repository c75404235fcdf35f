"""``flask i18n update|check``: per-feature catalogs kept complete.

``update`` extracts every feature's strings (Python and Jinja) into its own catalog,
keeping existing translations; ``check`` lists every string without a translation and
exits non-zero when any is found (the test suite runs the same check).
"""

from __future__ import annotations

from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.pofile import read_po, write_po
from flask.cli import AppGroup

from diklat.i18n import PACKAGE_DIR, compile_catalogs, feature_sources

LOCALES = ("id",)
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "lazy_ngettext": (1, 2)}
METHOD_MAP = [("**.py", "python"), ("**.html", "jinja2.ext:babel_extract")]
OPTIONS = {"**.html": {"extensions": "jinja2.ext.do"}}
SKIP_PACKAGES = {"common", "translations", "__pycache__"}

i18n_cli = AppGroup("i18n", help="Translation catalogs.")


def catalog_dirs() -> list[Path]:
    """The core catalog folder and one per feature package."""
    dirs = [PACKAGE_DIR / "translations"]
    for package in sorted(PACKAGE_DIR.iterdir()):
        if package.is_dir() and package.name not in SKIP_PACKAGES and (package / "__init__.py").exists():
            dirs.append(package / "translations")
    return dirs


def extract(sources: list[Path]) -> Catalog:
    """All translatable strings found in ``sources`` (files or folders)."""
    template = Catalog(project="diklat", charset="utf-8")
    for source in sources:
        if source.is_dir():
            messages = (
                (fn, *rest)
                for fn, *rest in extract_from_dir(
                    source, METHOD_MAP, OPTIONS, keywords=KEYWORDS, strip_comment_tags=True
                )
            )
            for filename, lineno, message, comments, context in messages:
                template.add(message, None, [(str(source / filename), lineno)], auto_comments=comments, context=context)
        else:
            method = "python" if source.suffix == ".py" else "jinja2.ext:babel_extract"
            for lineno, message, comments, context in extract_from_file(
                method, source, keywords=KEYWORDS, strip_comment_tags=True
            ):
                template.add(message, None, [(str(source), lineno)], auto_comments=comments, context=context)
    return template


def po_path(directory: Path, locale: str) -> Path:
    """Where the catalog of ``locale`` lives in ``directory``."""
    return directory / locale / "LC_MESSAGES" / "messages.po"


def untranslated(directory: Path, locale: str) -> list[str]:
    """msgids found in the sources but missing, empty or fuzzy in the catalog."""
    template = extract(feature_sources(directory))
    path = po_path(directory, locale)
    catalog = read_po(path.open("rb")) if path.exists() else Catalog(locale=locale)
    missing = []
    for message in template:
        if not message.id:
            continue
        entry = catalog.get(message.id, message.context)
        strings = entry.string if entry else None
        values = strings if isinstance(strings, tuple | list) else (strings,)
        if entry is None or entry.fuzzy or not all(values):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def conflicts(locale: str = "id") -> dict[str, dict[str, str]]:
    """msgids translated differently in two catalogs (all catalogs share one domain: the first would win)."""
    seen: dict[str, dict[str, str]] = {}
    for directory in catalog_dirs():
        path = po_path(directory, locale)
        if not path.exists():
            continue
        with path.open("rb") as fh:
            for message in read_po(fh):
                if message.id and message.string:
                    key = message.id if isinstance(message.id, str) else message.id[0]
                    value = message.string if isinstance(message.string, str) else message.string[0]
                    seen.setdefault(key, {})[directory.parent.name] = value
    return {k: v for k, v in seen.items() if len(set(v.values())) > 1}


@i18n_cli.command("update")
def update() -> None:
    """Extract strings into every feature's catalog, keeping existing translations."""
    for directory in catalog_dirs():
        template = extract(feature_sources(directory))
        if not len(template):
            continue
        for locale in LOCALES:
            path = po_path(directory, locale)
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists():
                with path.open("rb") as fh:
                    catalog = read_po(fh, locale=locale)
            else:
                catalog = Catalog(locale=locale, project="diklat", charset="utf-8")
            created = catalog.creation_date
            catalog.update(template, no_fuzzy_matching=True)
            catalog.creation_date = created  # a stable header: parallel branches do not conflict on it
            with path.open("wb") as fh:
                # No locations and sorted msgids: catalogs do not churn when code moves, and merges stay small.
                write_po(
                    fh, catalog, ignore_obsolete=True, width=100, omit_header=False, no_location=True, sort_output=True
                )
            todo = untranslated(directory, locale)
            click.echo(f"{path.relative_to(PACKAGE_DIR.parent)}: {len(catalog)} strings, {len(todo)} untranslated")


@i18n_cli.command("check")
def check() -> None:
    """List untranslated strings per catalog; exit 1 when any."""
    total = 0
    for directory in catalog_dirs():
        for locale in LOCALES:
            for msgid in untranslated(directory, locale):
                total += 1
                click.echo(f"{po_path(directory, locale).relative_to(PACKAGE_DIR.parent)}: {msgid!r}")
    for msgid, versions in conflicts().items():
        total += 1
        click.echo(f"conflict {msgid!r}: {versions}")
    if total:
        raise SystemExit(f"{total} untranslated or conflicting strings")
    click.echo("All strings translated.")


@i18n_cli.command("compile")
def compile_command() -> None:
    """Compile the catalogs whose .mo is missing or older than the .po (run at install and build)."""
    count = compile_catalogs()
    click.echo(f"{count} catalogs compiled." if count else "Catalogs are up to date.")
