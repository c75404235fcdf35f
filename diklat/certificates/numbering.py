"""Certificate numbers from a per-cohort pattern such as ``{seq:03}/SERT/DIKLAT-SOP/{year}``. Pure."""

from __future__ import annotations

import secrets
import string

from diklat.common.markers import N_

CODE_ALPHABET = "".join(c for c in string.ascii_uppercase + string.digits if c not in "0O1IL")
CODE_LENGTH = 10


def format_number(pattern: str, seq: int, year: int) -> str:
    """The number for sequence ``seq`` in ``year``."""
    return pattern.format(seq=seq, year=year)


def pattern_problem(pattern: str) -> str | None:
    """Why the pattern cannot number certificates (untranslated), or None."""
    if "{seq" not in pattern:
        return N_("The pattern must contain {seq}, for example {seq:03}/SERT/DIKLAT-SOP/{year}.")
    try:
        first, second = format_number(pattern, 1, 2026), format_number(pattern, 2, 2026)
    except (KeyError, ValueError, IndexError, AttributeError):
        return N_("Only {seq} (optionally {seq:03}) and {year} may appear in braces.")
    if first == second:
        return N_("The pattern must contain {seq}, for example {seq:03}/SERT/DIKLAT-SOP/{year}.")
    return None


def new_code() -> str:
    """A random verification code (10 characters without look-alikes: ~48 bits), never sequential."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
