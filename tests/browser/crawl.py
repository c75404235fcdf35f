"""A bounded same-origin crawl: every page a role reaches from home and the cohort tabs, GET only."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

SKIP = re.compile(
    r"(/logout|/static/|\.(pdf|docx|xlsx|csv|ics|png|svg|zip|json)(\?|$)|/export|/download|/feed|/attachments/)"
)
NUMBER = re.compile(r"\d+")

LINKS_JS = "() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"
WIDTH_JS = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def pattern(path: str) -> str:
    """A URL with its numbers blanked: one page per pattern is enough (24 participants share one layout)."""
    return NUMBER.sub("N", path)


def crawl(page, base: str, start: list[str], limit: int = 60) -> list[tuple[str, int, int]]:
    """Visit pages breadth-first from ``start``; returns (path, page width, screen width) for each page."""
    origin = urlsplit(base).netloc
    queue, seen, results = deque(start), set(), []
    while queue and len(results) < limit:
        path = queue.popleft()
        if pattern(path) in seen:
            continue
        seen.add(pattern(path))
        try:
            response = page.goto(path)
        except Exception:  # noqa: BLE001 - a download or an aborted navigation is not a page
            continue
        if (
            response is None
            or response.status != 200
            or "text/html" not in (response.headers.get("content-type") or "")
        ):
            continue
        width, inner = page.evaluate(WIDTH_JS)
        # A mobile browser widens its layout viewport to fit wide content (innerWidth grows with it),
        # so the screen is the configured viewport width.
        results.append((path, max(width, inner), page.viewport_size["width"]))
        for href in page.evaluate(LINKS_JS):
            href, _fragment = urldefrag(href)
            parts = urlsplit(href)
            if parts.netloc != origin or SKIP.search(href):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if pattern(local) not in seen:
                queue.append(local)
    return results
