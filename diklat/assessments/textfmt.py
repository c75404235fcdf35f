"""Question text formats (html, moodle, plain, markdown) turned into safe HTML; no Flask, no database."""

from __future__ import annotations

import html
import re

from diklat.common.richtext import markdown_to_html, sanitize

FORMATS = ("moodle", "html", "plain", "markdown")
_TAG_RE = re.compile(r"<[^>]+>")
_BREAK_RE = re.compile(r"<br\s*/?>|</(p|div|li|tr|h[1-6]|blockquote|pre)>", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")


def plain_to_html(value: str) -> str:
    """Escape plain text (``<``, ``&`` shown as typed) and keep its line breaks."""
    return html.escape(value, quote=False).replace("\n", "<br>")


def to_html(value: str, fmt: str = "html") -> str:
    """Render ``value`` written in ``fmt`` as sanitized HTML."""
    value = value.strip()
    if fmt == "plain":
        return plain_to_html(value)
    if fmt == "markdown":
        return markdown_to_html(value)
    if fmt == "moodle" and "<" not in value:
        return sanitize(value.replace("\n", "<br>"))
    return sanitize(value)


def html_to_text(value: str) -> str:
    """Text content of an HTML fragment, whitespace collapsed (names, previews, matching answers)."""
    text = _TAG_RE.sub("", _BREAK_RE.sub(" ", value))
    return _SPACE_RE.sub(" ", html.unescape(text)).strip()


def short_name(text_html: str, limit: int = 60) -> str:
    """A question name made from its text, as Moodle does when none is given."""
    text = html_to_text(text_html)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
