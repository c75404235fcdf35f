"""Module-level job functions for the job tests (a queue can only run importable functions)."""

from __future__ import annotations

from pathlib import Path


def record(path: str, text: str) -> None:
    """Append one line."""
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(text + "\n")


def fail_first_time(path: str) -> None:
    """Fail until a marker file exists (the first try creates it)."""
    marker = Path(path)
    if not marker.exists():
        marker.write_text("tried")
        raise RuntimeError("mail server busy")
    record(path + ".done", "ok")


def always_fail(reason: str) -> None:
    """Never succeeds."""
    raise ValueError(reason)
