"""Pure enrolment parsing and NIP validation."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from diklat.cohorts.enrolment import parse_enrolment
from diklat.common.nip import nip_problem
from diklat.common.tabular import read_table

GOOD = "198703152010122003"
HEADER = ["name", "nip", "email", "agency", "unit", "position", "team"]


@pytest.mark.parametrize(
    ("nip", "ok"),
    [
        (GOOD, True),
        ("1987 0315 2010 12 2 003", True),  # spaces between groups are tolerated
        ("19870315201012200", False),  # 17 digits
        ("1987031520101220031", False),  # 19 digits
        ("19870315201012200A", False),
        ("198702302010122003", False),  # 30 February
        ("198703152010132003", False),  # month 13 of appointment
        ("198703151990122003", False),  # appointed at age 3
        ("198703152010123003", False),  # sex digit 3
    ],
)
def test_nip_rules(nip, ok):
    assert (nip_problem(nip.replace(" ", "")) is None) is ok


def rows(*data: list[str]) -> list[list[str]]:
    return [HEADER, *data]


def person(n: int, **over: str) -> list[str]:
    values = {
        "name": f"Peserta {n}",
        "nip": f"19870315201012{1 + n % 2}{n:03d}",
        "email": f"p{n}@example.go.id",
        "agency": "DPMPTSP",
        "unit": "Pelayanan",
        "position": "Petugas",
        "team": "Kelompok 1",
    }
    values.update(over)
    return [values[h] for h in HEADER]


def test_valid_file_gives_rows():
    result = parse_enrolment(rows(person(1), person(2, team="Kelompok 2")), set(), None)
    assert result.ok
    assert [r.email for r in result.rows] == ["p1@example.go.id", "p2@example.go.id"]
    assert result.rows[1].team == "Kelompok 2"


def test_every_problem_is_listed_and_no_rows_kept():
    result = parse_enrolment(
        rows(
            person(1),
            person(2, nip="123"),
            person(3, email="not-an-email"),
            person(4, name=""),
            person(5, email="p1@example.go.id"),
        ),
        set(),
        None,
    )
    assert not result.ok
    assert result.rows == []
    found = {(p.row, p.column) for p in result.problems}
    assert {(3, "nip"), (4, "email"), (5, "name"), (6, "email")} <= found


def test_unknown_and_missing_columns():
    result = parse_enrolment([["name", "email", "hobby"], ["A", "a@example.go.id", "x"]], set(), None)
    messages = [(p.row, p.column, p.message % p.params if p.params else p.message) for p in result.problems]
    assert any(c == "hobby" and "Unknown column" in m for _r, c, m in messages)
    assert any(c == "nip" and "missing" in m for _r, c, m in messages)


def test_indonesian_headings_accepted():
    header = ["Nama", "NIP", "Surel", "Instansi", "Unit Kerja", "Jabatan", "Kelompok"]
    result = parse_enrolment([header, person(1)], set(), None)
    assert result.ok, result.problems


def test_already_enrolled_by_email_or_by_nip():
    result = parse_enrolment(
        rows(person(1), person(2)),
        {"p1@example.go.id", "other@example.go.id"},
        None,
        {person(2)[1]: "other@example.go.id"},
    )
    assert {(p.row, p.column) for p in result.problems} == {(2, "email"), (3, "nip")}


def test_nip_of_an_existing_account_enrols_that_account():
    result = parse_enrolment(rows(person(1), person(2)), set(), None, {person(2)[1]: "other@example.go.id"})
    assert result.ok, result.problems
    assert [(r.email, r.matched_by_nip) for r in result.rows][1] == ("other@example.go.id", True)
    twice = parse_enrolment(
        rows(person(1), person(2, email="other@example.go.id"), person(3)),
        set(),
        None,
        {person(3)[1]: "other@example.go.id"},
    )
    assert [(p.row, p.column) for p in twice.problems] == [(4, "email")]  # same person twice in the file


def test_unknown_team_when_teams_fixed():
    result = parse_enrolment(rows(person(1, team="Kelompok 9")), set(), {"Kelompok 1"})
    assert [(p.row, p.column) for p in result.problems] == [(2, "team")]


def test_wrong_encoding_is_reported_with_line():
    data = ",".join(HEADER).encode() + b"\n" + "Sútomo,1,a@b.id,X,Y,Z,K".encode("latin-1")
    table, problems = read_table("peserta.csv", data)
    assert table == []
    assert problems[0].row == 2 and "UTF-8" in problems[0].message


def test_semicolon_csv_and_bom():
    text = "\ufeff" + ";".join(HEADER) + "\n" + ";".join(person(1)) + "\n"
    table, problems = read_table("peserta.csv", text.encode("utf-8"))
    assert not problems
    assert parse_enrolment(table, set(), None).ok


def test_xlsx_numbers_become_text():
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    row = person(1)
    row[1] = int(row[1])  # a NIP typed as a number in Excel
    ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    table, problems = read_table("peserta.xlsx", buffer.getvalue())
    assert not problems
    assert parse_enrolment(table, set(), None).ok


def test_other_file_types_and_empty_files():
    assert read_table("peserta.pdf", b"%PDF")[1]
    assert read_table("peserta.xlsx", b"not a zip")[1]
    assert not parse_enrolment([], set(), None).ok
    assert not parse_enrolment([HEADER], set(), None).ok


def test_the_rank_column_is_optional_read_under_its_indonesian_headings_and_bounded():
    plain = parse_enrolment(rows(person(1)), set(), None)
    assert plain.ok and plain.rows[0].rank == ""
    for heading in ("pangkat/golongan", "Pangkat / Golongan", "golongan", "rank"):
        table = [[*HEADER, heading], [*person(1), "Penata Muda / III-a"]]
        result = parse_enrolment(table, set(), None)
        assert result.ok and result.rows[0].rank == "Penata Muda / III-a", heading
    too_long = parse_enrolment([[*HEADER, "pangkat"], [*person(1), "x" * 101]], set(), None)
    assert not too_long.ok and [(p.row, p.column) for p in too_long.problems] == [(2, "pangkat")]


def test_problems_name_the_columns_as_the_file_heads_them():
    indonesian = ["nama", "nip", "surel", "instansi", "kelompok"]
    empty_name = parse_enrolment([indonesian, ["", GOOD, "a@example.go.id", "DPMPTSP", "K1"]], set(), None)
    assert [(p.row, p.column) for p in empty_name.problems] == [(2, "nama")]
    missing = parse_enrolment([indonesian[:4], ["Ani", GOOD, "a@example.go.id", "DPMPTSP"]], set(), None)
    assert [(p.column, p.params["name"]) for p in missing.problems] == [("kelompok", "kelompok")]
    unknown = parse_enrolment([[*indonesian, "alamat"], ["Ani", GOOD, "a@x.go.id", "D", "K", "x"]], set(), None)
    assert unknown.problems[0].params["allowed"].startswith("nama, nip, surel, instansi, unit kerja")
    english = parse_enrolment([["name", "nip", "email", "agency"], ["Ani", GOOD, "a@x.go.id", "D"]], set(), None)
    assert [p.params["name"] for p in english.problems] == ["team"]
