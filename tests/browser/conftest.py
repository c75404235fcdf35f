"""Browser tests: Debian's Chromium driven by Playwright against a live server on loopback."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SHOTS = Path(os.environ.get("DIKLAT_SCREENSHOTS", "/tmp/diklat-shots"))
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test."""
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of Chromium, or skip (fail in CI) when it is not installed."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("DIKLAT_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required (DIKLAT_REQUIRE_BROWSER=1) but not installed")
        pytest.skip("Chromium not installed: apt-get install chromium")
    return CHROMIUM


class InFlight:
    """WSGI middleware counting the requests still being served, after-response jobs included.

    A test's last click may still be saving (or running the job it queued) when the test ends; the database must
    not be wiped under it (on PostgreSQL the TRUNCATE and that request deadlock). ``tests.conftest.app_ctx`` calls
    :meth:`wait_idle` before wiping.
    """

    def __init__(self, app) -> None:
        self.app = app
        self.count = 0
        self.changed = threading.Condition()

    def __call__(self, environ, start_response):
        with self.changed:
            self.count += 1
        body = None
        try:
            body = self.app(environ, start_response)
            yield from body
        finally:
            try:
                if body is not None and hasattr(body, "close"):
                    body.close()  # runs the request's after-response callbacks if the last chunk did not
            finally:
                with self.changed:
                    self.count -= 1
                    self.changed.notify_all()

    def wait_idle(self, timeout: float = 20.0) -> None:
        with self.changed:
            self.changed.wait_for(lambda: self.count == 0, timeout=timeout)


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    """The app served on a free loopback port in a thread."""
    in_flight = app.extensions["tests.in_flight"] = InFlight(app)
    server = make_server("127.0.0.1", 0, in_flight, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    del app.extensions["tests.in_flight"]


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    """One Chromium for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium_path, args=ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture()
def page(browser, live_server, app_ctx):
    """A fresh page (Indonesian, desktop width) on an empty database."""
    context = browser.new_context(base_url=live_server, locale="id-ID", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture()
def phone_page(browser, live_server, app_ctx):
    """A fresh page at phone width."""
    context = browser.new_context(base_url=live_server, locale="id-ID", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(15000)
    tab = context.new_page()
    yield tab
    context.close()


def login(page, email: str, password: str = "diklat-demo") -> None:
    """Sign in through the real form."""
    page.goto("/login")
    page.get_by_label("Surel").fill(email)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state("networkidle")


def sign_in_again_from(page, link, email: str, lands_on: str) -> None:
    """Follow a status message's "sign in again" link (a new tab), sign in there, close it, and come back."""
    with page.expect_popup() as popup_info:
        link.click()
    other = popup_info.value
    other.get_by_label("Surel").fill(email)
    other.get_by_label("Kata sandi").fill("diklat-demo")
    other.get_by_role("button", name="Masuk").click()
    other.wait_for_url(lands_on)  # the sign-in leads back to the page that was left
    other.close()
    page.bring_to_front()
    page.evaluate("window.dispatchEvent(new Event('focus'))")  # headless tabs do not get the focus event


def check_accessibility(page) -> None:
    """Run axe-core on the current page; fail on serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, "\n".join(f"{v['id']}: {v['help']} ({[n['target'] for n in v['nodes']][:3]})" for v in bad)


def screenshot(page, name: str) -> Path:
    """Save a full-page PNG for a human to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
