"""How stored answers and pure-module messages read in the interface (translated here, not in the core)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from diklat.curriculum.answers import Errors, split_duration
from diklat.curriculum.content import Column, Field


def duration_text(minutes: int | None) -> str:
    """'1 h 30 min' in the interface language ('' for none)."""
    if minutes is None or minutes == "":
        return ""
    hours, rest = split_duration(int(minutes))
    if hours and rest:
        return _("%(hours)d h %(minutes)d min", hours=hours, minutes=rest)
    return _("%(hours)d h", hours=hours) if hours else _("%(minutes)d min", minutes=rest)


def display_value(kind: str, value: Any, spec: Field | Column | None = None) -> str:
    """A stored scalar as a reader sees it: option labels, yes/no, durations in words, units."""
    if value is None or value == "":
        return ""
    if kind == "yesno":
        return _("Yes") if value else _("No")
    if kind == "duration":
        return duration_text(int(value))
    if kind == "select" and spec is not None:
        return dict(spec.options).get(value, str(value))
    if kind == "number":
        text = str(value).replace(".", ",") if isinstance(value, float) else str(value)
        unit = getattr(spec, "unit", "") if spec is not None else ""
        return f"{text} {unit}".strip() if unit != "%" else f"{text}%"
    return str(value)


def translate_errors(errors: Errors) -> dict[str, list[str]]:
    """Messages from the pure validator, translated with their parameters."""
    return {key: [_(message, **params) for message, params in items] for key, items in errors.items()}


def rating_label(fld: Field, rating: int | None) -> str:
    """The scale label of a checklist rating."""
    if not rating or rating > len(fld.scale):
        return ""
    return fld.scale[rating - 1]
