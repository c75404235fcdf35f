"""Hostile-input guards shared by every feature.

- ``<int:…>`` in every route is bounded to the database integer range (larger answers 404).
- NUL and other control characters are stripped from every query and form value before a view sees
  it (tab, line feed and carriage return stay: text areas need them).
- ``int_arg`` reads a bounded integer query parameter; ``json_body`` parses and schema-checks a JSON
  body without letting deep nesting or a wrong type reach the view.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import fastjsonschema
from flask import Flask, request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import IntegerConverter

INT_MAX = 2**31 - 1  # PostgreSQL INTEGER, the type of every id column
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class BoundedIntConverter(IntegerConverter):
    """``<int:…>`` that matches only 0 … 2^31-1, so an id past the column answers 404, not 500."""

    def __init__(self, map, *args, **kwargs) -> None:  # noqa: ANN001 - werkzeug's signature
        kwargs.setdefault("max", INT_MAX)
        super().__init__(map, *args, **kwargs)


def clean_text(value: str) -> str:
    """``value`` without NUL and other control characters (tab and line breaks kept)."""
    return _CONTROL.sub("", value)


def _cleaned(values: ImmutableMultiDict) -> ImmutableMultiDict | None:
    if not any(_CONTROL.search(v) for v in values.values()):
        return None
    return ImmutableMultiDict([(clean_text(k), clean_text(v)) for k, v in values.items(multi=True)])


_FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def strip_control_characters() -> None:
    """Replace the request's query and form values by copies without control characters.

    A request without a query string or a form body (a JSON answer save, most pages) has nothing to clean.
    """
    names = ("args",) if request.query_string else ()
    if request.mimetype in _FORM_TYPES:
        names += ("form",)
    for name in names:
        cleaned = _cleaned(getattr(request, name))
        if cleaned is not None:
            request.__dict__[name] = cleaned
            request.__dict__.pop("values", None)


def int_arg(name: str, default: int | None = None, low: int = 0, high: int = INT_MAX) -> int | None:
    """Query parameter ``name`` as an integer within ``low``…``high``; ``default`` when absent or out of range."""
    value = request.args.get(name, type=int)
    if value is None or not low <= value <= high:
        return default
    return value


Validator = Callable[[object], object]


def schema_validator(schema: dict) -> Validator:
    """``schema`` (JSON Schema draft 7) compiled once, at import: checking a body is then a plain function call."""
    return fastjsonschema.compile(schema)


def json_body(raw: bytes, validator: Validator, max_bytes: int = 65536) -> object | None:
    """The parsed body when it is JSON of at most ``max_bytes`` that ``validator`` accepts; otherwise None."""
    if len(raw) > max_bytes:
        return None
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: an array nested thousands deep
        return None
    try:
        validator(value)
    except (fastjsonschema.JsonSchemaException, RecursionError):
        return None
    return value


def init_inputs(app: Flask) -> None:
    """Install the bounded integer converter and the control-character filter."""
    app.url_map.converters["int"] = BoundedIntConverter
    app.before_request(strip_control_characters)
