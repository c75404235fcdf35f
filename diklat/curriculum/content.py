"""Course content as data: load and validate ``modules/NN-slug/module.toml`` + ``materi.md``.

Pure: imports neither Flask nor the database. Problems name the file and the field so
``flask content check`` can list every one of them at once.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

MODULE_COUNT = 8
DESCRIPTOR = "module.toml"
MATERIAL = "materi.md"
FOLDER_RE = re.compile(r"^(\d{2})-[a-z0-9-]+$")
KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
FIELD_TYPES = ("text", "longtext", "number", "duration", "date", "select", "checklist", "table", "process")
COLUMN_TYPES = ("text", "longtext", "number", "duration", "date", "select", "yesno")
SCOPES = ("team", "participant")
DEFAULT_MAX_LENGTH = {"text": 200, "longtext": 4000}
CELL_MAX_LENGTH = 500
DEFAULT_MAX_ROWS = 40
MIN_MATERIAL_WORDS = 300
# The process-step list always has these columns; the content may relabel them.
PROCESS_COLUMNS = (
    ("step", "text", "Langkah"),
    ("actor", "text", "Pelaksana"),
    ("time", "duration", "Waktu proses"),
    ("wait", "duration", "Waktu tunggu"),
    ("delay", "yesno", "Titik rawan keterlambatan"),
)


@dataclass(frozen=True)
class Column:
    """A typed column of a table or process-step list."""

    key: str
    label: str
    type: str
    required: bool = False
    options: tuple[tuple[str, str], ...] = ()
    min: float | None = None
    max: float | None = None
    integer: bool = False
    max_length: int = CELL_MAX_LENGTH


@dataclass(frozen=True)
class Field:
    """One worksheet field; which attributes matter depends on ``type``."""

    key: str
    label: str
    type: str
    required: bool = False
    help: str = ""
    max_length: int = 0
    min: float | None = None
    max: float | None = None
    integer: bool = False
    unit: str = ""
    options: tuple[tuple[str, str], ...] = ()
    items: tuple[tuple[str, str], ...] = ()
    scale: tuple[str, ...] = ()
    columns: tuple[Column, ...] = ()
    min_rows: int = 0
    max_rows: int = DEFAULT_MAX_ROWS
    print_rows: int = 5

    @property
    def is_rows(self) -> bool:
        """Tables and process-step lists hold a list of rows."""
        return self.type in ("table", "process")


@dataclass(frozen=True)
class Worksheet:
    """A worksheet (lembar kerja): typed fields filled per team or per participant."""

    key: str
    title: str
    scope: str
    instructions: str
    fields: tuple[Field, ...]

    def field(self, key: str) -> Field | None:
        """The field called ``key``, if the worksheet has it."""
        return next((f for f in self.fields if f.key == key), None)


@dataclass(frozen=True)
class Module:
    """One of the eight course modules."""

    number: int
    slug: str
    title: str
    jp: float
    summary: str
    objectives: tuple[str, ...]
    activity_title: str
    activity_minutes: int
    activity_steps: tuple[str, ...]
    activity_output: str
    worksheets: tuple[Worksheet, ...]
    material: str = ""

    def worksheet(self, key: str) -> Worksheet | None:
        """The worksheet called ``key``, if the module has it."""
        return next((w for w in self.worksheets if w.key == key), None)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-safe dict of the whole module (material included)."""
        return asdict(self)

    def content_hash(self) -> str:
        """A stable fingerprint: sync rewrites a module only when this changes."""
        return hashlib.sha256(json.dumps(self.as_dict(), sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass(frozen=True)
class Problem:
    """A content problem: which file, which field, what is wrong."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


@dataclass
class _Reader:
    """Collects problems while reading one descriptor."""

    path: str
    problems: list[Problem] = field(default_factory=list)

    def bad(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.path, where, message))

    def text(self, data: dict, key: str, where: str, required: bool = True) -> str:
        value = data.get(key, "")
        if not isinstance(value, str):
            self.bad(f"{where}.{key}", "must be a string")
            return ""
        if required and not value.strip():
            self.bad(f"{where}.{key}", "is required")
        return value.strip()

    def number(self, data: dict, key: str, where: str) -> float | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.bad(f"{where}.{key}", "must be a number")
            return None
        return value

    def strings(self, data: dict, key: str, where: str, minimum: int = 1) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.bad(f"{where}.{key}", "must be a list of non-empty strings")
            return ()
        if len(value) < minimum:
            self.bad(f"{where}.{key}", f"needs at least {minimum} entries")
        return tuple(v.strip() for v in value)

    def pairs(self, data: dict, key: str, where: str) -> tuple[tuple[str, str], ...]:
        """Options or items: a list of ``{key, label}`` tables with unique keys."""
        value = data.get(key, [])
        out: list[tuple[str, str]] = []
        if not isinstance(value, list) or not value:
            self.bad(f"{where}.{key}", "must be a non-empty list of {key, label}")
            return ()
        for i, entry in enumerate(value):
            if not isinstance(entry, dict) or not KEY_RE.match(str(entry.get("key", ""))) or not entry.get("label"):
                self.bad(f"{where}.{key}[{i}]", "needs a key (a-z, 0-9, _) and a label")
                continue
            out.append((entry["key"], str(entry["label"])))
        if len({k for k, _ in out}) != len(out):
            self.bad(f"{where}.{key}", "keys must be unique")
        return tuple(out)


def _column(reader: _Reader, data: Any, where: str) -> Column | None:
    if not isinstance(data, dict):
        reader.bad(where, "must be a table")
        return None
    key = str(data.get("key", ""))
    if not KEY_RE.match(key):
        reader.bad(f"{where}.key", "must match [a-z][a-z0-9_]*")
    kind = data.get("type", "text")
    if kind not in COLUMN_TYPES:
        reader.bad(f"{where}.type", f"must be one of {', '.join(COLUMN_TYPES)}")
        return None
    return Column(
        key=key,
        label=reader.text(data, "label", where),
        type=kind,
        required=bool(data.get("required")),
        options=reader.pairs(data, "options", where) if kind == "select" else (),
        min=reader.number(data, "min", where),
        max=reader.number(data, "max", where),
        integer=bool(data.get("integer")),
        max_length=int(data.get("max_length", CELL_MAX_LENGTH)),
    )


def _columns(reader: _Reader, data: dict, kind: str, where: str) -> tuple[Column, ...]:
    if kind == "process":
        labels = data.get("column_labels", {})
        if not isinstance(labels, dict):
            reader.bad(f"{where}.column_labels", "must be a table of key = label")
            labels = {}
        return tuple(
            Column(key=k, label=str(labels.get(k, label)), type=t, required=k in ("step", "actor"))
            for k, t, label in PROCESS_COLUMNS
        )
    raw = data.get("columns", [])
    if not isinstance(raw, list) or not raw:
        reader.bad(f"{where}.columns", "a table needs at least one column")
        return ()
    columns = tuple(c for i, entry in enumerate(raw) if (c := _column(reader, entry, f"{where}.columns[{i}]")))
    if len({c.key for c in columns}) != len(columns):
        reader.bad(f"{where}.columns", "column keys must be unique")
    return columns


def _field(reader: _Reader, data: Any, where: str) -> Field | None:
    if not isinstance(data, dict):
        reader.bad(where, "must be a table")
        return None
    key = str(data.get("key", ""))
    if not KEY_RE.match(key):
        reader.bad(f"{where}.key", "must match [a-z][a-z0-9_]*")
    kind = data.get("type")
    if kind not in FIELD_TYPES:
        reader.bad(f"{where}.type", f"must be one of {', '.join(FIELD_TYPES)}")
        return None
    low, high = reader.number(data, "min", where), reader.number(data, "max", where)
    if low is not None and high is not None and low > high:
        reader.bad(f"{where}.min", "must not be greater than max")
    min_rows = int(data.get("min_rows", 1 if data.get("required") and kind in ("table", "process") else 0))
    return Field(
        key=key,
        label=reader.text(data, "label", where),
        type=kind,
        required=bool(data.get("required")),
        help=reader.text(data, "help", where, required=False),
        max_length=int(data.get("max_length", DEFAULT_MAX_LENGTH.get(kind, 0))),
        min=low,
        max=high,
        integer=bool(data.get("integer")),
        unit=reader.text(data, "unit", where, required=False),
        options=reader.pairs(data, "options", where) if kind == "select" else (),
        items=reader.pairs(data, "items", where) if kind == "checklist" else (),
        scale=reader.strings(data, "scale", where, minimum=2) if kind == "checklist" else (),
        columns=_columns(reader, data, kind, where) if kind in ("table", "process") else (),
        min_rows=min_rows,
        max_rows=int(data.get("max_rows", DEFAULT_MAX_ROWS)),
        print_rows=int(data.get("print_rows", max(min_rows, 5))),
    )


def _worksheet(reader: _Reader, data: Any, where: str) -> Worksheet | None:
    if not isinstance(data, dict):
        reader.bad(where, "must be a table")
        return None
    key = str(data.get("key", ""))
    if not KEY_RE.match(key):
        reader.bad(f"{where}.key", "must match [a-z][a-z0-9_]*")
    scope = data.get("scope", "team")
    if scope not in SCOPES:
        reader.bad(f"{where}.scope", "must be 'team' or 'participant'")
    raw = data.get("fields", [])
    if not isinstance(raw, list) or not raw:
        reader.bad(f"{where}.fields", "a worksheet needs at least one field")
        raw = []
    fields = tuple(f for i, entry in enumerate(raw) if (f := _field(reader, entry, f"{where}.fields[{i}]")))
    if len({f.key for f in fields}) != len(fields):
        reader.bad(f"{where}.fields", "field keys must be unique")
    return Worksheet(
        key=key,
        title=reader.text(data, "title", where),
        scope=scope,
        instructions=reader.text(data, "instructions", where, required=False),
        fields=fields,
    )


def _module(reader: _Reader, data: dict, number: int, slug: str, material: str) -> Module:
    if data.get("number") != number:
        reader.bad("number", f"must be {number}, the number in the folder name")
    jp = reader.number(data, "jp", "module")
    if jp is None or jp <= 0:
        reader.bad("jp", "must be a positive number of lesson hours")
    activity = data.get("activity") if isinstance(data.get("activity"), dict) else {}
    if not activity:
        reader.bad("activity", "is required")
    raw = data.get("worksheets", [])
    if not isinstance(raw, list) or not raw:
        reader.bad("worksheets", "a module needs at least one worksheet")
        raw = []
    sheets = tuple(w for i, entry in enumerate(raw) if (w := _worksheet(reader, entry, f"worksheets[{i}]")))
    if len({w.key for w in sheets}) != len(sheets):
        reader.bad("worksheets", "worksheet keys must be unique within the module")
    minutes = reader.number(activity, "minutes", "activity")
    return Module(
        number=number,
        slug=slug,
        title=reader.text(data, "title", "module"),
        jp=float(jp or 0),
        summary=reader.text(data, "summary", "module"),
        objectives=reader.strings(data, "objectives", "module", 2),
        activity_title=reader.text(activity, "title", "activity"),
        activity_minutes=int(minutes or 0),
        activity_steps=reader.strings(activity, "steps", "activity", 3),
        activity_output=reader.text(activity, "output", "activity"),
        worksheets=sheets,
        material=material,
    )


def load_module(folder: Path) -> tuple[Module | None, list[Problem]]:
    """Read one module folder; returns the module (None if unreadable) and its problems."""
    match = FOLDER_RE.match(folder.name)
    if not match:
        return None, [Problem(str(folder), "folder", "name must look like NN-slug (e.g. 01-pengenalan-sop)")]
    number, slug = int(match.group(1)), folder.name[3:]
    descriptor, material_path = folder / DESCRIPTOR, folder / MATERIAL
    reader = _Reader(str(descriptor))
    try:
        data = tomllib.loads(descriptor.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [Problem(str(descriptor), "file", "is missing")]
    except tomllib.TOMLDecodeError as error:
        return None, [Problem(str(descriptor), "syntax", str(error))]
    material = material_path.read_text(encoding="utf-8") if material_path.exists() else ""
    if not material_path.exists():
        reader.problems.append(Problem(str(material_path), "file", "is missing"))
    elif len(material.split()) < MIN_MATERIAL_WORDS:
        reader.problems.append(
            Problem(
                str(material_path),
                "material",
                f"has {len(material.split())} words; at least {MIN_MATERIAL_WORDS} expected",
            )
        )
    return _module(reader, data, number, slug, material), reader.problems


def load_modules(root: Path) -> tuple[list[Module], list[Problem]]:
    """Read and validate the whole content folder: exactly modules 1..8, each well-formed."""
    root = Path(root)
    if not root.is_dir():
        return [], [Problem(str(root), "folder", "does not exist")]
    modules: list[Module] = []
    problems: list[Problem] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        module, found = load_module(folder)
        problems += found
        if module is not None:
            modules.append(module)
    numbers = [m.number for m in modules]
    for n in range(1, MODULE_COUNT + 1):
        if numbers.count(n) == 0:
            problems.append(Problem(str(root), f"module {n}", "is missing"))
        elif numbers.count(n) > 1:
            problems.append(Problem(str(root), f"module {n}", "appears more than once"))
    extra = sorted(set(numbers) - set(range(1, MODULE_COUNT + 1)))
    if extra:
        problems.append(Problem(str(root), "modules", f"unexpected module numbers {extra}"))
    return sorted(modules, key=lambda m: m.number), problems


def module_from_dict(data: dict[str, Any]) -> Module:
    """Rebuild a :class:`Module` from :meth:`Module.as_dict` (as stored by sync)."""

    def column(c: dict) -> Column:
        return Column(**{**c, "options": tuple(tuple(o) for o in c["options"])})

    def fld(f: dict) -> Field:
        return Field(
            **{
                **f,
                "options": tuple(tuple(o) for o in f["options"]),
                "items": tuple(tuple(i) for i in f["items"]),
                "scale": tuple(f["scale"]),
                "columns": tuple(column(c) for c in f["columns"]),
            }
        )

    sheets = tuple(Worksheet(**{**w, "fields": tuple(fld(f) for f in w["fields"])}) for w in data["worksheets"])
    return Module(
        **{
            **data,
            "objectives": tuple(data["objectives"]),
            "activity_steps": tuple(data["activity_steps"]),
            "worksheets": sheets,
        }
    )
