"""Sending e-mail: SMTP from configuration, or .eml files in ``MAIL_FOLDER`` (development and tests).

Shared by every feature: ``send_mail(to, subject, text, html=None)``.
"""

from __future__ import annotations

import os
import smtplib
import uuid
from collections.abc import Iterable
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app


def build_message(sender: str, to: Iterable[str], subject: str, text: str, html: str | None = None) -> EmailMessage:
    """A UTF-8 message with a plain-text part and an optional HTML alternative."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1].strip(">") or "diklat.local")
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    return message


def write_to_folder(message: EmailMessage, folder: str) -> Path:
    """Write the message as an .eml file (atomically: a reader never sees half a file)."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    name = f"{uuid.uuid4().hex}.eml"
    temp = target / f".{name}.tmp"
    temp.write_bytes(bytes(message))
    os.replace(temp, target / name)
    return target / name


def send_smtp(message: EmailMessage, config: dict) -> None:
    """Deliver through the configured SMTP server (STARTTLS and login when configured)."""
    with smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=30) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        smtp.send_message(message)


def send_mail(to: str | Iterable[str], subject: str, text: str, html: str | None = None) -> EmailMessage:
    """Send one message to ``to`` with the app's configuration; returns the message sent."""
    config = current_app.config
    recipients = [to] if isinstance(to, str) else list(to)
    message = build_message(config["MAIL_SENDER"], recipients, subject, text, html)
    if config.get("MAIL_FOLDER"):
        write_to_folder(message, config["MAIL_FOLDER"])
    else:
        send_smtp(message, config)
    return message
