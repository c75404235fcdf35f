"""Property-based fuzz (hypothesis) of every form a crawl finds, every route's ids, and the answer JSON.

Bounded: a fixed number of examples, no shrinking database, no deadline. Run on SQLite and on
PostgreSQL (DATABASE_URL). Any answer of 500 or more fails.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.routing import IntegerConverter

from diklat.demo import run_demo_seed
from tests.security.crawler import SKIP_ACTIONS, Form, crawl, form_data, forms_of, post
from tests.security.test_markup_everywhere import ROLES, login

HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=10),
    st.sampled_from(
        [
            "\x00",
            "a\x00b",
            "99999999999999999999999",
            "-99999999999999999999999",
            "2147483648",
            "-1",
            "1e309",
            "nan",
            "inf",
            "-0",
            "12,5",
            "0x10",
            "%s%d%(x)s",
            "{{ 7*7 }}",
            "<script>alert(1)</script>",
            '=HYPERLINK("x")',
            "' OR 1=1 --",
            "\u202e\u200b",
            "2024-02-30",
            "99:99",
            "",
            " ",
        ]
    ),
    st.text(min_size=5000, max_size=5000, alphabet="ab\n"),
)
SETTINGS = settings(
    max_examples=250, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
)


def _value(data: st.DataObject, field) -> str:
    if field.kind == "choice" and field.options and data.draw(st.booleans()):
        return data.draw(st.sampled_from(field.options))
    return data.draw(HOSTILE_TEXT)


def test_fuzzed_forms_never_answer_500(app_ctx):
    run_demo_seed()
    clients, forms = {}, []
    seen: set[str] = set()
    for email in ROLES:
        raw = app_ctx.test_client()
        login(raw, email)
        clients[email] = raw
        for url, response in crawl(raw, ["/"], per_pattern=1, limit=90):
            if response.mimetype != "text/html":
                continue
            for form in forms_of(url, response.get_data(as_text=True)):
                if form.key not in seen and not SKIP_ACTIONS.search(form.action):
                    seen.add(form.key)
                    forms.append((email, form))
    assert len(forms) >= 30, len(forms)
    failures: list[str] = []

    @SETTINGS
    @given(st.data())
    def one_post(data: st.DataObject) -> None:
        email, form = data.draw(st.sampled_from(forms))
        fuzzed: Form = form
        values = {
            f.name: _value(data, f)
            for f in fuzzed.fields
            if not f.name.endswith("csrf_token") and data.draw(st.integers(0, 3)) > 0
        }
        response = post(clients[email], fuzzed, form_data(fuzzed, values))
        if response.status_code >= 500:
            failures.append(f"{form.action} {values!r}"[:400])

    one_post()
    # What the fuzz saved must not break the pages and downloads that show it afterwards.
    pages = 0
    for email, raw in clients.items():
        for url, response in crawl(raw, ["/"], per_pattern=1, limit=80):
            pages += 1
            if response.status_code >= 500:
                failures.append(f"GET {url} as {email}")
    print(f"form fuzz: {len(forms)} forms, 250 posts, {pages} pages after")
    assert not failures, failures


def _urls_with_hostile_ids(app) -> list[str]:
    hostile = ["2147483648", "99999999999999999999999", "0"]
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or not rule.arguments or rule.endpoint == "static":
            continue
        for value in hostile:
            url = rule.rule
            for name, converter in rule._converters.items():
                replacement = value if isinstance(converter, IntegerConverter) else "x"
                url = re.sub(rf"<[^>]*\b{name}>", replacement, url)
            urls.append(url)
    return urls


def test_hostile_ids_and_query_numbers_on_every_route_never_answer_500(client, factory, app_ctx):
    world = factory.world()
    client.login(world["admin"].email)
    urls = _urls_with_hostile_ids(app_ctx)
    cohort = world["a"]["cohort"].id
    base = f"/cohorts/{cohort}"
    for query in ("page", "rows", "a", "b", "version", "bank", "month", "q", "module", "download"):
        for value in ("99999999999999999999999", "-1", "\x00", "x" * 3000, "2025-13"):
            urls += [f"/admin/users?{query}={value}", f"{base}/sops/1/compare?{query}={value}"]
    assert len(urls) > 100
    bad = [url for url in urls if client.get(url).status_code >= 500]
    print(f"id fuzz: {len(urls)} URLs")
    assert not bad, bad
