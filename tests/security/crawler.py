"""A small same-site crawler for the security tests: finds pages, links, downloads and POST forms.

It drives the Flask test client like a browser (each form's own CSRF token), visits a bounded number
of pages per URL pattern, and describes every POST form so tests can fill it with hostile values.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
from flask.testing import FlaskClient

SKIP_LINKS = re.compile(r"^/static/|^/logout|/healthz|\.ics$")
# Forms whose posting would end the crawl (sign-out, passwords) or remove what it walks through.
SKIP_ACTIONS = re.compile(r"logout|sign-out|password|reset|deactivat|delete|remove|language|/login")
TEXT_TYPES = {"text", "search", "url", "tel", None, ""}


def pattern(url: str) -> str:
    """The URL with numbers replaced, and query values dropped: one pattern per kind of page."""
    parts = urlsplit(url)
    query = "&".join(sorted(p.split("=", 1)[0] for p in parts.query.split("&") if p))
    return re.sub(r"\d+", "N", parts.path) + ("?" + query if query else "")


@dataclass
class FormField:
    """One control of a form: its name, kind (text, textarea, number, choice, fixed …) and values."""

    name: str
    kind: str
    value: str = ""
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    """A POST form found on a page."""

    page: str
    action: str
    fields: list[FormField]

    @property
    def key(self) -> str:
        return pattern(self.action) + "|" + ",".join(sorted(f.name for f in self.fields))

    def text_fields(self) -> list[FormField]:
        return [f for f in self.fields if f.kind in ("text", "textarea")]


def _field(element) -> FormField | None:
    name = element.get("name")
    if not name:
        return None
    tag = element.tag
    if tag == "textarea":
        return FormField(name, "textarea", element.text or "")
    if tag == "select":
        options = [o.get("value", o.text_content()) for o in element.iter("option")]
        chosen = [o.get("value", o.text_content()) for o in element.iter("option") if o.get("selected") is not None]
        return FormField(name, "choice", (chosen or options or [""])[0], options)
    kind = (element.get("type") or "").lower()
    if kind in ("submit", "button", "image", "reset", "file"):
        return None
    if kind in ("checkbox", "radio"):
        if element.get("checked") is None:
            return FormField(name, "unchecked", element.get("value", "y"))
        return FormField(name, "checked", element.get("value", "y"))
    if kind in TEXT_TYPES:
        return FormField(name, "text", element.get("value", ""))
    return FormField(name, kind, element.get("value", ""))


def forms_of(page: str, html: str) -> list[Form]:
    """Every POST form of ``html`` (its named submit button's value included as a fixed field)."""
    doc = lxml.html.fromstring(html)
    found = []
    for element in doc.forms:
        if (element.get("method") or "get").lower() != "post":
            continue
        action = urljoin(page, element.get("action") or page)
        fields = [f for f in (_field(e) for e in element.iter("input", "textarea", "select")) if f]
        button = next((b for b in element.iter("button") if b.get("name")), None)
        if button is not None:
            fields.append(FormField(button.get("name"), "fixed", button.get("value", "")))
        found.append(Form(page, action, fields))
    return found


def links_of(page: str, html: str) -> list[str]:
    """Same-site links of ``html``, without fragments."""
    doc = lxml.html.fromstring(html)
    out = []
    for href in doc.xpath("//a/@href"):
        url = urljoin(page, href).split("#", 1)[0]
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost") or not parts.path.startswith("/"):
            continue
        path = parts.path + ("?" + parts.query if parts.query else "")
        if not SKIP_LINKS.search(path):
            out.append(path)
    return out


def form_data(form: Form, values: dict[str, str]) -> dict[str, list[str]]:
    """What a browser would post: ``values`` for the fields named there, the page's values elsewhere."""
    data: dict[str, list[str]] = {}
    for f in form.fields:
        if f.kind == "unchecked" and f.name not in values:
            continue
        data.setdefault(f.name, []).append(values.get(f.name, f.value))
    return data


def crawl(client: FlaskClient, start: list[str], per_pattern: int = 2, limit: int = 200):
    """Visit pages breadth-first; yield (url, response) for each, HTML or download."""
    queue, seen, counts, first = deque(start), set(), {}, set(start)
    while queue and len(seen) < limit:
        url = queue.popleft()
        key = pattern(url)
        if url in seen or (counts.get(key, 0) >= per_pattern and url not in first):
            continue
        seen.add(url)
        counts[key] = counts.get(key, 0) + 1
        response = client.get(url)
        yield url, response
        if response.mimetype == "text/html" and response.status_code == 200:
            queue.extend(links_of(url, response.get_data(as_text=True)))


def post(client: FlaskClient, form: Form, data: dict[str, list[str]]):
    """Post ``data`` to the form's action (multipart, as the pages send)."""
    path = urlsplit(form.action)
    target = path.path + ("?" + path.query if path.query else "")
    flat = [(k, v) for k, values in data.items() for v in values]
    from werkzeug.datastructures import MultiDict

    return client.post(target, data=MultiDict(flat), headers={"Referer": "http://localhost" + form.page})
