"""Notification fixtures: the curriculum world (content synced, modules open) and the mail folder."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tests.curriculum.conftest import synced, world  # noqa: F401 - fixtures reused


@pytest.fixture()
def mailbox(app_ctx):
    """Read the .eml files written since the test began: [(to, subject, body)]."""
    folder = Path(app_ctx.config["MAIL_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    before = set(folder.glob("*.eml"))

    def read() -> list[tuple[str, str, str]]:
        mails = []
        for path in sorted(set(folder.glob("*.eml")) - before, key=lambda p: p.stat().st_mtime_ns):
            message = message_from_bytes(path.read_bytes(), policy=policy.default)
            mails.append((str(message["To"]), str(message["Subject"]), message.get_body(("plain",)).get_content()))
        return mails

    return read
