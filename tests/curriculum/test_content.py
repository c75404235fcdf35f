"""The pure content loader and answer validator, with plain values."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from diklat.curriculum import rules
from diklat.curriculum.answers import parse_duration, parse_number, raw_from_clean, raw_from_form, validate
from diklat.curriculum.content import load_modules
from tests.curriculum.conftest import MODULES


def test_real_content_has_eight_valid_modules():
    modules, problems = load_modules(MODULES)
    assert problems == []
    assert [m.number for m in modules] == list(range(1, 9))
    for m in modules:
        assert len(m.material.split()) > 500, m.number
        assert m.worksheets and m.activity_steps and m.objectives
    sla = modules[3].worksheet("sla")
    assert {"service", "standard_time_minutes", "target_on_time_percent", "cost"} <= {f.key for f in sla.fields}
    assert sla.field("standard_time_minutes").type == "duration"
    assert modules[5].worksheet("complaint_form").field("channels").type == "longtext"
    assert modules[1].worksheet("process_map").field("steps").type == "process"
    assert modules[4].worksheet("observation").scope == "participant"
    kinds = {f.type for m in modules for w in m.worksheets for f in w.fields}
    assert kinds == {"text", "longtext", "number", "duration", "date", "select", "checklist", "table", "process"}


def _copy(tmp_path):
    root = tmp_path / "modules"
    shutil.copytree(MODULES, root)
    return root


def test_problems_name_file_and_field(tmp_path):
    root = _copy(tmp_path)
    shutil.rmtree(root / "08-monitoring-evaluasi")
    m4 = root / "04-standar-waktu" / "module.toml"
    m4.write_text(m4.read_text().replace('type = "duration"', 'type = "stopwatch"', 1))
    m1 = root / "01-pengenalan-sop" / "module.toml"
    m1.write_text(m1.read_text().replace("min = 1990", "min = 2200"))
    (root / "02-pemetaan-proses" / "materi.md").write_text("Terlalu pendek.")
    (root / "03-menulis-sop" / "module.toml").write_text("number = [")
    _modules, problems = load_modules(root)
    text = "\n".join(map(str, problems))
    assert "module 8: is missing" in text
    assert "04-standar-waktu/module.toml: worksheets[0].fields[1].type" in text
    assert "01-pengenalan-sop/module.toml: worksheets[0].fields[1].min: must not be greater than max" in text
    assert "02-pemetaan-proses/materi.md: material" in text
    assert "03-menulis-sop/module.toml: syntax" in text


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("45", 45),
        ("45 menit", 45),
        ("1:30", 90),
        ("2 jam", 120),
        ("1 jam 30 menit", 90),
        ("1,5 jam", 90),
        ("2h 5m", 125),
    ],
)
def test_parse_duration(text, minutes):
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["", "abc", "1:75", "satu jam", "-5"])
def test_parse_duration_rejects(text):
    with pytest.raises(ValueError):
        parse_duration(text)


def test_parse_number_accepts_decimal_comma():
    assert parse_number("92,5", integer=False) == 92.5
    assert parse_number("12", integer=True) == 12
    with pytest.raises(ValueError):
        parse_number("1,5", integer=True)


@pytest.fixture(scope="module")
def content():
    return {m.number: m for m in load_modules(MODULES)[0]}


def _form(**pairs):
    return {k: [v] for k, v in pairs.items()}


def test_validate_reports_every_kind_of_bad_input(content):
    sheet = content[4].worksheet("sla")
    raw = raw_from_form(
        sheet,
        _form(
            **{
                "f-service": "x" * 201,
                "f-standard_time_minutes": "sebentar",
                "f-target_on_time_percent": "120",
                "f-cost": "",
            }
        ),
    )
    _clean, errors = validate(sheet, raw, strict=True)
    assert errors["service"][0][0].startswith("Too long")
    assert errors["standard_time_minutes"][0][0].startswith("Enter a duration")
    assert errors["target_on_time_percent"] == [("Must be at most %(max)s.", {"max": "100"})]
    assert errors["cost"] == [("This field is required.", {})]
    assert errors["indicators"] == [("Add at least %(count)d row(s).", {"count": 3})]
    # A draft only checks what was typed, not what is missing.
    _clean, draft_errors = validate(sheet, raw, strict=False)
    assert "cost" not in draft_errors and "indicators" not in draft_errors and "service" in draft_errors


def test_process_rows_roundtrip_and_cell_errors(content):
    sheet = content[2].worksheet("process_map")
    form = _form(
        **{
            "f-service": "IUMK",
            "f-steps-0-step": "Antre",
            "f-steps-0-actor": "Pemohon",
            "f-steps-0-time": "2",
            "f-steps-0-wait": "0:35",
            "f-steps-0-delay": "1",
            "f-steps-3-step": "Verifikasi",
            "f-steps-3-actor": "",
            "f-steps-3-time": "lama",
            "f-steps-7-step": "",
            "f-steps-7-actor": "",
        }
    )
    raw = raw_from_form(sheet, form)
    assert len(raw["steps"]) == 2  # the blank row is dropped
    clean, errors = validate(sheet, raw, strict=True)
    assert clean["steps"][0] == {"step": "Antre", "actor": "Pemohon", "time": 2, "wait": 35, "delay": True}
    assert "steps.1.actor" in errors and "steps.1.time" in errors
    assert raw_from_clean(sheet, clean)["steps"][0] == {
        "step": "Antre",
        "actor": "Pemohon",
        "time": "2",
        "wait": "35",
        "delay": "1",
    }


def test_an_absurd_number_is_refused_not_silently_rounded(content):
    """No maximum in the content: a bound still applies (a float would turn 99999999999999999999 into 1e20)."""
    sheet = content[8].worksheet("dashboard")
    form = _form(**{"f-months-0-period": "Jan", "f-months-0-complaints": "99999999999999999999"})
    _clean, errors = validate(sheet, raw_from_form(sheet, form), strict=False)
    assert errors["months.0.complaints"] == [("Must be at most %(max)s.", {"max": "1000000000000"})]
    form = _form(**{"f-months-0-period": "Jan", "f-months-0-complaints": "12"})
    clean, errors = validate(sheet, raw_from_form(sheet, form), strict=False)
    assert "months.0.complaints" not in errors and clean["months"][0]["complaints"] == 12


def test_checklist_needs_every_rating_on_submit(content):
    sheet = content[1].worksheet("old_sop_review")
    raw = raw_from_form(sheet, _form(**{"f-checklist-title-rating": "3", "f-checklist-scope-rating": "9"}))
    clean, errors = validate(sheet, raw, strict=True)
    assert clean["checklist"]["title"] == {"rating": 3, "note": ""}
    assert errors["checklist.scope"] == [("Choose one of the options.", {})]
    assert errors["checklist.purpose"] == [("Choose a rating.", {})]


def test_module_opening_rules():
    start = datetime(2026, 3, 10, 1, 0)
    assert not rules.module_is_open(None, [start], datetime(2026, 3, 10, 0, 59))
    assert rules.module_is_open(None, [start], start)
    assert not rules.module_is_open("closed", [start], datetime(2026, 4, 1))
    assert rules.module_is_open("open", [], datetime(2020, 1, 1))
    assert not rules.module_is_open(None, [], datetime(2030, 1, 1))


@pytest.mark.parametrize(
    ("statuses", "cell"),
    [
        ([], "empty"),
        ([None, None], "empty"),
        (["accepted", "accepted"], "accepted"),
        (["accepted", None], "draft"),
        (["submitted", "returned"], "returned"),
        (["draft", "submitted"], "submitted"),
    ],
)
def test_board_cell_summary(statuses, cell):
    assert rules.cell_status(statuses) == cell
