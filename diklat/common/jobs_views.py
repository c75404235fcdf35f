"""The status of a background job, for the page that started it (polled by static/js/jobs.js)."""

from __future__ import annotations

from flask import Blueprint, Flask, abort
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from diklat.common.job_models import Job
from diklat.extensions import db

bp = Blueprint("jobs", __name__)

STATE_LABELS = {
    "queued": _l("Waiting"),
    "running": _l("Running"),
    "done": _l("Done"),
    "failed": _l("Failed"),
}


def job_detail(job: Job) -> str:
    """One line on when it started or finished, the try count and, for a failure, the reason."""
    if job.status.value == "queued":
        text = _("Queued at %(time)s.", time=format_datetime(job.created_at, "short"))
        return text + (" " + _("Last try failed: %(reason)s", reason=job.error) if job.error else "")
    if job.status.value == "running":
        return _("Started at %(time)s (try %(num)d).", time=format_datetime(job.started_at, "short"), num=job.attempts)
    when = format_datetime(job.finished_at, "short") if job.finished_at else ""
    if job.status.value == "done":
        return _("Finished at %(time)s.", time=when)
    return _("Failed at %(time)s after %(num)d tries: %(reason)s", time=when, num=job.attempts, reason=job.error)


@bp.get("/jobs/<int:job_id>")
@login_required
def job_json(job_id: int) -> dict:
    """Status of a job to the person who started it (or a site admin); 404 for anyone else."""
    job = db.session.get(Job, job_id)
    if job is None or not (current_user.is_admin or job.created_by_id == current_user.id):
        abort(404)
    return {
        "status": job.status.value,
        "state": str(STATE_LABELS[job.status.value]),
        "detail": job_detail(job),
        "finished": job.finished,
    }


def init_jobs(app: Flask) -> None:
    """Register the status endpoint and the template helpers of ``_macros/jobs.html``."""
    app.register_blueprint(bp)
    app.jinja_env.globals.update(job_state_label=lambda value: STATE_LABELS[value], job_detail=job_detail)
