"""``flask jobs worker`` and ``flask storage migrate``: the operations side of several servers."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from diklat.common.storage import LocalStorage, build_storage, is_shared

jobs_cli = AppGroup("jobs", help="Background jobs on the Redis queue.")
storage_cli = AppGroup("storage", help="Stored files (local folder or object storage).")


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty (for tests and cron).")
def worker(burst: bool) -> None:
    """Run queued jobs until stopped (needs DIKLAT_REDIS_URL)."""
    from rq import Queue, SimpleWorker

    from diklat.common.jobs import queue_name, redis_connection

    config = current_app.config
    if not config.get("REDIS_URL"):
        raise click.ClickException("DIKLAT_REDIS_URL is not set: jobs run inside the app servers.")
    connection = redis_connection(config)
    queue = Queue(queue_name(config), connection=connection)
    # SimpleWorker runs each job in this process, inside the app context pushed by the CLI; no fork means
    # no database connections shared between processes.
    SimpleWorker([queue], connection=connection).work(burst=burst, with_scheduler=True)


@storage_cli.command("migrate")
@click.option("--source", default=None, help="Local folder to copy from (default UPLOAD_FOLDER).")
def migrate(source: str | None) -> None:
    """Copy every local file into the configured object storage, verifying each by SHA-256."""
    config = current_app.config
    if not is_shared(config):
        raise click.ClickException("Set DIKLAT_STORAGE_URL=s3://bucket/prefix first.")
    copied, skipped, bad = copy_all(LocalStorage(source or config["UPLOAD_FOLDER"]), build_storage(config))
    click.echo(f"Storage: {copied} copied, {skipped} already there, {len(bad)} failed verification.")
    for key in bad:
        click.echo(f"  checksum mismatch: {key}", err=True)
    if bad:
        raise SystemExit(1)


def copy_all(source: LocalStorage, target) -> tuple[int, int, list[str]]:  # noqa: ANN001
    """Copy missing or different files; returns (copied, already there, keys failing verification)."""
    copied = skipped = 0
    bad: list[str] = []
    for key in source.list_keys():
        expected = source.checksum(key)
        if target.exists(key) and target.checksum(key) == expected:
            skipped += 1
            continue
        target.put(key, source.path(key))
        if target.checksum(key) == expected:
            copied += 1
        else:
            bad.append(key)
    return copied, skipped, bad
