"""Hostile uploads: a zip bomb or an over-long CSV field to each import answers with a message in < 2 s.

The uploads go to a live server in a thread while another page is requested in parallel, so a
reader that inflated the bomb or crashed would show up as a slow or failed answer there too.
"""

from __future__ import annotations

import io
import re
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import requests
from openpyxl import Workbook
from werkzeug.serving import make_server

from diklat.common.tabular import MAX_CELL, MAX_ROWS, read_table
from diklat.common.time import utcnow
from diklat.common.zipcheck import zip_problem
from diklat.extensions import db
from diklat.monitoring.models import MonitoredService

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
BOMB_SIZE = 200 * 1024 * 1024


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """A real XLSX whose first sheet unpacks to 200 MB of repeated cells (well under 1 MB packed)."""
    book = Workbook()
    book.active.append(["a"])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                target.writestr(item, source.read(item))
                continue
            row = b'<row><c t="inlineStr"><is><t>' + b"x" * 64 + b"</t></is></c></row>"
            with target.open(item.filename, "w", force_zip64=True) as sheet:
                sheet.write(
                    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                    b'spreadsheetml/2006/main"><sheetData>'
                )
                chunk = row * (1024 * 1024 // len(row))
                for _ in range(BOMB_SIZE // len(chunk)):
                    sheet.write(chunk)
                sheet.write(b"</sheetData></worksheet>")
    data = out.getvalue()
    assert len(data) < 1024 * 1024
    return data


def test_zip_bomb_is_recognised_from_the_entry_list(zip_bomb):
    started = time.monotonic()
    assert zip_problem(zip_bomb)
    rows, problems = read_table("bomb.xlsx", zip_bomb)
    assert rows == [] and problems and time.monotonic() - started < 1


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a,b\n" + "x" * 200_000 + ",1\n", "characters"),  # past csv.field_size_limit
        ("a,b\n" + "x" * (MAX_CELL + 1) + ",1\n", "characters"),
        ("a\n" + "1\n" * (MAX_ROWS + 5), "rows"),
        ("," * 500 + "x\n", "columns"),
    ],
)
def test_csv_past_the_limits_gives_one_clear_problem(text, expected):
    rows, problems = read_table("x.csv", text.encode())
    assert rows == [] and len(problems) == 1 and expected in problems[0].message


@pytest.fixture()
def live(app, factory):
    """A live server on a free port, a world with a monitored service, and the three import URLs."""
    world = factory.world()
    a = world["a"]
    cohort = a["cohort"]
    cohort.start_date = utcnow().date() - timedelta(days=200)
    cohort.end_date = cohort.start_date + timedelta(days=2)
    team = a["teams"][0]
    service = MonitoredService(team_id=team.id, name=team.service, is_primary=True)
    db.session.add(service)
    db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    participant = a["participants"][0]  # team a1
    urls = {
        "enrolment": (a["facilitator"].email, f"/cohorts/{cohort.id}/enrol"),
        "indicators": (participant.email, f"/cohorts/{cohort.id}/monitoring/teams/{team.id}/import"),
        "skm": (participant.email, f"/cohorts/{cohort.id}/monitoring/teams/{team.id}/services/{service.id}/skm-import"),
    }
    yield base, urls
    server.shutdown()


def _signed_in(base: str, email: str) -> requests.Session:
    browser = requests.Session()
    token = CSRF.search(browser.get(f"{base}/login", timeout=10).text).group(1)
    response = browser.post(
        f"{base}/login", data={"email": email, "password": "diklat-demo", "csrf_token": token}, timeout=10
    )
    assert response.ok
    return browser


def _upload(base: str, email: str, path: str, name: str, data: bytes) -> tuple[int, str, float]:
    browser = _signed_in(base, email)
    token = CSRF.search(browser.get(base + path, timeout=10).text).group(1)
    started = time.monotonic()
    response = browser.post(base + path, data={"csrf_token": token}, files={"file": (name, data)}, timeout=30)
    return response.status_code, response.text, time.monotonic() - started


@pytest.mark.parametrize("kind", ["enrolment", "indicators", "skm"])
def test_each_import_answers_a_bomb_and_a_long_field_quickly_while_another_page_answers(live, zip_bomb, kind):
    base, urls = live
    email, path = urls[kind]
    long_field = ("nama,email\n" + "x" * 200_000 + ",a@example.go.id\n").encode()
    with ThreadPoolExecutor(max_workers=3) as pool:
        bomb = pool.submit(_upload, base, email, path, "bomb.xlsx", zip_bomb)
        field = pool.submit(_upload, base, email, path, "long.csv", long_field)
        started = time.monotonic()
        health = requests.get(f"{base}/healthz", timeout=10)
        health_seconds = time.monotonic() - started
        results = [bomb.result(), field.result()]
    assert health.status_code == 200 and health_seconds < 2
    for status, text, seconds in results:
        assert status == 422, text[:500]
        assert seconds < 2
        assert "50 MB" in text or "characters" in text or "karakter" in text
