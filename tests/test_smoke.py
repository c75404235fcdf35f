"""Smoke: the app answers, health check, login for each role lands on the home page."""

from __future__ import annotations


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "redis": "not configured", "storage": "ok"}


def test_home_redirects_to_login_when_anonymous(client):
    response = client.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_login_and_home_for_each_role(client, factory):
    world = factory.world()
    for user in (world["admin"], world["a"]["facilitator"], world["a"]["mentor"], world["a"]["participants"][0]):
        client.login(user.email)
        page = client.get("/")
        assert page.status_code == 200, user.email
        assert user.name in page.get_data(as_text=True)
        client.logout()


def test_every_page_names_its_icon_so_browsers_do_not_ask_for_a_missing_favicon(client):
    page = client.get("/login").get_data(as_text=True)
    icon = page.split('rel="icon" href="', 1)[1].split('"', 1)[0]
    response = client.get(icon)
    assert response.status_code == 200 and response.mimetype == "image/svg+xml" and b"<svg" in response.data
