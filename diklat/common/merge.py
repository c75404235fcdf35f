"""Merging two people's edits of the same object, field by field and row by row. Pure: no Flask, no database.

``theirs`` is what the other person saved (now stored), ``mine`` what this person typed. For every
field that differs the person picks ``theirs``, ``mine`` or ``both``; ``both`` is the default, so a merge
saved without looking can never erase what the other person saved.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping
from typing import Any

THEIRS, MINE, BOTH = "theirs", "mine", "both"
CHOICES = (THEIRS, MINE, BOTH)


def choice_of(choices: Mapping[str, str], key: str) -> str:
    """The person's pick for ``key`` (``both`` when missing or unknown)."""
    picked = choices.get(key, BOTH)
    return picked if picked in CHOICES else BOTH


def differing(theirs: Mapping[str, Any], mine: Mapping[str, Any]) -> list[str]:
    """Keys whose values differ (empty and missing count as the same), in ``mine``'s order then theirs."""
    keys = list(dict.fromkeys([*mine, *theirs]))
    return [k for k in keys if _blank_to_none(theirs.get(k)) != _blank_to_none(mine.get(k))]


def _blank_to_none(value: Any) -> Any:
    return None if value in ("", None, [], {}) else value


ONE_LINE_JOIN = "; "  # both texts in a one-line box: a line break would be dropped and glue them together


def combined(theirs: Any, mine: Any, separator: str = "\n") -> Any:
    """Both values in one: texts joined by ``separator`` (unless one contains the other), lists united, theirs
    otherwise."""
    if _blank_to_none(mine) is None:
        return theirs
    if _blank_to_none(theirs) is None:
        return mine
    if isinstance(theirs, str) and isinstance(mine, str):
        if mine.strip() in theirs:
            return theirs
        if theirs.strip() in mine:
            return mine
        return f"{theirs.rstrip()}{separator}{mine.strip()}"
    if isinstance(theirs, list) and isinstance(mine, list):
        return [*theirs, *(item for item in mine if item not in theirs)]
    if isinstance(theirs, dict) and isinstance(mine, dict):
        return {k: combined(theirs.get(k), mine.get(k)) for k in dict.fromkeys([*theirs, *mine])}
    return theirs


def merge_fields(
    theirs: Mapping[str, Any],
    mine: Mapping[str, Any],
    choices: Mapping[str, str],
    joinable: Container[str] | None = None,
    one_line: Container[str] = (),
) -> dict[str, Any]:
    """``theirs`` with each differing field taken from theirs, mine or both as chosen.

    Only ``joinable`` fields (all when None) can hold both; for the others (a number, a date, a choice)
    ``both`` keeps theirs. ``one_line`` fields join both texts with "; " instead of a line break.
    """
    result = dict(theirs)
    for key in differing(theirs, mine):
        picked = choice_of(choices, key)
        if picked == MINE:
            result[key] = mine.get(key)
        elif picked == BOTH and (joinable is None or key in joinable):
            separator = ONE_LINE_JOIN if key in one_line else "\n"
            result[key] = combined(theirs.get(key), mine.get(key), separator)
    return result


def row_differences(theirs: list[dict], mine: list[dict], key: str = "uid") -> list[str]:
    """Row keys that are new, gone or changed between the two lists."""
    mine_by = {r.get(key): r for r in mine}
    theirs_by = {r.get(key): r for r in theirs}
    keys = list(dict.fromkeys([*mine_by, *theirs_by]))
    return [k for k in keys if theirs_by.get(k) != mine_by.get(k)]


def merge_rows(
    theirs: list[dict],
    mine: list[dict],
    choices: Mapping[str, str],
    fresh_key: Callable[[], str],
    key: str = "uid",
) -> list[dict]:
    """Rows merged per row: changed rows as chosen (``both`` keeps theirs and adds mine after it),
    rows only one side has are kept unless that row's pick says to drop them. Theirs' order leads;
    a row only I have goes after the row that precedes it in my list."""
    mine_by = {r.get(key): r for r in mine}
    result: list[dict] = []
    for row in theirs:
        uid = row.get(key)
        picked = choice_of(choices, str(uid))
        if uid not in mine_by:
            if picked != MINE:  # I deleted it: keep unless I chose my list
                result.append(dict(row))
        elif row == mine_by[uid] or picked == THEIRS:
            result.append(dict(row))
        elif picked == MINE:
            result.append(dict(mine_by[uid]))
        else:
            result += [dict(row), {**mine_by[uid], key: fresh_key()}]
    theirs_keys = {r.get(key) for r in theirs}
    for i, row in enumerate(mine):
        uid = row.get(key)
        if uid in theirs_keys or choice_of(choices, str(uid)) == THEIRS:
            continue
        before = next((m.get(key) for m in reversed(mine[:i]) if any(r.get(key) == m.get(key) for r in result)), None)
        at = next((j + 1 for j, r in enumerate(result) if r.get(key) == before), 0)
        result.insert(at, dict(row))
    return result


def as_text(value: Any) -> str:
    """A field's value as plain text for the merge page (rows one per line, cells joined by " · ")."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(as_text(v) for v in value if _blank_to_none(v) is not None)
    if isinstance(value, dict):
        return " · ".join(as_text(v) for v in value.values() if _blank_to_none(v) is not None)
    return str(value)
