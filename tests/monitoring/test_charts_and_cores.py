"""SVG charts, paper questionnaires and course-feedback summaries: pure functions."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from diklat.monitoring.charts import Marker, Series, line_chart, nice_max
from diklat.monitoring.reaction import rating_summary, summarise
from diklat.monitoring.skm_import import parse_questionnaires

SVG = "{http://www.w3.org/2000/svg}"


def test_chart_is_valid_accessible_svg_without_style_attributes():
    svg = line_chart(
        "c1",
        "Waktu <layanan>",
        "Deskripsi",
        ["Jan", "Feb", "Mar", "Apr"],
        [Series("Rata-rata", [90, None, 70, 60]), Series("Median", [80, 75, None, None])],
        [Marker("Baseline", 85), Marker("Janji", 60, colour="#a4161a")],
        split_at=2,
        split_label="Pelatihan",
        baseline_label="Baseline",
    )
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c1-t c1-d"
    assert root.find(f"{SVG}title").text == "Waktu <layanan>"
    assert "style=" not in svg
    assert len(root.findall(f"{SVG}circle")) == 5  # missing months are gaps, not zeros
    assert len(root.findall(f"{SVG}polyline")) == 2  # 90 alone before the gap draws no line; 70–60 and 80–75 do
    assert any(e.get("stroke") == "#a4161a" for e in root.iter(f"{SVG}line"))


def test_chart_without_values():
    assert ET.fromstring(line_chart("c2", "t", "d", [], [Series("x", [])]))


def test_nice_max():
    assert nice_max(87) == 100 and nice_max(4300) == 5000 and nice_max(0) == 1 and nice_max(2.1) == 2.5


def test_paper_questionnaires_all_or_nothing():
    header = ["tanggal", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "jenis_kelamin", "usia"]
    good = ["2026-03-14", "3", "3", "4", "4", "3", "3", "4", "3", "3", "P", "30-39"]
    result = parse_questionnaires(
        [header, good, ["14/03/2026", *["4"] * 9, "", ""]], date(2025, 1, 1), date(2026, 6, 30)
    )
    assert result.ok and len(result.rows) == 2 and result.rows[1].answered_on == date(2026, 3, 14)
    bad = parse_questionnaires(
        [header, good, ["2026-02-30", "5", "", *["3"] * 7, "X", "99"]], date(2025, 1, 1), date(2026, 6, 30)
    )
    assert bad.rows == []
    assert {(p.row, p.column) for p in bad.problems} == {
        (3, "tanggal"),
        (3, "u1"),
        (3, "u2"),
        (3, "jenis_kelamin"),
        (3, "usia"),
    }
    late = parse_questionnaires([header, ["2026-07-01", *["3"] * 9, "", ""]], date(2025, 1, 1), date(2026, 6, 30))
    assert late.problems[0].column == "tanggal"


def test_rating_summary_counts_only_answers():
    assert rating_summary([5, 4, None, 3]) == {"n": 3, "mean": 4.0, "sd": 1.0, "counts": {1: 0, 2: 0, 3: 1, 4: 1, 5: 1}}
    empty = rating_summary([])
    assert empty["n"] == 0 and empty["mean"] is None


def test_feedback_summary():
    forms = [
        {"module_ratings": {"1": 5, "2": 4}, "facilitator_ratings": {"7": 5}, "liked": "Simulasi", "improve": ""},
        {"module_ratings": {"1": 3}, "facilitator_ratings": {}, "liked": " ", "improve": "Waktu"},
    ]
    data = summarise(forms, {"7": "Ratih"})
    assert data["respondents"] == 2
    assert data["modules"][0]["mean"] == 4.0 and data["modules"][0]["n"] == 2
    assert data["modules"][2]["n"] == 0 and data["modules"][2]["mean"] is None
    assert data["facilitators"] == [
        {"id": "7", "name": "Ratih", "n": 1, "mean": 5.0, "sd": None, "counts": {1: 0, 2: 0, 3: 0, 4: 0, 5: 1}}
    ]
    assert data["liked"] == ["Simulasi"] and data["improve"] == ["Waktu"]
