"""User-entered markup and formulas come back escaped and neutralised, in every page and file.

On the demo data, every role crawls the site, fills every free-text field of every POST form it
finds with a marker holding ``<b>``, ``<img onerror>`` and ``=HYPERLINK(``, then every page and
download is crawled again: no page may contain the marker's markup unescaped, no XLSX cell may be a
formula, no CSV cell may start with ``=``, no DOCX may carry the raw tags.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from diklat.demo import run_demo_seed
from tests.security.crawler import SKIP_ACTIONS, crawl, form_data, forms_of, post

MARKER = '=HYPERLINK("http://evil.example","x")<b>mk</b><img src=x onerror=alert(1)>'
RAW = ("<b>mk</b>", "<img src=x onerror")
ESCAPED = "&lt;b&gt;mk&lt;/b&gt;"
ROLES = ("peserta01@diklat.example", "mentor@diklat.example", "fasilitator@diklat.example", "admin@diklat.example")
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def login(raw, email: str) -> None:
    token = CSRF.search(raw.get("/login").get_data(as_text=True)).group(1)
    response = raw.post("/login", data={"email": email, "password": "diklat-demo", "csrf_token": token})
    assert response.status_code == 302, email


def file_problems(url: str, response) -> list[str]:
    """What is unsafe in a downloaded file (XLSX formula, CSV formula, DOCX raw tags)."""
    data, kind = response.get_data(), response.mimetype
    if kind.endswith("spreadsheetml.sheet"):
        book = load_workbook(io.BytesIO(data))
        return [
            f"{url} {sheet.title}!{cell.coordinate}"
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.data_type == "f" and "HYPERLINK" in str(cell.value)
        ]
    if kind == "text/csv":
        text = data.decode("utf-8-sig")
        rows = csv.reader(io.StringIO(text), csv.Sniffer().sniff(text.splitlines()[0], ",;"))
        return [f"{url}: {cell[:30]}" for row in rows for cell in row if cell.startswith("=")]
    if kind == "application/pdf":
        text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
        # Escaped markup is printed as text; markup that reached WeasyPrint as HTML would vanish.
        return [url] if "mk" in text and "<b>mk</b>" not in text else []
    if kind.endswith("wordprocessingml.document"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml").decode()
        return [url] if any(r in xml for r in RAW) else []
    return []


def _fresh(raw, form):
    page = raw.get(form.page)
    if page.mimetype != "text/html":
        return None
    return next((f for f in forms_of(form.page, page.get_data(as_text=True)) if f.key == form.key), None)


def _values(form, changed: bool) -> dict[str, str]:
    values = {f.name: MARKER for f in form.text_fields()}
    if changed:
        for f in form.fields:
            other = [o for o in f.options if o and o != f.value]
            if f.kind == "choice" and other:
                values[f.name] = other[-1]
    return values


@pytest.fixture()
def demo(app_ctx):
    run_demo_seed()
    return app_ctx


def test_marker_in_every_text_field_comes_back_escaped(demo):
    counts = {"forms": 0, "fields": 0, "posts_500": [], "pages": 0, "pages_with_marker": 0, "files": 0}
    problems: list[str] = []
    start = ["/"]
    touched: list[str] = []  # pages whose forms were sent, and where they led: checked first
    for email in ROLES:
        raw = demo.test_client()
        login(raw, email)
        done: set[str] = set()
        for url, response in list(crawl(raw, start, per_pattern=1, limit=120)):
            if response.mimetype != "text/html":
                continue
            for form in forms_of(url, response.get_data(as_text=True)):
                if form.key in done or SKIP_ACTIONS.search(form.action) or not form.text_fields():
                    continue
                done.add(form.key)
                # Once as the page offers it, once with every choice changed (a status change keeps its reason).
                for changed in (False, True):
                    fresh = _fresh(raw, form)
                    if fresh is None or (changed and not any(f.kind == "choice" for f in fresh.fields)):
                        continue
                    answer = post(raw, fresh, form_data(fresh, _values(fresh, changed)))
                    touched.extend([form.page] + ([answer.location] if answer.status_code == 302 else []))
                    counts["forms"] += 1
                    counts["fields"] += len(fresh.text_fields())
                    if answer.status_code >= 500:
                        counts["posts_500"].append(form.action)
                    problems.extend(f"POST {form.action}" for r in RAW if r in answer.get_data(as_text=True))
    for email in ROLES:
        raw = demo.test_client()
        login(raw, email)
        for url, response in crawl(raw, list(dict.fromkeys(touched)) + start, per_pattern=1, limit=200):
            assert response.status_code < 500, url
            if response.mimetype == "text/html":
                text = response.get_data(as_text=True)
                counts["pages"] += 1
                counts["pages_with_marker"] += ESCAPED in text
                problems += [url for r in RAW if r in text]
            else:
                counts["files"] += 1
                problems += file_problems(url, response)
    print("markup crawl:", {k: (len(v) if isinstance(v, list) else v) for k, v in counts.items()})
    assert not counts["posts_500"], counts["posts_500"]
    assert not problems, problems
    # The marker really landed: the crawl would prove nothing if no form had saved it.
    assert counts["forms"] >= 20 and counts["pages_with_marker"] >= 10, counts
