"""Helpers for the access tests: run queued jobs, read the development mail folder."""

from __future__ import annotations

import email
import io
import re
from email.message import Message
from pathlib import Path

from diklat.extensions import db

HEADER = "name,nip,email,agency,unit,position,team\n"
LINK_RE = re.compile(r"http://\S+/welcome/[A-Za-z0-9_\-]+")


def done(response):
    """Close the response like a server does, so jobs queued with ``enqueue`` run; fresh reads afterwards."""
    response.close()
    db.session.expire_all()
    return response


def mails(app) -> list[Message]:
    """Every message in the mail folder, oldest first."""
    folder = Path(app.config["MAIL_FOLDER"])
    if not folder.exists():
        return []
    files = sorted(folder.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
    return [email.message_from_bytes(p.read_bytes()) for p in files]


def body(message: Message) -> str:
    """The plain-text part of a message."""
    part = message.get_body(preferencelist=("plain",)) if hasattr(message, "get_body") else message
    payload = (part or message).get_payload(decode=True)
    return payload.decode("utf-8") if payload else ""


def mails_to(app, address: str) -> list[Message]:
    """Messages to ``address``."""
    return [m for m in mails(app) if m["To"] == address]


def link_in(message: Message) -> str:
    """The sign-in link of a message, as a path."""
    match = LINK_RE.search(body(message))
    assert match, body(message)
    return "/" + match.group(0).split("/", 3)[3]


def csv_upload(text: str) -> dict:
    """Form data for the enrolment upload."""
    return {"file": (io.BytesIO(text.encode()), "peserta.csv")}


def person_row(n: int, team: str = "Kelompok Baru") -> str:
    """One CSV row with a valid NIP."""
    return f"Peserta {n},19870315201012{1 + n % 2}{n:03d},baru{n}@example.go.id,DPMPTSP,,Petugas,{team}\n"
