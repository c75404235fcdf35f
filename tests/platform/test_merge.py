"""The pure merge core: per field and per row, ``both`` by default so theirs is never erased."""

from __future__ import annotations

import itertools

import pytest

from diklat.common.merge import as_text, combined, differing, merge_fields, merge_rows


def test_differing_treats_empty_and_missing_alike():
    assert differing({"a": "x", "b": "", "c": 1}, {"a": "y", "c": 1, "d": None}) == ["a"]


@pytest.mark.parametrize(
    ("theirs", "mine", "expected"),
    [
        ("Layanan izin", "Layanan izin usaha", "Layanan izin usaha"),  # mine extends theirs
        ("Layanan izin usaha", "izin", "Layanan izin usaha"),  # theirs already holds mine
        ("Tujuan A", "Tujuan B", "Tujuan A\nTujuan B"),
        ("", "Tujuan B", "Tujuan B"),
        (3.0, 5.0, 3.0),  # a number cannot hold both: theirs
        ([{"x": "1"}], [{"x": "1"}, {"x": "2"}], [{"x": "1"}, {"x": "2"}]),
    ],
)
def test_combined(theirs, mine, expected):
    assert combined(theirs, mine) == expected


def test_merge_fields_follows_each_choice_and_defaults_to_both():
    theirs = {"purpose": "Theirs", "scope": "Scope T", "cost": "Rp0", "date": "2026-01-01"}
    mine = {"purpose": "Mine", "scope": "Scope M", "cost": "Gratis", "date": "2026-02-02"}
    result = merge_fields(theirs, mine, {"scope": "mine", "cost": "theirs"}, joinable={"purpose", "scope", "cost"})
    assert result == {"purpose": "Theirs\nMine", "scope": "Scope M", "cost": "Rp0", "date": "2026-01-01"}


def test_both_texts_of_a_one_line_field_are_joined_on_one_line():
    theirs, mine = {"meeting": "Rapat bulanan", "notes": "A"}, {"meeting": "Rapat triwulan", "notes": "B"}
    merged = merge_fields(theirs, mine, {}, None, one_line={"meeting"})
    assert merged == {"meeting": "Rapat bulanan; Rapat triwulan", "notes": "A\nB"}


def test_merge_rows_keeps_theirs_and_places_my_new_rows():
    theirs = [{"uid": "a", "t": "1"}, {"uid": "b", "t": "2 theirs"}, {"uid": "t", "t": "their new"}]
    mine = [{"uid": "a", "t": "1"}, {"uid": "m", "t": "my new"}, {"uid": "b", "t": "2 mine"}]
    fresh = (f"n{i}" for i in itertools.count())
    result = merge_rows(theirs, mine, {}, lambda: next(fresh))
    assert [r["t"] for r in result] == ["1", "my new", "2 theirs", "2 mine", "their new"]
    picked = merge_rows(theirs, mine, {"b": "mine", "m": "theirs", "t": "mine"}, lambda: "x")
    assert [r["t"] for r in picked] == ["1", "2 mine"]


def test_as_text():
    assert as_text([{"a": "x", "b": ""}, {"a": "y", "b": "z"}]) == "x\ny · z"
