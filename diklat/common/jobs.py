"""Background jobs: ``enqueue(func, *args)`` runs work outside the request that asked for it.

Embedded default (no ``REDIS_URL``): the job runs in-process right after the response has been sent
(:func:`~diklat.common.after_response.call_after_response`), inside its own application context, so a slow mail server never slows the page. With ``REDIS_URL`` the
job goes to an RQ queue and ``flask jobs worker`` runs it, with retries. Either way, inside a request a
:class:`~diklat.common.job_models.Job` row tracks it (queued / running / done / failed with reason) and
``enqueue`` returns that row's id so the page that started it can show :func:`status`.

A job is a module-level function taking plain values (ids, strings), so the queue can serialise it.
Reserved keyword arguments of ``enqueue``: ``job_label`` (shown to people), ``job_ref`` (what the job is
about, e.g. ``"cohort:5:invitations"``, to find the latest job of a page) and ``job_retries``.
"""

from __future__ import annotations

import importlib
import logging
import traceback
from collections.abc import Callable
from typing import Any

from flask import Flask, after_this_request, current_app, has_app_context, has_request_context
from flask.wrappers import Response
from sqlalchemy import select

from diklat.common.after_response import call_after_response
from diklat.common.job_models import Job, JobStatus
from diklat.common.time import utcnow
from diklat.extensions import db

log = logging.getLogger(__name__)
RETRY_INTERVALS = [10, 60, 300]
_worker_app: Flask | None = None


def func_path(func: Callable[..., Any]) -> str:
    """``module:qualname`` of a module-level function (what the queue stores)."""
    if "<" in func.__qualname__:
        raise ValueError("jobs must be module-level functions")
    return f"{func.__module__}:{func.__qualname__}"


def resolve(path: str) -> Callable[..., Any]:
    """The function a ``module:qualname`` path names."""
    module, _, name = path.partition(":")
    target: Any = importlib.import_module(module)
    for part in name.split("."):
        target = getattr(target, part)
    return target


def queue_name(config: dict) -> str:
    """The RQ queue, with the configured key prefix (tests use a unique one)."""
    return f"{config.get('REDIS_KEY_PREFIX', '')}{config.get('JOBS_QUEUE', 'diklat')}"


def redis_connection(config: dict) -> Any:
    """A Redis client from ``REDIS_URL``."""
    from redis import Redis

    return Redis.from_url(config["REDIS_URL"], socket_timeout=10, socket_connect_timeout=5)


def _reason(exc: BaseException) -> str:
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()[:2000]


def _mark(job_id: int | None, **fields: Any) -> Job | None:
    if job_id is None:
        return None
    job = db.session.get(Job, job_id)
    if job is None:
        return None
    for name, value in fields.items():
        setattr(job, name, value)
    db.session.commit()
    return job


def _attempt(job_id: int | None, path: str, args: tuple, kwargs: dict, last_try: bool) -> None:
    """One try in the current app context: mark running, call, mark done/failed (re-raises on failure)."""
    job = _mark(job_id, status=JobStatus.RUNNING, started_at=utcnow())
    if job is not None:
        job.attempts += 1
        db.session.commit()
    try:
        resolve(path)(*args, **kwargs)
        db.session.commit()
    except Exception as exc:
        db.session.rollback()
        final = last_try or (job is not None and job.attempts >= job.max_attempts)
        _mark(job_id, status=JobStatus.FAILED if final else JobStatus.QUEUED, error=_reason(exc), finished_at=utcnow())
        raise
    _mark(job_id, status=JobStatus.DONE, error="", finished_at=utcnow())


def _run_embedded(app: Flask, job_id: int | None, path: str, args: tuple, kwargs: dict, tries: int) -> None:
    for number in range(1, tries + 1):
        with app.app_context():
            try:
                _attempt(job_id, path, args, kwargs, last_try=number == tries)
                return
            except Exception:  # a failed job must never break the request that queued it
                log.exception("job %s failed (try %d of %d)", path, number, tries)


