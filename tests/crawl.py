"""Walk every page a signed-in person can reach by following links, counting SQL statements and server time.

Used by the statement-count test (pages must not grow with the cohort) and by ``bench/pages.py`` (slowest pages).
Links are grouped by their shape (numbers replaced by ``{n}``); a few URLs of each shape are visited, so a page per
participant is visited twice, not 240 times.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urldefrag, urlsplit

from flask import current_app
from sqlalchemy import event

from diklat.extensions import db

HREF_RE = re.compile(r'href="([^"#][^"]*)"')
NUMBER_RE = re.compile(r"\d+")
SKIP_RE = re.compile(r"/logout|/static/|\.(pdf|docx|xlsx|csv|ics|zip|png|jpg|svg)(\?|$)|/download|/export|format=")


@dataclass
class PageVisit:
    """One GET: where, what it answered, how many statements and how much server time it cost."""

    url: str
    shape: str
    status: int
    statements: int
    seconds: float


@contextmanager
def counting_statements() -> Iterator[list[str]]:
    """Collect every SQL statement the engine executes inside the block."""
    seen: list[str] = []

    def _count(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", _count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", _count)


def shape_of(url: str) -> str:
    """The URL with every number replaced, so pages of the same kind group together."""
    return NUMBER_RE.sub("{n}", url)


def _links(html: str) -> list[str]:
    found = []
    for href in HREF_RE.findall(html):
        href = urldefrag(href.replace("&amp;", "&"))[0]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href.startswith("/") or SKIP_RE.search(href):
            continue
        found.append(href)
    return found


def crawl(
    client, start: list[str], per_shape: int = 2, limit: int = 400, on_page: Callable[[str, str], None] | None = None
) -> list[PageVisit]:
    """Breadth-first GET of every same-site link from ``start``; at most ``per_shape`` URLs of one shape.

    ``on_page(url, html)`` is called with the body of every HTML page that answered 200.
    """
    visits: list[PageVisit] = []
    queued = list(dict.fromkeys(start))
    seen_urls = set(queued)
    shapes: dict[str, int] = {}
    while queued and len(visits) < limit:
        url = queued.pop(0)
        shape = shape_of(url)
        if shapes.get(shape, 0) >= per_shape:
            continue
        shapes[shape] = shapes.get(shape, 0) + 1
        # A fresh application context: the request gets an empty session, as on a real server.
        with current_app.app_context(), counting_statements() as statements:
            began = time.perf_counter()
            response = client.raw.get(url)
            elapsed = time.perf_counter() - began
            body = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
        visits.append(PageVisit(url, shape, response.status_code, len(statements), elapsed))
        if response.status_code == 200 and body:
            if on_page is not None:
                on_page(url, body)
            for link in _links(body):
                if link not in seen_urls:
                    seen_urls.add(link)
                    queued.append(link)
    return visits


def worst_by_shape(visits: list[PageVisit]) -> dict[str, PageVisit]:
    """The visit with the most statements for every shape that answered 200."""
    worst: dict[str, PageVisit] = {}
    for visit in visits:
        if visit.status != 200:
            continue
        if visit.shape not in worst or visit.statements > worst[visit.shape].statements:
            worst[visit.shape] = visit
    return worst
