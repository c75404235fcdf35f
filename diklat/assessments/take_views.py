"""Taking a test: start or resume, answer (JSON per answer, or the whole form), submit, see the result.

Nothing in these pages carries the answer key before the attempt is finished: choices are sent as display
positions, and feedback and right answers are only shown once the test window has closed.
"""

from __future__ import annotations

from datetime import datetime

from flask import Response, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_translations
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload
from werkzeug.datastructures import MultiDict

from diklat.assessments import review
from diklat.assessments.access import load_cohort_light
from diklat.assessments.attempt_services import (
    AttemptError,
    expire_if_due,
    finalize,
    layout_for,
    remaining_seconds,
    responses,
    save_response,
    save_responses,
    start_attempt,
)
from diklat.assessments.blueprint import bp
from diklat.assessments.exam_views import load_test
from diklat.assessments.grading import is_answered
from diklat.assessments.labels import ATTEMPT_ERRORS
from diklat.assessments.layout import form_state, make_slot, response_from_fields
from diklat.assessments.models import Attempt, TestQuestion
from diklat.assessments.qtypes import matching_options
from diklat.assessments.quick_save import quick_save, response_of
from diklat.assessments.retry import retry_locked
from diklat.auth.session_identity import checks_sign_in_itself, password_change_redirect, session_identity
from diklat.cohorts.access import EVERYONE, CohortAccess
from diklat.cohorts.models import Role
from diklat.common.formatting import compact
from diklat.common.inputs import INT_MAX, json_body, schema_validator
from diklat.common.time import to_local, utcnow
from diklat.extensions import db

PARTICIPANT = frozenset({Role.PARTICIPANT.value})
# What the page script sends when one answer changes: {"question": id, "fields": [[name, value], …]}.
ANSWER_BODY = schema_validator(
    {
        "type": "object",
        "required": ["question"],
        "properties": {
            "question": {"type": "integer", "minimum": 1, "maximum": INT_MAX},
            "fields": {
                "type": "array",
                "maxItems": 200,
                "items": {
                    "type": "array",
                    "minItems": 2,
                    "maxItems": 2,
                    "items": {"type": ["string", "number", "boolean", "null"], "maxLength": 500},
                },
            },
        },
    }
)


def load_attempt(access: CohortAccess, attempt_id: int, own: bool = True) -> Attempt:
    """An attempt in the cohort: the viewer's own, or any for a manager when ``own`` is False (404 otherwise)."""
    attempt = db.session.get(Attempt, attempt_id, options=[joinedload(Attempt.test)])
    if attempt is None or attempt.test.cohort_id != access.cohort.id:
        abort(404)
    if attempt.user_id != current_user.id and (own or not access.manages):
        abort(404)
    return attempt


@bp.post("/cohorts/<int:cohort_id>/tests/<int:test_id>/start")
@login_required
def start(cohort_id: int, test_id: int) -> Response:
    """Start the test, or resume the attempt already running."""
    access = load_cohort_light(cohort_id, PARTICIPANT)
    test = load_test(access, test_id)
    now = utcnow()

    def unit() -> int:
        try:
            attempt_id = start_attempt(test, current_user.id, now).id  # read before the commit expires it
            db.session.commit()
        except IntegrityError:  # started in another tab at the same instant: resume that attempt
            db.session.rollback()
            attempt_id = start_attempt(test, current_user.id, now).id
            db.session.commit()
        return attempt_id

    try:
        attempt_id = retry_locked(unit)
    except AttemptError as error:
        db.session.commit()
        flash(str(ATTEMPT_ERRORS[error.code]), "error")
        return redirect(url_for("assessments.tests", cohort_id=cohort_id))
    return redirect(url_for("assessments.attempt", cohort_id=cohort_id, attempt_id=attempt_id))


def _slots_view(attempt: Attempt) -> list[dict]:
    answers = responses(attempt)
    questions = {q.id: q for q in attempt.test.questions}
    layout = layout_for(attempt)
    words = get_translations()  # once: a template ``_()`` per question costs more than the rest of the page
    label, legend, points = (
        words.gettext("Question %(number)d"),
        words.gettext("Question %(number)d of %(total)d"),
        words.gettext("%(points)s point(s)"),
    )
    points_text: dict[float, str] = {}  # a test has a few distinct point values; format each once
    out = []
    for number, slot in enumerate(layout, start=1):
        question = questions[slot.question_id]
        answer = answers.get(slot.question_id)
        if question.points not in points_text:
            points_text[question.points] = points % {"points": compact(question.points)}
        view = {
            "number": number,
            "label": label % {"number": number},
            "legend": legend % {"number": number, "total": len(layout)},
            "points": points_text[question.points],
            "slot": slot,
            "question": question,
            "state": form_state(slot, answer.response if answer else None),
            "answered": bool(answer and is_answered(slot.qtype, answer.response)),
            "flagged": bool(answer and answer.flagged),
        }
        if slot.choice_order:
            view["choices"] = [(pos, question.data["choices"][i]["text"]) for pos, i in enumerate(slot.choice_order)]
        if slot.pair_order:
            options = matching_options(question.data)
            view["pairs"] = [(pos, question.data["pairs"][i]["question"]) for pos, i in enumerate(slot.pair_order)]
            view["options"] = [(pos, options[i]) for pos, i in enumerate(slot.option_order)]
        out.append(view)
    return out


