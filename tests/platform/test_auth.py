"""Sign-in, rate limiting, password change and admin reset."""

from __future__ import annotations

from diklat.auth.models import User
from diklat.extensions import db


def test_wrong_password_is_reported_next_to_field(client, factory):
    user = factory.user()
    client.get("/login")
    response = client.post("/login", {"email": user.email, "password": "salah-sekali"})
    assert response.status_code == 200
    assert 'id="password-error"' in response.get_data(as_text=True)


def test_login_is_rate_limited_per_account(client, factory, app):
    user = factory.user()
    client.get("/login")
    for _ in range(app.config["LOGIN_MAX_ATTEMPTS"]):
        client.post("/login", {"email": user.email, "password": "wrong-password"})
    response = client.post("/login", {"email": user.email, "password": "diklat-demo"})
    assert response.status_code == 429
    assert "/logout" not in response.get_data(as_text=True)


def test_login_without_csrf_token_is_refused(client, factory):
    user = factory.user()
    response = client.post("/login", {"email": user.email, "password": "diklat-demo"}, csrf=False)
    assert response.status_code == 400


def test_open_redirect_is_ignored(client, factory):
    user = factory.user()
    client.get("/login")
    response = client.post("/login?next=https://evil.example/", {"email": user.email, "password": "diklat-demo"})
    assert response.headers["Location"] == "/"


def test_change_password_ends_other_sessions(client, factory, app):
    user = factory.user()
    other = app.test_client()
    client.login(user.email)
    response = client.post(
        "/account/password", {"current": "diklat-demo", "new": "sandi-baru-123", "confirm": "sandi-baru-123"}
    )
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.check_password("sandi-baru-123")
    assert client.get("/").status_code == 200  # this session continues
    assert other.get("/").status_code == 302


def test_change_password_validation_keeps_form(client, factory):
    user = factory.user()
    client.login(user.email)
    response = client.post("/account/password", {"current": "diklat-demo", "new": "short", "confirm": "other"})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert 'id="new-error"' in body and 'id="confirm-error"' in body


def test_admin_sends_a_reset_link_instead_of_typing_a_password(client, factory):
    admin = factory.user(is_admin=True)
    user = factory.user()
    client.login(admin.email)
    response = client.post(f"/admin/users/{user.id}/password")
    assert response.status_code == 302
    response.close()  # as a server does: the queued mail job runs now
    assert db.session.get(User, user.id).check_password("diklat-demo")  # unchanged until the person acts
    from diklat.auth.token_models import Purpose, SignInToken

    db.session.expire_all()  # the mail job ran in its own session
    token = db.session.scalar(db.select(SignInToken).where(SignInToken.user_id == user.id))
    assert token.purpose == Purpose.RESET and token.mail_status.value == "sent"


def test_admin_creates_account_with_validation(client, factory):
    admin = factory.user(is_admin=True)
    client.login(admin.email)
    bad = client.post(
        "/admin/users/new", {"name": "Budi", "email": "budi@example.go.id", "nip": "123", "password": "rahasia-panjang"}
    )
    assert bad.status_code == 200
    assert 'value="Budi"' in bad.get_data(as_text=True)  # what was typed is kept
    good = client.post(
        "/admin/users/new",
        {
            "name": "Budi",
            "email": "budi@example.go.id",
            "nip": "198703152010121003",
            "password": "rahasia-panjang",
            "active": "y",
        },
    )
    assert good.status_code == 302
    budi = db.session.scalar(db.select(User).where(User.email == "budi@example.go.id"))
    assert budi.nip == "198703152010121003"
    assert not budi.has_usable_password  # the typed password field is gone: Budi gets an invitation


def test_language_switch(client, factory):
    user = factory.user()
    client.login(user.email)
    assert "Beranda" in client.get("/").get_data(as_text=True)
    client.post("/language", {"locale": "en", "next": "/"})
    assert ">Home<" in client.get("/").get_data(as_text=True)


def test_a_page_script_is_told_it_is_signed_out_in_json_and_a_tab_is_sent_to_sign_in(client):
    """An autosave after the session ended must not read the sign-in page's HTML as a lost connection."""
    client.get("/login")  # a session cookie (the form's token) exists
    accept = {"Accept": "application/json, text/html;q=0.9"}
    client.raw.get("/account", headers=accept)  # Flask-Login marks a new client's session not fresh, once
    script = client.raw.get("/account", headers=accept)
    assert script.status_code == 401
    # Nothing flashed into the session: a background request must not rewrite a cookie a sign-in elsewhere just set.
    assert "Set-Cookie" not in script.headers
    assert script.get_json()["error"] == "signed_out" and script.get_json()["url"] == "/login"
    tab = client.raw.get("/account", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert tab.status_code == 302 and tab.headers["Location"].startswith("/login?next=")


def test_a_background_fetch_that_wants_html_is_not_sent_to_sign_in_either(client):
    """The SOP checklist refresh fetches the page itself: signed out, it gets the 401, and nothing is flashed into
    the cookie (a flash per poll piled up and could overwrite a sign-in made in another tab)."""
    client.get("/login")
    client.raw.get("/account", headers={"Sec-Fetch-Mode": "cors"})  # the not-fresh mark of a new client, once
    fetch = client.raw.get("/account", headers={"Sec-Fetch-Mode": "cors", "Accept": "*/*"})
    assert fetch.status_code == 401 and fetch.get_json()["error"] == "signed_out"
    assert "Set-Cookie" not in fetch.headers
    tab = client.raw.get("/account", headers={"Sec-Fetch-Mode": "navigate", "Accept": "text/html"})
    assert tab.status_code == 302 and tab.headers["Location"].startswith("/login?next=")
    assert "Set-Cookie" in tab.headers  # the tab's "please sign in" message
