"""Each access test gets its own mail folder."""

import pytest


@pytest.fixture(autouse=True)
def _own_mail_folder(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_FOLDER", str(tmp_path / "mail"))
