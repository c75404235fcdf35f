"""Search: people by part of the NIP, SOPs by a word of a step, permission-checked per cohort."""

from __future__ import annotations

import pytest

from diklat.extensions import db
from diklat.search.services import search, sop_match, text_match
from diklat.sops.models import Sop


def _sop(team, title: str, activity: str) -> Sop:
    sop = Sop(
        team_id=team.id,
        draft={"identity": {"title": title}, "steps": [{"uid": "a1", "kind": "process", "activity": activity}]},
    )
    db.session.add(sop)
    db.session.commit()
    return sop


@pytest.fixture()
def world(factory):
    w = factory.world()
    w["a"]["participants"][0].nip = "198801012015031777"
    w["b"]["participants"][0].nip = "198801012015031778"
    _sop(w["a"]["teams"][0], "SOP Izin Usaha Mikro", "Verifikasi berkas permohonan oleh petugas loket")
    _sop(w["b"]["teams"][0], "SOP Izin Reklame", "Verifikasi berkas reklame")
    db.session.commit()
    return w


def test_finds_participant_by_part_of_nip_only_in_own_cohort(client, world):
    client.login(world["a"]["facilitator"].email)
    page = client.get("/search/?q=2015031").get_data(as_text=True)
    assert world["a"]["participants"][0].name in page
    assert world["b"]["participants"][0].name not in page


def test_finds_sop_by_a_step_word_and_hides_other_cohorts(client, world):
    client.login(world["a"]["facilitator"].email)
    page = client.get("/search/?q=verifikasi").get_data(as_text=True)
    assert "SOP Izin Usaha Mikro" in page and "SOP Izin Reklame" not in page
    assert "petugas loket" in page


def test_admin_sees_every_cohort(app_ctx, world):
    results = search(world["admin"], "verifikasi")
    assert sorted(h.title for h in results.groups["sops"]) == ["SOP Izin Reklame", "SOP Izin Usaha Mikro"]


def test_teams_by_office_and_questions(app_ctx, world):
    from diklat.assessments.models import QType, Question, QuestionBank

    bank = QuestionBank(name="Bank SOP")
    db.session.add(bank)
    db.session.flush()
    db.session.add(
        Question(bank_id=bank.id, qtype=QType("multichoice"), name="Q1", text="Apa fungsi diagram alir?", data={})
    )
    db.session.commit()
    results = search(world["a"]["facilitator"], "diagram alir")
    assert [h.title for h in results.groups["questions"]] == ["Q1"]
    office = world["a"]["teams"][0].office
    assert world["a"]["teams"][0].name in [
        h.title.split(" — ")[0] for h in search(world["a"]["facilitator"], office[:6]).groups["teams"]
    ]


def test_participant_and_mentor_may_not_search(client, world):
    client.login(world["a"]["participants"][0].email)
    assert client.get("/search/?q=ver").status_code == 403
    assert 'role="search"' not in client.get("/").get_data(as_text=True)


def test_short_and_wildcard_queries(client, world):
    client.login(world["a"]["facilitator"].email)
    assert "paling sedikit dua karakter" in client.get("/search/?q=v").get_data(as_text=True)
    page = client.get("/search/?q=%25%25").get_data(as_text=True)
    assert "0 hasil" in page


@pytest.mark.parametrize(
    ("draft", "text", "found"),
    [
        ({"identity": {"title": "SOP Izin"}, "steps": []}, "izin", "SOP Izin"),
        ({"identity": {}, "steps": [{"activity": "Cek berkas", "uid": "kind"}]}, "BERKAS", "Cek berkas"),
        ({"identity": {}, "steps": [{"activity": "x", "uid": "process", "kind": "process"}]}, "process", None),
    ],
)
def test_sop_match_reads_title_and_step_text_only(draft, text, found):
    assert sop_match(draft, text) == found


def _on_postgres() -> bool:
    return db.engine.dialect.name == "postgresql"


def test_words_in_any_order_and_case_on_postgresql(app_ctx, world):
    """Full-text search on PostgreSQL: the words of a step in another order and case; LIKE elsewhere."""
    facilitator = world["a"]["facilitator"]
    hits = search(facilitator, "LOKET Verifikasi").groups["sops"]
    if _on_postgres():
        assert [h.title for h in hits] == ["SOP Izin Usaha Mikro"]
        assert "petugas loket" in hits[0].detail
    else:
        assert hits == []
    # A word inside a JSON key or a step's kind is never a hit, full-text or not.
    assert search(facilitator, "activity").groups["sops"] == []
    assert search(facilitator, "process").groups["sops"] == []


def test_people_by_words_of_the_name_and_fragments_on_postgresql(app_ctx, world):
    person = world["a"]["participants"][0]
    person.name = "Dewi Kartika Sari"
    db.session.commit()
    facilitator = world["a"]["facilitator"]
    names = [h.title for h in search(facilitator, "sari dewi").groups["people"]]
    assert (person.name in names) is _on_postgres()
    assert person.name in [h.title for h in search(facilitator, "2015031").groups["people"]]
    assert person.name in [h.title for h in search(facilitator, person.email.split("@")[0][2:]).groups["people"]]
    assert world["b"]["participants"][0].name not in [h.title for h in search(facilitator, "sari").groups["people"]]


@pytest.mark.parametrize(
    ("value", "text", "words", "found"),
    [
        ("Verifikasi berkas oleh petugas loket", "berkas oleh", False, True),
        ("Verifikasi berkas oleh petugas loket", "loket VERIFIKASI", False, False),
        ("Verifikasi berkas oleh petugas loket", "loket VERIFIKASI", True, True),
        ("Verifikasi berkas oleh petugas loket", "loket arsip", True, False),
        ("Verifikasi berkas", "%%", True, False),
    ],
)
def test_text_match_substring_or_all_words(value, text, words, found):
    assert text_match(value, text, words) is found
