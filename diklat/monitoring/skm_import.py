"""Paper SKM questionnaires (file or bulk-entry table): pure parsing and validation, all or nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import cast

from diklat.common.markers import N_
from diklat.common.tabular import Problem
from diklat.monitoring.skm import ELEMENT_COUNT, SCALE

ANSWER_COLUMNS = tuple(f"u{i}" for i in range(1, ELEMENT_COUNT + 1))
COLUMNS = ("tanggal", *ANSWER_COLUMNS, "jenis_kelamin", "usia", "pendidikan", "saran")
REQUIRED = ("tanggal", *ANSWER_COLUMNS)
ALIASES = {
    "date": "tanggal",
    "tgl": "tanggal",
    "sex": "jenis_kelamin",
    "jk": "jenis_kelamin",
    "age": "usia",
    "kelompok_usia": "usia",
    "education": "pendidikan",
    "suggestion": "saran",
    "saran_masukan": "saran",
    **{f"unsur_{i}": f"u{i}" for i in range(1, ELEMENT_COUNT + 1)},
    **{f"u_{i}": f"u{i}" for i in range(1, ELEMENT_COUNT + 1)},
}
SEXES = {"L": N_("Male"), "P": N_("Female")}
AGE_GROUPS = {"<20": N_("Under 20"), "20-29": "20–29", "30-39": "30–39", "40-49": "40–49", "50+": N_("50 or older")}
EDUCATION = {
    "SD": N_("Primary school"),
    "SMP": N_("Junior secondary"),
    "SMA": N_("Senior secondary"),
    "D1-D3": N_("Diploma (D1–D3)"),
    "S1/D4": N_("Bachelor (S1/D4)"),
    "S2+": N_("Master or doctorate"),
}
MAX_ROWS = 5000
MAX_SUGGESTION = 2000
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")


@dataclass(frozen=True)
class Questionnaire:
    """One valid paper questionnaire."""

    row: int
    answered_on: date
    answers: tuple[int, ...]
    sex: str = ""
    age_group: str = ""
    education: str = ""
    suggestion: str = ""


@dataclass
class SkmParse:
    """Questionnaires when the table is good, problems otherwise."""

    rows: list[Questionnaire] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_date(text: str) -> date | None:
    """Read 2026-03-14 or 14/03/2026 (day first, as written in Indonesia); None if unreadable."""
    value = text.strip()
    try:
        if match := _YMD.match(value):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _DMY.match(value):
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None
    return None


def _heading(text: str) -> str:
    key = re.sub(r"[^a-z0-9<>+]+", "_", str(text).strip().lower()).strip("_")
    return ALIASES.get(key, key)


def parse_questionnaires(rows: list[list[str]], first: date, last: date) -> SkmParse:
    """Validate a table whose first row is the heading; dates must fall within ``first``..``last``."""
    result = SkmParse()
    rows = [r for r in rows if any(str(c).strip() for c in r)]
    if not rows:
        result.problems.append(Problem(None, None, N_("The file is empty.")))
        return result
    header = [_heading(h) for h in rows[0]]
    for index, name in enumerate(header):
        if name and name not in COLUMNS:
            result.problems.append(
                Problem(
                    1,
                    str(rows[0][index]),
                    N_("Unknown column '%(name)s'. Allowed: %(allowed)s."),
                    {"name": rows[0][index], "allowed": ", ".join(COLUMNS)},
                )
            )
    for name in REQUIRED:
        if name not in header:
            result.problems.append(Problem(1, name, N_("Required column '%(name)s' is missing."), {"name": name}))
    if len(rows) - 1 > MAX_ROWS:
        result.problems.append(Problem(None, None, N_("At most %(n)d rows per file."), {"n": MAX_ROWS}))
    if result.problems:
        return result
    for number, raw in enumerate(rows[1:], start=2):
        values = {name: (str(raw[i]).strip() if i < len(raw) else "") for i, name in enumerate(header) if name}
        row = _check_row(number, values, first, last, result.problems)
        if row is not None:
            result.rows.append(row)
    if result.problems:
        result.rows = []
    elif not result.rows:
        result.problems.append(Problem(None, None, N_("There are no questionnaires to save.")))
    return result


def _check_row(
    number: int, values: dict[str, str], first: date, last: date, problems: list[Problem]
) -> Questionnaire | None:
    before = len(problems)
    answered = parse_date(values.get("tanggal", ""))
    if not values.get("tanggal"):
        problems.append(Problem(number, "tanggal", N_("Required value is empty.")))
    elif answered is None:
        problems.append(
            Problem(
                number,
                "tanggal",
                N_("'%(value)s' is not a date; write it as YYYY-MM-DD or DD/MM/YYYY."),
                {"value": values["tanggal"]},
            )
        )
    elif not first <= answered <= last:
        problems.append(
            Problem(
                number,
                "tanggal",
                N_("Date %(value)s is outside the allowed range %(first)s to %(last)s."),
                {"value": answered.isoformat(), "first": first.isoformat(), "last": last.isoformat()},
            )
        )
    answers = []
    for column in ANSWER_COLUMNS:
        text = values.get(column, "")
        value = int(float(text)) if re.fullmatch(r"\d+(\.0+)?", text) else None
        if not text:
            problems.append(Problem(number, column, N_("Required value is empty.")))
        elif value not in SCALE:
            problems.append(Problem(number, column, N_("'%(value)s' is not an answer from 1 to 4."), {"value": text}))
        answers.append(value)
    extras = _extras(number, values, problems)
    if len(problems) > before:
        return None
    # no problems: the date was read and every answer is on the scale
    return Questionnaire(number, cast("date", answered), cast("tuple[int, ...]", tuple(answers)), **extras)


def _extras(number: int, values: dict[str, str], problems: list[Problem]) -> dict[str, str]:
    out = {
        "sex": values.get("jenis_kelamin", "").upper(),
        "age_group": values.get("usia", "").replace(" ", ""),
        "education": values.get("pendidikan", "").upper(),
        "suggestion": values.get("saran", ""),
    }
    for key, column, allowed in (
        ("sex", "jenis_kelamin", SEXES),
        ("age_group", "usia", AGE_GROUPS),
        ("education", "pendidikan", EDUCATION),
    ):
        if out[key] and out[key] not in allowed:
            problems.append(
                Problem(
                    number,
                    column,
                    N_("'%(value)s' is not one of: %(allowed)s."),
                    {"value": values[column], "allowed": ", ".join(allowed)},
                )
            )
    if len(out["suggestion"]) > MAX_SUGGESTION:
        problems.append(Problem(number, "saran", N_("Longer than %(n)d characters."), {"n": MAX_SUGGESTION}))
    return out
