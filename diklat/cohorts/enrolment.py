"""Bulk-enrolment file parsing and validation: pure, no Flask, no database.

A file is accepted whole or not at all; every problem is reported with its row and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email

from diklat.common.markers import N_
from diklat.common.nip import nip_problem, normalize_nip
from diklat.common.tabular import Problem

COLUMNS = ("name", "nip", "email", "agency", "unit", "position", "rank", "team")
REQUIRED = ("name", "nip", "email", "agency", "team")
# Indonesian headings accepted as well, so offices can keep their own spreadsheets.
ALIASES = {
    "nama": "name",
    "nama lengkap": "name",
    "surel": "email",
    "e-mail": "email",
    "email": "email",
    "instansi": "agency",
    "unit kerja": "unit",
    "jabatan": "position",
    "pangkat": "rank",
    "golongan": "rank",
    "pangkat/golongan": "rank",
    "pangkat / golongan": "rank",
    "pangkat/gol": "rank",
    "pangkat/gol.": "rank",
    "grade": "rank",
    "kelompok": "team",
    "tim": "team",
}
INDONESIAN_HEADINGS = {
    "name": "nama",
    "nip": "nip",
    "email": "email",
    "agency": "instansi",
    "unit": "unit kerja",
    "position": "jabatan",
    "rank": "pangkat/golongan",
    "team": "kelompok",
}
MAX_ROWS = 2000
MAX_LENGTH = {"rank": 100}  # characters, as the account stores them; every other column 200


@dataclass
class EnrolmentRow:
    """A valid participant row."""

    row: int
    name: str
    nip: str
    email: str
    agency: str
    unit: str
    position: str
    team: str
    rank: str = ""  # pangkat/golongan, printed on the certificate
    matched_by_nip: bool = False  # the NIP belongs to an existing account with another e-mail


@dataclass
class ParseResult:
    """Rows when the file is good, problems otherwise."""

    rows: list[EnrolmentRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_enrolment(
    rows: list[list[str]],
    existing_emails: set[str],
    team_names: set[str] | None,
    nip_owners: dict[str, str] | None = None,
) -> ParseResult:
    """Validate the table; every problem names its column by the file's own heading ("nama", not "name").

    ``existing_emails``: already enrolled in this cohort; ``team_names`` None allows new teams;
    ``nip_owners`` maps NIPs of existing accounts to their e-mail: a row with such a NIP enrols that account
    (same person, other address), unless it is already in the cohort.
    """
    result = _parse(rows, existing_emails, team_names, nip_owners or {})
    shown = _headings_of(rows)
    for problem in result.problems:
        problem.column = shown.get(problem.column or "", problem.column)
        if "allowed" in problem.params:
            problem.params["allowed"] = ", ".join(shown[c] for c in COLUMNS)
        if problem.params.get("name") in COLUMNS:
            problem.params["name"] = shown[problem.params["name"]]
    return result


def _headings_of(rows: list[list[str]]) -> dict[str, str]:
    """Each column's heading as the file writes it; a missing one in the file's language (Indonesian or English)."""
    first = next((r for r in rows if any(c.strip() for c in r)), [])
    cells = [c.strip() for c in first]
    indonesian = any(c.lower() in ALIASES and c.lower() not in COLUMNS for c in cells) or not cells
    shown = {c: INDONESIAN_HEADINGS[c] if indonesian else c for c in COLUMNS}
    for cell in cells:
        name = ALIASES.get(cell.lower(), cell.lower())
        if name in COLUMNS:
            shown[name] = cell
    return shown


def _parse(
    rows: list[list[str]], existing_emails: set[str], team_names: set[str] | None, nip_owners: dict[str, str]
) -> ParseResult:
    result = ParseResult()
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        result.problems.append(Problem(None, None, N_("The file is empty.")))
        return result
    header = [ALIASES.get(h.strip().lower(), h.strip().lower()) for h in rows[0]]
    for index, name in enumerate(header):
        if name and name not in COLUMNS:
            result.problems.append(
                Problem(
                    1,
                    rows[0][index],
                    N_("Unknown column '%(name)s'. Allowed: %(allowed)s."),
                    {"name": rows[0][index], "allowed": ", ".join(COLUMNS)},
                )
            )
    for name in REQUIRED:
        if name not in header:
            result.problems.append(Problem(1, name, N_("Required column '%(name)s' is missing."), {"name": name}))
    if len(rows) - 1 > MAX_ROWS:
        result.problems.append(Problem(None, None, N_("At most %(n)d participants per file."), {"n": MAX_ROWS}))
    if result.problems:
        return result
    seen_emails: dict[str, int] = {}
    seen_nips: dict[str, int] = {}
    for number, raw in enumerate(rows[1:], start=2):
        values = {name: (raw[i].strip() if i < len(raw) else "") for i, name in enumerate(header) if name}
        row = _check_row(number, values, result.problems, existing_emails, team_names)
        if row is None:
            continue
        owner = nip_owners.get(row.nip)
        if owner is not None and owner != row.email:
            if owner in existing_emails:
                result.problems.append(
                    Problem(
                        number,
                        "nip",
                        N_("NIP %(nip)s is already enrolled in this cohort (%(email)s)."),
                        {"nip": row.nip, "email": owner},
                    )
                )
            else:  # the same person under another address: enrol the existing account
                row.email, row.matched_by_nip = owner, True
        if row.email in seen_emails:
            result.problems.append(
                Problem(
                    number,
                    "email",
                    N_("E-mail %(email)s also appears in row %(row)d."),
                    {"email": row.email, "row": seen_emails[row.email]},
                )
            )
        if row.nip in seen_nips:
            result.problems.append(
                Problem(
                    number,
                    "nip",
                    N_("NIP %(nip)s also appears in row %(row)d."),
                    {"nip": row.nip, "row": seen_nips[row.nip]},
                )
            )
        seen_emails.setdefault(row.email, number)
        seen_nips.setdefault(row.nip, number)
        result.rows.append(row)
    if result.problems:
        result.rows = []
    elif not result.rows:
        result.problems.append(Problem(None, None, N_("The file has a heading row but no participants.")))
    return result


def _check_row(
    number: int, values: dict[str, str], problems: list[Problem], existing: set[str], team_names: set[str] | None
) -> EnrolmentRow | None:
    before = len(problems)
    for name in REQUIRED:
        if not values.get(name):
            problems.append(Problem(number, name, N_("Required value is empty.")))
    email = values.get("email", "").lower()
    if email:
        try:
            email = validate_email(email, check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            problems.append(
                Problem(number, "email", N_("'%(value)s' is not a valid e-mail address."), {"value": values["email"]})
            )
        else:
            if email in existing:
                problems.append(
                    Problem(number, "email", N_("%(email)s is already enrolled in this cohort."), {"email": email})
                )
    nip = normalize_nip(values.get("nip", ""))
    if nip and (reason := nip_problem(nip)):
        problems.append(Problem(number, "nip", reason))
    team = values.get("team", "")
    if team and team_names is not None and team not in team_names:
        problems.append(Problem(number, "team", N_("Team '%(team)s' does not exist in this cohort."), {"team": team}))
    for name, value in values.items():
        if len(value) > (limit := MAX_LENGTH.get(name, 200)):
            problems.append(Problem(number, name, N_("Longer than %(max)d characters."), {"max": limit}))
    if len(problems) > before:
        return None
    return EnrolmentRow(
        number,
        values["name"],
        nip,
        email,
        values["agency"],
        values.get("unit", ""),
        values.get("position", ""),
        team,
        rank=values.get("rank", ""),
    )
