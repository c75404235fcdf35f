"""NIP (Nomor Induk Pegawai) of Indonesian civil servants: 18 digits with structure.

Digits 1–8 birth date (YYYYMMDD), 9–14 appointment year and month (YYYYMM), 15 sex (1 man,
2 woman), 16–18 serial number.
"""

from __future__ import annotations

from datetime import date

from diklat.common.markers import N_


def nip_problem(value: str) -> str | None:
    """Return the (untranslated) reason the NIP is invalid, or None when it is valid."""
    nip = value.strip().replace(" ", "")
    if len(nip) != 18 or not nip.isdigit():
        return N_("NIP must be exactly 18 digits.")
    try:
        birth = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return N_("The first 8 digits of the NIP must be a valid birth date (YYYYMMDD).")
    appointed_year, appointed_month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= appointed_month <= 12 or appointed_year < birth.year + 15:
        return N_("Digits 9–14 of the NIP must be a valid appointment year and month (YYYYMM).")
    if nip[14] not in "12":
        return N_("Digit 15 of the NIP must be 1 or 2.")
    return None


def normalize_nip(value: str) -> str:
    """Strip spaces a person may have typed between the groups."""
    return value.strip().replace(" ", "")
