"""Indonesian mode: no figure written with a decimal point on the assessments pages and CSV exports;
the shared formatters round half-up and write dates and times the Indonesian way."""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction

import pytest

from diklat.assessments.models import Test, TestKind
from diklat.common import formatting as f
from diklat.demo import run_demo_seed
from diklat.extensions import db

POINT_NUMBER = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])")


def _decimals(text: str) -> list[str]:
    """Numbers with a decimal point, leaving out Indonesian clock times ("13.45")."""
    return [n for n in POINT_NUMBER.findall(text) if not TIME.fullmatch(n)]


TIME = re.compile(r"([01]?\d|2[0-3])\.[0-5]\d")


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: f.decimal(3.025, 2, "id"), "3,03"),
        (lambda: f.decimal(2.675, 2, "id"), "2,68"),
        (lambda: f.decimal(Fraction(121, 40), 2, "id"), "3,03"),
        (lambda: f.decimal(72.25, 1, "id"), "72,3"),
        (lambda: f.compact(4.33333, 2, "id"), "4,33"),
        (lambda: f.number(1234567, 0, "id"), "1.234.567"),
        (lambda: f.pvalue(2.15e-6, "id"), "< 0,0001"),
        (lambda: f.pvalue(0.5, "id"), "0,500"),
        (lambda: f.date_range(dt.date(2026, 12, 8), dt.date(2026, 12, 10), "id"), "8–10 Desember 2026"),
        (lambda: f.date_range(dt.date(2026, 11, 28), dt.date(2026, 12, 10), "id"), "28 November – 10 Desember 2026"),
        (lambda: f.time(dt.time(13, 45), "id"), "13.45"),
        (lambda: f.datetime(dt.datetime(2026, 12, 2, 6, 6), locale="id"), "2 Desember 2026 06.06"),
        (lambda: f.filesize(10 * 1024 * 1024, "id"), "10 MB"),
        (lambda: f.filesize(1572864, "id"), "1,5 MB"),
        (lambda: f.decimal(None), "—"),
    ],
)
def test_formatters(call, expected):
    assert call() == expected


def test_no_decimal_point_in_indonesian_pages_and_csv(client, app_ctx):
    run_demo_seed()
    pre = db.session.scalar(db.select(Test).where(Test.kind == TestKind.PRE))
    cohort = pre.cohort_id
    client.login("fasilitator@diklat.example")
    urls = [
        f"/cohorts/{cohort}/tests",
        f"/cohorts/{cohort}/results",
        f"/cohorts/{cohort}/gradebook",
        f"/cohorts/{cohort}/tests/{pre.id}/items",
        f"/cohorts/{cohort}/tests/{pre.id}/attempts",
        f"/cohorts/{cohort}/tests/{pre.id}/preview",
        f"/cohorts/{cohort}/schedule",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        found = _decimals(_visible_text(response.get_data(as_text=True)))
        assert not found, (url, found[:5])
    for url in (f"/cohorts/{cohort}/results.csv", f"/cohorts/{cohort}/tests/{pre.id}/items.csv"):
        text = client.get(url).data.decode("utf-8-sig")
        found = _decimals(text)
        assert not found, (url, found[:5])
