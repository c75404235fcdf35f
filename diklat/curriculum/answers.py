"""Worksheet answers: from posted form data to raw values, validated typed values and back.

Pure: no Flask, no database. "Raw" is what the person typed (strings, kept on errors so
nothing is lost); "clean" is the typed JSON stored in the database. Messages are marked
with ``N_`` and returned as ``(message, params)`` for the view to translate.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from diklat.common.markers import N_
from diklat.curriculum.content import Column, Field, Worksheet

Message = tuple[str, dict[str, Any]]
Errors = dict[str, list[Message]]
Form = Mapping[str, list[str]]
YES = "1"
_DURATION_RE = re.compile(
    r"^\s*(?:(?P<h>\d+(?:[.,]\d+)?)\s*(?:j|jam|h|hour|hours)\s*)?(?:(?P<m>\d+)\s*(?:m|mnt|menit|min|minutes?)?)?\s*$",
    re.IGNORECASE,
)


def input_name(field_key: str, *parts: object) -> str:
    """The HTML name of a field, a checklist item part or a table cell."""
    return "-".join(["f", field_key, *(str(p) for p in parts)])


def parse_duration(text: str) -> int:
    """Minutes from '45', '45 menit', '1:30', '2 jam', '1 jam 30 menit'; ValueError otherwise."""
    text = text.strip()
    if re.fullmatch(r"\d+:\d{1,2}", text):
        hours, minutes = text.split(":")
        if int(minutes) >= 60:
            raise ValueError(text)
        return int(hours) * 60 + int(minutes)
    match = _DURATION_RE.match(text)
    if not text or not match or not (match.group("h") or match.group("m")):
        raise ValueError(text)
    hours = float(match.group("h").replace(",", ".")) if match.group("h") else 0.0
    return round(hours * 60) + int(match.group("m") or 0)


def split_duration(minutes: int) -> tuple[int, int]:
    """Hours and remaining minutes of a duration."""
    return divmod(int(minutes), 60)


def parse_number(text: str, integer: bool) -> int | float:
    """A number typed with a decimal point or an Indonesian decimal comma."""
    value = float(text.strip().replace(" ", "").replace(",", "."))
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    if integer:
        if not value.is_integer():
            raise ValueError(text)
        return int(value)
    return int(value) if value.is_integer() else value


# --- form → raw -----------------------------------------------------------------------------------


def _first(form: Form, name: str) -> str:
    values = form.get(name) or [""]
    return values[0] if values else ""


def _rows_from_form(fld: Field, form: Form) -> list[dict[str, str]]:
    """Rows posted for a table, in index order; rows left completely blank are dropped."""
    prefix = input_name(fld.key) + "-"
    indexes = sorted({int(m.group(1)) for name in form if (m := re.match(re.escape(prefix) + r"(\d+)-", name))})
    rows = []
    for i in indexes:
        row = {c.key: _first(form, input_name(fld.key, i, c.key)).strip() for c in fld.columns}
        if any(row.values()):
            rows.append(row)
    return rows


def raw_from_form(sheet: Worksheet, form: Form) -> dict[str, Any]:
    """What the person typed, field by field (strings only)."""
    raw: dict[str, Any] = {}
    for fld in sheet.fields:
        if fld.is_rows:
            raw[fld.key] = _rows_from_form(fld, form)
        elif fld.type == "checklist":
            raw[fld.key] = {
                key: {
                    "rating": _first(form, input_name(fld.key, key, "rating")).strip(),
                    "note": _first(form, input_name(fld.key, key, "note")).strip(),
                }
                for key, _label in fld.items
            }
        else:
            raw[fld.key] = _first(form, input_name(fld.key)).replace("\r\n", "\n").strip()
    return raw


# --- raw → clean ----------------------------------------------------------------------------------


def _scalar(kind: str, text: str, spec: Field | Column) -> tuple[Any, Message | None]:
    """Convert one typed value; returns (value, problem)."""
    if kind in ("text", "longtext"):
        if len(text) > spec.max_length:
            return None, (
                N_("Too long: %(length)d characters; at most %(max)d."),
                {"length": len(text), "max": spec.max_length},
            )
        return text, None
    if kind == "yesno":
        return text == YES, None
    if kind == "select":
        if text not in {value for value, _label in spec.options}:
            return None, (N_("Choose one of the options."), {})
        return text, None
    if kind == "date":
        try:
            return date.fromisoformat(text).isoformat(), None
        except ValueError:
            return None, (N_("Enter a date as YYYY-MM-DD."), {})
    converters: dict[str, Callable[[str], int | float]] = {
        "number": lambda t: parse_number(t, spec.integer),
        "duration": parse_duration,
    }
    try:
        value = converters[kind](text)
    except ValueError:
        if kind == "duration":
            return None, (N_("Enter a duration in minutes, or hours:minutes (e.g. 90 or 1:30)."), {})
        return None, ((N_("Enter a whole number."), {}) if spec.integer else (N_("Enter a number."), {}))
    return value, _range_problem(value, spec)


LIMIT = 10**12  # no worksheet figure is larger; past 2**53 a float would silently change the digits typed


def _range_problem(value: float, spec: Field | Column) -> Message | None:
    low = spec.min if spec.min is not None else -LIMIT
    high = spec.max if spec.max is not None else LIMIT
    if value < low:
        return N_("Must be at least %(min)s."), {"min": _plain(low)}
    if value > high:
        return N_("Must be at most %(max)s."), {"max": _plain(high)}
    return None


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _clean_rows(fld: Field, rows: list[dict[str, str]], strict: bool, errors: Errors) -> list[dict[str, Any]]:
    if len(rows) > fld.max_rows:
        errors.setdefault(fld.key, []).append((N_("Too many rows: at most %(max)d."), {"max": fld.max_rows}))
    if strict and len(rows) < max(fld.min_rows, 1 if fld.required else 0):
        errors.setdefault(fld.key, []).append((N_("Add at least %(count)d row(s)."), {"count": max(fld.min_rows, 1)}))
    out = []
    for i, row in enumerate(rows):
        clean: dict[str, Any] = {}
        for col in fld.columns:
            text = row.get(col.key, "")
            where = f"{fld.key}.{i}.{col.key}"
            if text == "" and col.type != "yesno":
                clean[col.key] = None
                if strict and col.required:
                    errors.setdefault(where, []).append((N_("Required."), {}))
                continue
            value, problem = _scalar(col.type, text, col)
            clean[col.key] = value
            if problem:
                errors.setdefault(where, []).append(problem)
        out.append(clean)
    return out


def _clean_checklist(fld: Field, raw: dict, strict: bool, errors: Errors) -> dict[str, dict[str, Any]]:
    out = {}
    for key, _label in fld.items:
        entry = raw.get(key) or {}
        rating_text, note = entry.get("rating", ""), entry.get("note", "")
        rating = None
        if rating_text:
            if rating_text.isdigit() and 1 <= int(rating_text) <= len(fld.scale):
                rating = int(rating_text)
            else:
                errors.setdefault(f"{fld.key}.{key}", []).append((N_("Choose one of the options."), {}))
        elif strict and fld.required:
            errors.setdefault(f"{fld.key}.{key}", []).append((N_("Choose a rating."), {}))
        if len(note) > 500:
            errors.setdefault(f"{fld.key}.{key}", []).append(
                (N_("Too long: %(length)d characters; at most %(max)d."), {"length": len(note), "max": 500})
            )
        out[key] = {"rating": rating, "note": note}
    return out


def validate(sheet: Worksheet, raw: dict[str, Any], strict: bool) -> tuple[dict[str, Any], Errors]:
    """Typed values and problems. ``strict`` (submitting) also enforces required fields and rows."""
    clean: dict[str, Any] = {}
    errors: Errors = {}
    for fld in sheet.fields:
        value = raw.get(fld.key)
        if fld.is_rows:
            clean[fld.key] = _clean_rows(fld, list(value or []), strict, errors)
        elif fld.type == "checklist":
            clean[fld.key] = _clean_checklist(fld, dict(value or {}), strict, errors)
        elif not value:
            clean[fld.key] = None
            if strict and fld.required:
                errors.setdefault(fld.key, []).append((N_("This field is required."), {}))
        else:
            clean[fld.key], problem = _scalar(fld.type, str(value), fld)
            if problem:
                errors.setdefault(fld.key, []).append(problem)
    return clean, errors


# --- clean → raw (to show stored answers in the form) ---------------------------------------------


def _text_of(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "yesno":
        return YES if value else ""
    if kind == "duration":
        return str(int(value))
    return str(value)


def raw_from_clean(sheet: Worksheet, data: dict[str, Any]) -> dict[str, Any]:
    """Stored answers as the strings a form shows."""
    raw: dict[str, Any] = {}
    for fld in sheet.fields:
        value = data.get(fld.key)
        if fld.is_rows:
            raw[fld.key] = [
                {c.key: _text_of(c.type, (row or {}).get(c.key)) for c in fld.columns} for row in (value or [])
            ]
        elif fld.type == "checklist":
            value = value or {}
            raw[fld.key] = {
                k: {
                    "rating": _text_of("number", (value.get(k) or {}).get("rating")),
                    "note": (value.get(k) or {}).get("note") or "",
                }
                for k, _l in fld.items
            }
        else:
            raw[fld.key] = _text_of(fld.type, value)
    return raw


def process_totals(rows: list[dict[str, Any]]) -> dict[str, int]:
    """Total process time, total waiting time and the number of delay points of a process map."""
    return {
        "time": sum(int(r.get("time") or 0) for r in rows),
        "wait": sum(int(r.get("wait") or 0) for r in rows),
        "delays": sum(1 for r in rows if r.get("delay")),
        "steps": len(rows),
    }


def is_empty(data: dict[str, Any] | None) -> bool:
    """True when nothing has been filled in."""

    def empty(v: Any) -> bool:
        if isinstance(v, dict):
            return all(empty(x) for x in v.values())
        if isinstance(v, list):
            return all(empty(x) for x in v)
        return v in (None, "", False)

    return not data or empty(data)
