"""``flask users ...`` commands."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from diklat.auth.services import create_user, find_user_by_email
from diklat.common.nip import nip_problem, normalize_nip
from diklat.extensions import db

users_cli = AppGroup("users", help="Manage accounts.")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--nip", default=None, help="18-digit NIP (optional)")
@click.option("--admin", is_flag=True, help="Make the account a site admin.")
def create(email: str, name: str, password: str, nip: str | None, admin: bool) -> None:
    """Create an account."""
    if find_user_by_email(email):
        raise click.ClickException(f"An account with e-mail {email} already exists.")
    if nip and (problem := nip_problem(nip)):
        raise click.ClickException(problem)
    if len(password) < 10:
        raise click.ClickException("The password needs at least 10 characters.")
    create_user(email, name, password, nip=normalize_nip(nip) if nip else None, is_admin=admin)
    db.session.commit()
    click.echo(f"Created {'admin ' if admin else ''}account {email.lower()}.")