def _commit_then_result(attempt: Attempt, message: str | None = None) -> Response:
    """Commit, then lead to the attempt's result: its address (and the message) are made before the commit expires
    the attempt, so a thousand people submitting at once do not each read it back."""
    url = url_for("assessments.result", cohort_id=attempt.test.cohort_id, attempt_id=attempt.id)
    db.session.commit()
    if message:
        flash(message, "info")
    return redirect(url)


def _save_form(attempt: Attempt, form: MultiDict, now) -> None:  # noqa: ANN001
    fields = {key: form.getlist(key) for key in form}
    slots = layout_for(attempt)
    flagged = {slot.question_id for slot in slots if form.get(f"flag-{slot.question_id}")}
    save_responses(attempt, {slot.question_id: response_from_fields(slot, fields) for slot in slots}, now, flagged)


def _post_attempt(attempt: Attempt, now) -> Response:  # noqa: ANN001
    """Save the whole form; submit when asked to (or when the page's clock sent it at the deadline)."""
    return retry_locked(lambda: _post_attempt_once(attempt, now))


def _post_attempt_once(attempt: Attempt, now) -> Response:  # noqa: ANN001
    try:
        _save_form(attempt, request.form, now)
        if request.form.get("action") == "submit" or now >= attempt.deadline_at:
            on_time = now < attempt.deadline_at
            finalize(attempt, "submitted" if on_time else "timeout", now)
            return _commit_then_result(
                attempt, _("Your answers have been submitted.") if on_time else str(ATTEMPT_ERRORS["time_up"])
            )
    except AttemptError as error:
        return _commit_then_result(attempt, str(ATTEMPT_ERRORS[error.code]))
    review = request.form.get("action") == "review"
    endpoint = "assessments.review_attempt" if review else "assessments.attempt"
    url = url_for(endpoint, cohort_id=attempt.test.cohort_id, attempt_id=attempt.id)  # before the commit expires it
    db.session.commit()
    if not review:
        flash(_("Answers saved."), "success")
    return redirect(url)


@bp.route("/cohorts/<int:cohort_id>/attempts/<int:attempt_id>", methods=["GET", "POST"])
@login_required
def attempt(cohort_id: int, attempt_id: int) -> str | Response:
    """The test page: every question with what was already saved and the time left; saves or submits the form."""
    access = load_cohort_light(cohort_id, PARTICIPANT)
    attempt = load_attempt(access, attempt_id)
    now = utcnow()
    if request.method == "POST" and not attempt.finished:
        return _post_attempt(attempt, now)
    if expire_if_due(attempt, now):
        return _commit_then_result(
            attempt, str(ATTEMPT_ERRORS["time_up"]) if attempt.finish_reason == "timeout" else None
        )
    return render_template(
        "assessments/attempt.html",
        access=access,
        cohort=access.cohort,
        attempt=attempt,
        test=attempt.test,
        slots=_slots_view(attempt),
        remaining=remaining_seconds(attempt, now),
        deadline=to_local(attempt.deadline_at, access.cohort.timezone),
    )


@bp.get("/cohorts/<int:cohort_id>/attempts/<int:attempt_id>/review")
@login_required
def review_attempt(cohort_id: int, attempt_id: int) -> str | Response:
    """Before submitting: which questions are unanswered or flagged, each a link back to it."""
    access = load_cohort_light(cohort_id, PARTICIPANT)
    attempt = load_attempt(access, attempt_id)
    now = utcnow()
    if expire_if_due(attempt, now):
        return _commit_then_result(attempt)
    slots = _slots_view(attempt)
    return render_template(
        "assessments/attempt_review.html",
        access=access,
        cohort=access.cohort,
        attempt=attempt,
        test=attempt.test,
        slots=slots,
        unanswered=[s for s in slots if not s["answered"]],
        flagged=[s for s in slots if s["flagged"]],
        remaining=remaining_seconds(attempt, now),
        deadline=to_local(attempt.deadline_at, access.cohort.timezone),
    )