def execute(job_id: int | None, path: str, args: tuple, kwargs: dict) -> None:
    """What the RQ worker runs: one try, inside an app context (re-raises so RQ retries)."""
    if has_app_context():
        with current_app.app_context():
            _attempt(job_id, path, args, kwargs, last_try=False)
        return
    global _worker_app
    if _worker_app is None:
        from diklat import create_app

        _worker_app = create_app()
    with _worker_app.app_context():
        _attempt(job_id, path, args, kwargs, last_try=False)


def _push(app: Flask, job_id: int | None, path: str, args: tuple, kwargs: dict, tries: int) -> None:
    from rq import Queue, Retry

    queue = Queue(queue_name(app.config), connection=redis_connection(app.config))
    intervals = list(app.config.get("JOBS_RETRY_INTERVALS") or RETRY_INTERVALS)[: tries - 1]
    retry = Retry(max=tries - 1, interval=intervals or 0) if tries > 1 else None
    queue.enqueue(execute, job_id, path, args, kwargs, retry=retry, job_timeout=app.config.get("JOBS_TIMEOUT", 1800))


def _ensure_row(app: Flask, job_id: int, row: dict) -> int:
    """After the response: the request's transaction is over; recreate the row if it was rolled back."""
    with app.app_context():
        if db.session.get(Job, job_id) is not None:
            return job_id
        job = Job(**row)
        db.session.add(job)
        db.session.commit()
        return job.id


def _new_row(path: str, label: str, ref: str, tries: int) -> dict:
    from flask_login import current_user

    user_id = current_user.id if getattr(current_user, "is_authenticated", False) else None
    return {"func": path, "label": label[:200], "ref": ref[:100], "max_attempts": tries, "created_by_id": user_id}


def enqueue(
    func: Callable[..., Any],
    *args: Any,
    job_label: str = "",
    job_ref: str = "",
    job_retries: int = 2,
    **kwargs: Any,
) -> int | None:
    """Run ``func(*args, **kwargs)`` in the background; returns the Job row id (None outside a request).

    Inside a request the row joins the request's transaction (the view commits as usual) and the job
    starts after the response. Outside a request with no queue configured, the job runs now.
    """
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    path = func_path(func)
    tries = max(1, job_retries + 1)
    queued = bool(app.config.get("REDIS_URL"))
    if not has_request_context():
        if queued:
            _push(app, None, path, args, kwargs, tries)
        else:
            _run_embedded(app, None, path, args, kwargs, 1)
        return None
    row = _new_row(path, job_label, job_ref, tries)
    job = Job(**row)
    db.session.add(job)
    db.session.flush()
    job_id = job.id

    def start() -> None:
        real_id = _ensure_row(app, job_id, row)
        if queued:
            try:
                _push(app, real_id, path, args, kwargs, tries)
            except Exception as exc:  # Redis down: say so on the job instead of leaving it queued forever
                log.exception("could not queue job %s", path)
                with app.app_context():
                    _mark(real_id, status=JobStatus.FAILED, error=_reason(exc), finished_at=utcnow())
        else:
            _run_embedded(app, real_id, path, args, kwargs, tries)

    @after_this_request
    def _schedule(response: Response) -> Response:
        # The view has committed what it meant to keep. Whatever is still pending (a job row queued after the
        # view's commit) is discarded now rather than at teardown, so no write lock outlives the request
        # while the job runs; start() recreates a discarded row.
        db.session.rollback()
        call_after_response(start)
        return response

    return job_id


def status(job_id: int | None) -> Job | None:
    """The job row (for a status line on the page that started it)."""
    return db.session.get(Job, job_id) if job_id else None


def latest(ref: str) -> Job | None:
    """The newest job about ``ref``."""
    return db.session.scalar(select(Job).where(Job.ref == ref).order_by(Job.id.desc()).limit(1))
