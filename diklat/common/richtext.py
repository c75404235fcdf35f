"""The one Markdown + sanitiser pipeline: course material, question texts, anything a person writes as rich text.

Pure (no Flask). One allow-list of harmless formatting tags; links keep only http, https and mailto
and open with ``rel="noopener noreferrer"``.
"""

from __future__ import annotations

import markdown as md
import nh3

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "b", "strong", "i", "em", "u", "sub", "sup", "code", "pre", "blockquote", "span", "div",
        "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a",
        "h2", "h3", "h4", "h5", "h6",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
EXTENSIONS = ("tables", "sane_lists")


def sanitize(html: str) -> str:
    """Keep harmless formatting tags, drop everything else; text special characters stay text."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
    )


def shift_headings(html: str, by: int) -> str:
    """Move every heading ``by`` levels down (h1 → h2 for by=1), deepest first so none is moved twice."""
    for level in range(6 - by, 0, -1):
        html = html.replace(f"<h{level}", f"<h{level + by}").replace(f"</h{level}>", f"</h{level + by}>")
    return html


def markdown_to_html(text: str, heading_shift: int = 0) -> str:
    """Markdown (with tables) as sanitized HTML, headings optionally shifted down."""
    return sanitize(shift_headings(md.markdown(text, extensions=list(EXTENSIONS)), heading_shift))