@bp.post("/cohorts/<int:cohort_id>/attempts/<int:attempt_id>/submit")
@login_required
def submit_attempt(cohort_id: int, attempt_id: int) -> Response:
    """Submit the answers already saved (from the review page)."""
    access = load_cohort_light(cohort_id, PARTICIPANT)
    attempt = load_attempt(access, attempt_id)
    now = utcnow()

    def unit() -> Response:
        if attempt.finished:
            return _commit_then_result(attempt, str(ATTEMPT_ERRORS["finished"]))
        on_time = now < attempt.deadline_at
        finalize(attempt, "submitted" if on_time else "timeout", now)
        return _commit_then_result(
            attempt, _("Your answers have been submitted.") if on_time else str(ATTEMPT_ERRORS["time_up"])
        )

    return retry_locked(unit)


@bp.post("/cohorts/<int:cohort_id>/attempts/<int:attempt_id>/answer")
@checks_sign_in_itself
def save_answer(cohort_id: int, attempt_id: int) -> tuple[Response, int] | Response:
    """Save one answer sent by the page script: ``{"question": id, "fields": [[name, value], …]}``.

    The usual case is two statements that check the account too (``quick_save``); anything unusual, a signed-out
    or replaced session included, takes the ordinary path behind ``login_required``.
    """
    payload = json_body(request.get_data(cache=False), ANSWER_BODY)
    now = utcnow()
    identity = session_identity()
    if isinstance(payload, dict) and identity is not None:
        left = retry_locked(lambda: quick_save(cohort_id, attempt_id, identity, payload, now))
        if left is not None:
            return jsonify(saved=True, remaining=left)
    return _save_answer_checked(cohort_id, attempt_id, payload, now)


@login_required
def _save_answer_checked(
    cohort_id: int, attempt_id: int, payload: object, now: datetime
) -> tuple[Response, int] | Response:
    """The full path of :func:`save_answer`: every refusal (404/403/400/409) and the time-out finalization."""
    if (change := password_change_redirect()) is not None:
        return change
    access = load_cohort_light(cohort_id, PARTICIPANT)
    attempt = load_attempt(access, attempt_id)
    if not isinstance(payload, dict):
        return jsonify(error="bad_request", message=_("The answer could not be read. Reload the page.")), 400
    question = db.session.get(TestQuestion, payload["question"])
    if question is None or question.test_id != attempt.test_id:
        return jsonify(error="bad_request", message=_("The answer could not be read. Reload the page.")), 400
    slot = make_slot(attempt.seed, question.id, question.qtype.value, question.data, attempt.test.shuffle_choices)
    response = response_of(slot, payload.get("fields"))
    flagged = payload["flagged"] if isinstance(payload.get("flagged"), bool) else None

    remaining = remaining_seconds(attempt, now)  # read before the commit expires the attempt

    def unit() -> None:
        save_response(attempt, slot.question_id, response, now, flagged)
        db.session.commit()

    try:
        retry_locked(unit)
    except AttemptError as error:
        db.session.commit()
        if error.code == "not_asked":  # outside the attempt's draw: a stale or forged page
            return jsonify(error="bad_request", message=_("The answer could not be read. Reload the page.")), 400
        return jsonify(
            error=error.code,
            message=str(ATTEMPT_ERRORS[error.code]),
            redirect=url_for("assessments.result", cohort_id=cohort_id, attempt_id=attempt.id),
        ), 409
    return jsonify(saved=True, remaining=remaining)


@bp.get("/cohorts/<int:cohort_id>/attempts/<int:attempt_id>/result")
@login_required
def result(cohort_id: int, attempt_id: int) -> str | Response:
    """The score of a finished attempt; answers and feedback once the test window has closed (or for facilitators)."""
    access = load_cohort_light(cohort_id, EVERYONE)
    attempt = load_attempt(access, attempt_id, own=False)
    now = utcnow()
    if not expire_if_due(attempt, now):
        if attempt.user_id == current_user.id:
            return redirect(url_for("assessments.attempt", cohort_id=cohort_id, attempt_id=attempt.id))
        abort(404)
    db.session.commit()
    review = access.manages or attempt.test.state(now) == "closed"
    return render_template(
        "assessments/result.html",
        access=access,
        cohort=access.cohort,
        attempt=attempt,
        test=attempt.test,
        review=review,
        slots=_slots_view(attempt) if review else [],
        answers=responses(attempt) if review else {},
        **_review_helpers(),
    )


def _review_helpers() -> dict:
    """Template helpers showing the given answer, the right answer and feedback (true/false translated)."""
    words = {"true": _("True"), "false": _("False")}

    def given(question, answer) -> list[str]:  # noqa: ANN001
        return [words.get(x, x) for x in review.given(question.qtype.value, question.data, answer and answer.response)]

    def right(question) -> list[str]:  # noqa: ANN001
        return [words.get(x, x) for x in review.right_answers(question.qtype.value, question.data)]

    def feedback(question, answer) -> list[str]:  # noqa: ANN001
        return review.feedback(question.qtype.value, question.data, answer and answer.response)

    return {"review_given": given, "review_right": right, "review_feedback": feedback}
