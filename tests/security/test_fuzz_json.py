"""Property-based fuzz of the answer-save JSON endpoint: any body answers 200, 400, 404 or 409, never 500."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.assessments.conftest import world  # noqa: F401 - the fixture: an open pre-test in cohort A
from tests.assessments.test_taking import start

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def test_fuzzed_answer_bodies_never_answer_500(client, world):  # noqa: F811
    attempt, _location = start(client, world)
    client.get(f"/cohorts/{world['a']['cohort'].id}/attempts/{attempt.id}")
    url = f"/cohorts/{world['a']['cohort'].id}/attempts/{attempt.id}/answer"
    ids = [q.id for q in attempt.test.questions]
    failures: list[str] = []
    headers = {"X-CSRFToken": client.token, "Accept": "application/json", "Content-Type": "application/json"}

    def send(body: bytes) -> None:
        status = client.raw.post(url, data=body, headers=headers).status_code
        if status >= 500:
            failures.append(body[:200].decode(errors="replace"))

    @settings(max_examples=150, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(
        st.one_of(
            JSON,
            st.fixed_dictionaries(
                {"question": st.one_of(st.sampled_from(ids), st.integers()), "fields": st.lists(st.lists(JSON))}
            ),
        )
    )
    def one(body: object) -> None:
        send(json.dumps(body).encode())

    one()
    for raw in (b"[" * 100_000 + b"]" * 100_000, b"\xff\xfe", b"{" * 10, b'{"question": 1e400}', b"x" * 70_000):
        send(raw)
    assert not failures, failures
