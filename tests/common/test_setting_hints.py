"""A one-line explanation beside each non-obvious setting, in Indonesian, tied to its field for screen readers."""

from __future__ import annotations

import re

import pytest

PAGES = {
    "tests/pre/settings": {
        "shuffle_questions": "urutan berbeda; nilainya tidak berubah",
        "time_limit_minutes": "Dihitung sejak tiap peserta mulai",
        "closes_at": "dikumpulkan otomatis pada waktu ini",
        "pass_mark": "dinyatakan lulus",
    },
    "followup/settings": {
        "visit_days_after": "Mentor melihat penerapan SOP",
        "collective_leave": "cuti bersama dari pemerintah",
        "evaluation_interval_days": None,
    },
    "certificates/settings": {
        "number_pattern": "{seq:03}",
        "require_sop": "Tim peserta harus sudah mengajukan draf SOP",
        "require_post_test": "tetap dapat dinyatakan lulus",
    },
}


@pytest.mark.parametrize("page", PAGES)
def test_settings_explain_their_fields(client, factory, page):
    world = factory.world()
    client.login(world["a"]["facilitator"].email)
    html = client.get(f"/cohorts/{world['a']['cohort'].id}/{page}").get_data(as_text=True)
    for name, words in PAGES[page].items():
        hint = re.search(rf'<p class="hint" id="{name}-hint">([^<]+)</p>', html)
        assert hint, name
        assert words is None or words in hint.group(1)
        assert re.search(
            rf'id="{name}"[^>]*aria-describedby="{name}-hint"|aria-describedby="{name}-hint"[^>]*id="{name}"', html
        )


def test_test_settings_tell_about_attempts(client, factory):
    world = factory.world()
    client.login(world["a"]["facilitator"].email)
    html = client.get(f"/cohorts/{world['a']['cohort'].id}/tests/pre/settings").get_data(as_text=True)
    assert "Setiap peserta memiliki satu kesempatan." in html
