"""Password hashes run a bounded number at a time; a sign-in that finds no slot in time is asked to press again."""

from __future__ import annotations

import threading
import time

from diklat.auth import hashing
from diklat.auth.models import LoginAttempt
from diklat.extensions import db


def test_at_most_the_configured_number_of_hashes_run_at_once(app_ctx, monkeypatch):
    app_ctx.config["PASSWORD_HASH_SLOTS"] = 2
    running, peak, lock = [0], [0], threading.Lock()

    def slow_check(stored: str, password: str) -> bool:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        return password == "benar"

    monkeypatch.setattr(hashing, "check_password_hash", slow_check)
    results: list[bool] = []

    def one() -> None:
        with app_ctx.app_context():
            results.append(hashing.check_hash("x", "benar"))

    threads = [threading.Thread(target=one) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [True] * 8 and peak[0] == 2


def test_a_sign_in_without_a_free_slot_is_asked_to_press_again(app_ctx, client, factory):
    user = factory.user(email="peserta@example.go.id")
    db.session.commit()
    app_ctx.config.update(PASSWORD_HASH_SLOTS=1, PASSWORD_HASH_WAIT_SECONDS=0.05)
    taken = hashing._semaphore()
    assert taken.acquire(timeout=1)
    try:
        response = client.try_login(user.email, "diklat-demo")
    finally:
        taken.release()
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and response.headers["Retry-After"] == "10"
    assert "Banyak orang sedang masuk" in page and 'value="peserta@example.go.id"' in page
    assert db.session.scalar(db.select(db.func.count()).select_from(LoginAttempt)) == 0  # not a failure
    assert client.try_login(user.email, "diklat-demo").status_code == 302  # a slot is free again


def test_a_sign_in_hashes_once_whether_or_not_the_account_exists(client, factory, monkeypatch):
    """No e-mail address can be told to have an account by how fast a wrong sign-in is refused."""
    real = hashing.check_password_hash
    checks: list[str] = []

    def counted(stored: str, password: str) -> bool:
        checks.append(stored)
        return real(stored, password)

    monkeypatch.setattr(hashing, "check_password_hash", counted)
    known = factory.user()
    invited = factory.user()
    invited.set_unusable_password()  # enrolled, has not chosen a password yet
    inactive = factory.user()
    inactive.active = False
    db.session.commit()
    client.get("/login")
    for email in ("nobody@example.go.id", known.email, inactive.email, invited.email):
        checks.clear()
        response = client.post("/login", {"email": email, "password": "salah-sekali"})
        assert response.status_code == 200 and "/logout" not in response.get_data(as_text=True)
        assert len(checks) == 1, email
    decoy = checks[0]
    checks.clear()
    client.post("/login", {"email": "someone-else@example.go.id", "password": "salah-sekali"})
    assert checks == [decoy]  # made once per process, never stored on an account
    response = client.post("/login", {"email": known.email, "password": "diklat-demo"})
    assert response.status_code == 302  # the right password still signs in
