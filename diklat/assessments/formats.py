"""Import/export formats by name, and decoding uploaded files; no Flask, no database."""

from __future__ import annotations

from collections.abc import Callable

from diklat.assessments.aiken import parse_aiken
from diklat.assessments.gift import export_gift, parse_gift
from diklat.assessments.moodlexml import export_moodle_xml, parse_moodle_xml
from diklat.assessments.qtypes import ImportResult, ParsedQuestion

PARSERS: dict[str, Callable[[str], ImportResult]] = {
    "gift": parse_gift,
    "aiken": parse_aiken,
    "moodlexml": parse_moodle_xml,
}
EXPORTERS: dict[str, tuple[Callable[[list[ParsedQuestion]], str], str, str]] = {
    "gift": (export_gift, "txt", "text/plain"),
    "moodlexml": (export_moodle_xml, "xml", "application/xml; charset=utf-8"),
}


def decode(raw: bytes) -> str:
    """Text of an uploaded file: UTF-8 (with or without BOM), else Windows-1252 as old exports often are."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def parse(source: str, fmt: str) -> ImportResult:
    """Parse ``source`` written in ``fmt`` (gift, aiken, moodlexml)."""
    return PARSERS[fmt](source)
