"""Background jobs: status rows, retries, in-process by default, on RQ with Redis (the machine's, key prefix)."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from diklat.common import jobs
from diklat.common.job_models import Job, JobStatus
from diklat.extensions import db
from tests.scaling import job_funcs


def _starter(app: Flask) -> None:
    """A page that starts one job of the kind named in the query string."""
    from flask import request

    def start() -> dict:
        kind = request.args["kind"]
        arg = request.args["arg"]
        func = {"record": job_funcs.record, "flaky": job_funcs.fail_first_time, "fail": job_funcs.always_fail}[kind]
        args = (arg, "hello") if kind == "record" else (arg,)
        job_id = jobs.enqueue(func, *args, job_label="Test", job_ref="test:1", job_retries=1)
        db.session.commit()
        return {"job": job_id}

    app.add_url_rule("/_test/start", "start_job", start)


def _start(app: Flask, kind: str, arg: str) -> int:
    response = app.test_client().get(f"/_test/start?kind={kind}&arg={arg}")
    response.close()  # runs the after-response callbacks, like a server does once the page is sent
    return response.get_json()["job"]


def test_embedded_job_runs_after_the_response_and_is_done(make_app, tmp_path):
    app = make_app()
    _starter(app)
    target = tmp_path / "out.txt"
    with app.app_context():
        job_id = _start(app, "record", str(target))
        assert target.read_text() == "hello\n"
        job = jobs.status(job_id)
        assert (job.status, job.attempts, job.label, job.error) == (JobStatus.DONE, 1, "Test", "")
        assert jobs.latest("test:1").id == job_id


def test_embedded_job_retries_then_reports_the_reason(make_app, tmp_path):
    app = make_app()
    _starter(app)
    with app.app_context():
        flaky = _start(app, "flaky", str(tmp_path / "flaky"))
        assert (jobs.status(flaky).status, jobs.status(flaky).attempts) == (JobStatus.DONE, 2)
        failing = _start(app, "fail", "smtp refused")
        job = db.session.get(Job, failing)
        db.session.refresh(job)
        assert job.status == JobStatus.FAILED and job.attempts == 2
        assert "ValueError: smtp refused" in job.error


def test_jobs_must_be_module_level():
    with pytest.raises(ValueError):
        jobs.func_path(lambda: None)


def _work(app: Flask) -> None:
    runner = app.test_cli_runner()
    with app.app_context():
        result = runner.invoke(args=["jobs", "worker", "--burst"])
    assert result.exit_code == 0, result.output


def test_queued_job_waits_for_the_worker(make_app, redis_settings, tmp_path):
    app = make_app(**redis_settings, JOBS_RETRY_INTERVALS=[0])
    _starter(app)
    target = tmp_path / "out.txt"
    with app.app_context():
        job_id = _start(app, "record", str(target))
        assert not target.exists()
        assert jobs.status(job_id).status == JobStatus.QUEUED
    _work(app)
    with app.app_context():
        assert target.read_text() == "hello\n"
        assert jobs.status(job_id).status == JobStatus.DONE


def test_queued_job_is_retried_and_failure_is_kept(make_app, redis_settings, tmp_path):
    app = make_app(**redis_settings, JOBS_RETRY_INTERVALS=[0])
    _starter(app)
    with app.app_context():
        flaky = _start(app, "flaky", str(tmp_path / "flaky"))
        failing = _start(app, "fail", "no route to host")
    _work(app)
    with app.app_context():
        done, failed = jobs.status(flaky), jobs.status(failing)
        assert (done.status, done.attempts) == (JobStatus.DONE, 2)
        assert (failed.status, failed.attempts) == (JobStatus.FAILED, 2)
        assert "no route to host" in failed.error


def test_redis_down_marks_the_job_failed(make_app, tmp_path):
    app = make_app(REDIS_URL="redis://127.0.0.1:1/0")
    _starter(app)
    with app.app_context():
        job_id = _start(app, "record", str(tmp_path / "x"))
        job = db.session.scalar(select(Job).where(Job.id == job_id))
        assert job.status == JobStatus.FAILED and "Connection" in job.error


def test_worker_refuses_without_redis(make_app):
    app = make_app()
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["jobs", "worker", "--burst"])
    assert result.exit_code != 0 and "DIKLAT_REDIS_URL" in result.output
