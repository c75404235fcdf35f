"""The cohort's tests tab: participants start or resume; facilitators set up tests and grant attempts."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from diklat.assessments.access import load_cohort_light
from diklat.assessments.attempt_services import (
    attempts_allowed,
    attempts_of,
    grant_attempt,
    grants_of,
    needs_pre_first,
    open_attempt,
    waive_order,
    waivers_of,
)
from diklat.assessments.blueprint import bp
from diklat.assessments.draw_form import draw_rows
from diklat.assessments.exam_services import (
    TestLockedError,
    copy_questions,
    find_test,
    has_attempts,
    overlapping_test,
    save_settings,
    set_questions,
)
from diklat.assessments.forms import GrantForm, TestQuestionsForm, TestSettingsForm, WaiverForm
from diklat.assessments.labels import KIND_LABELS
from diklat.assessments.models import Question, QuestionBank, Test, TestKind
from diklat.assessments.results import counted_attempts
from diklat.cohorts.access import EVERYONE, MANAGERS, CohortAccess, load_cohort
from diklat.cohorts.models import Role
from diklat.common.conflicts import refused_edit
from diklat.common.formatting import datetime as fmt_datetime
from diklat.common.inputs import int_arg
from diklat.common.models import StaleEditError, check_version
from diklat.common.time import to_local, to_utc, utcnow
from diklat.extensions import db


def window_text(test: Test, tz: str) -> str:
    """The test's window in the cohort's zone, written the locale's way."""
    return f"{fmt_datetime(to_local(test.opens_at, tz))} – {fmt_datetime(to_local(test.closes_at, tz))}"


def load_test(access: CohortAccess, test_id: int) -> Test:
    """A test of the cohort (404 otherwise)."""
    test = db.session.get(Test, test_id)
    if test is None or test.cohort_id != access.cohort.id:
        abort(404)
    return test


def parse_kind(kind: str) -> TestKind:
    """The test kind in a URL (404 for anything but pre and post)."""
    if kind not in ("pre", "post"):
        abort(404)
    return TestKind(kind)


@bp.get("/cohorts/<int:cohort_id>/tests")
@login_required
def tests(cohort_id: int) -> str:
    """Pre-test and post-test: start/resume for participants, set-up and progress for facilitators."""
    access = load_cohort_light(cohort_id, EVERYONE)
    now = utcnow()
    tests = {kind: find_test(cohort_id, kind) for kind in (TestKind.PRE, TestKind.POST)}
    mine = {}
    if access.role == Role.PARTICIPANT.value:
        for kind, test in tests.items():
            if test is not None:
                current = open_attempt(test, current_user.id, now)
                mine[kind] = {
                    "open": current,
                    "attempts": attempts_of(test, current_user.id),
                    "allowed": attempts_allowed(test, current_user.id),
                    "pre_first": kind == TestKind.POST and needs_pre_first(cohort_id, current_user.id),
                }
        db.session.commit()  # attempts past their deadline were just finalized
    progress = {}
    if access.manages:
        for kind, test in tests.items():
            if test is not None:
                progress[kind] = {
                    "finished": len(counted_attempts(test)),
                    "in_progress": sum(1 for a in test.attempts if not a.finished),
                }
    return render_template(
        "assessments/tests.html",
        access=access,
        cohort=access.cohort,
        tests=tests,
        mine=mine,
        progress=progress,
        now=now,
        to_local=to_local,
    )


@bp.route("/cohorts/<int:cohort_id>/tests/<kind>/settings", methods=["GET", "POST"])
@login_required
def edit_settings(cohort_id: int, kind: str) -> str | Response:
    """Create or edit a test's title, window, time limit and shuffling."""
    access = load_cohort(cohort_id, MANAGERS)
    test_kind = parse_kind(kind)
    test = find_test(cohort_id, test_kind)
    tz = access.cohort.timezone
    form = (
        TestSettingsForm(obj=test)
        if test
        else TestSettingsForm(title=_("Pre-test") if kind == "pre" else _("Post-test"))
    )
    if not form.is_submitted() and test is not None:
        form.opens_at.data = to_local(test.opens_at, tz).replace(tzinfo=None)
        form.closes_at.data = to_local(test.closes_at, tz).replace(tzinfo=None)
        form.version.data = str(test.version)
    if form.validate_on_submit():
        if test is not None:
            try:
                check_version(test, form.version.data)
            except StaleEditError as stale:
                code = refused_edit(
                    stale,
                    form,
                    _(
                        "Someone else changed this test while you were editing. Your changes are kept in the form; "
                        "send it again to replace theirs."
                    ),
                )
                return render_template(
                    "assessments/test_settings.html",
                    access=access,
                    cohort=access.cohort,
                    form=form,
                    test=test,
                    kind=kind,
                ), code
        test = save_settings(
            test,
            access.cohort,
            test_kind,
            title=form.title.data,
            instructions=form.instructions.data or "",
            opens_at=to_utc(form.opens_at.data, tz),
            closes_at=to_utc(form.closes_at.data, tz),
            time_limit_minutes=form.time_limit_minutes.data,
            shuffle_questions=form.shuffle_questions.data,
            shuffle_choices=form.shuffle_choices.data,
            user_id=current_user.id,
            pass_mark=form.pass_mark.data,
        )
        other = overlapping_test(test)
        db.session.commit()
        flash(_("Test saved."), "success")
        if other is not None:
            flash(
                _(
                    "The window overlaps the %(other)s (%(window)s): participants could take both at once. "
                    "Check the dates.",
                    other=str(KIND_LABELS[other.kind.value]).lower(),
                    window=window_text(other, tz),
                ),
                "warning",
            )
        target = "assessments.tests" if test.questions else "assessments.edit_questions"
        return redirect(url_for(target, cohort_id=cohort_id, kind=kind))
    return render_template(
        "assessments/test_settings.html", access=access, cohort=access.cohort, form=form, test=test, kind=kind
    )


@bp.route("/cohorts/<int:cohort_id>/tests/<kind>/questions", methods=["GET", "POST"])
@login_required
def edit_questions(cohort_id: int, kind: str) -> str | Response:
    """Choose the test's questions from a bank, or give the post-test the pre-test's form."""
    access = load_cohort(cohort_id, MANAGERS)
    test = find_test(cohort_id, parse_kind(kind))
    if test is None:
        return redirect(url_for("assessments.edit_settings", cohort_id=cohort_id, kind=kind))
    pre = find_test(cohort_id, TestKind.PRE) if kind == "post" else None
    form = TestQuestionsForm()
    if not form.is_submitted():
        form.question_ids.data = [q.question_id for q in test.questions if q.question_id]
        form.version.data = str(test.version)
    locked = has_attempts(test)
    if form.validate_on_submit() and not locked:
        try:
            check_version(test, form.version.data)
            if form.mode.data == "same" and pre is not None:
                copy_questions(pre, test)
            else:
                picked = db.session.scalars(db.select(Question).where(Question.id.in_(form.question_ids.data))).all()
                order = {qid: i for i, qid in enumerate(form.question_ids.data)}
                set_questions(test, sorted(picked, key=lambda q: (q.module_number or 99, order[q.id])))
        except StaleEditError as stale:
            refused_edit(
                stale, None, _("Someone else changed this test's questions meanwhile; check the list and save again.")
            )
            return redirect(url_for("assessments.edit_questions", cohort_id=cohort_id, kind=kind))
        except TestLockedError:
            locked = True
        else:
            db.session.commit()
            flash(_("%(count)d question(s) in the test.", count=len(test.questions)), "success")
            return redirect(url_for("assessments.tests", cohort_id=cohort_id))
    if locked and form.is_submitted():
        flash(_("Participants have started this test, so its questions can no longer change."), "error")
    return questions_page(access, test, kind, form=form, locked=locked)


def questions_page(
    access: CohortAccess,
    test: Test,
    kind: str,
    form: TestQuestionsForm | None = None,
    locked: bool | None = None,
    draw_form_rows: list | None = None,
) -> str:
    """The questions page: the bank to choose from, and the per-topic draw (with what was just typed)."""
    banks = db.session.scalars(db.select(QuestionBank).order_by(QuestionBank.name)).all()
    if form is None:
        form = TestQuestionsForm(formdata=None)
        form.question_ids.data = [q.question_id for q in test.questions if q.question_id]
        form.version.data = str(test.version)
    return render_template(
        "assessments/test_questions.html",
        access=access,
        cohort=access.cohort,
        test=test,
        form=form,
        banks=banks,
        bank=db.session.get(QuestionBank, int_arg("bank") or 0) or (banks[0] if banks else None),
        pre=find_test(access.cohort.id, TestKind.PRE) if kind == "post" else None,
        locked=has_attempts(test) if locked is None else locked,
        kind=kind,
        draw_rows=draw_form_rows if draw_form_rows is not None else draw_rows(test),
    )


@bp.get("/cohorts/<int:cohort_id>/tests/<int:test_id>/preview")
@login_required
def preview_test(cohort_id: int, test_id: int) -> str:
    """The test's questions with their answer key (facilitators only)."""
    access = load_cohort(cohort_id, MANAGERS)
    test = load_test(access, test_id)
    return render_template("assessments/test_preview.html", access=access, cohort=access.cohort, test=test)


@bp.route("/cohorts/<int:cohort_id>/tests/<int:test_id>/attempts", methods=["GET", "POST"])
@login_required
def attempt_list(cohort_id: int, test_id: int) -> str | Response:
    """Who has taken the test; grant one more attempt with a recorded reason."""
    access = load_cohort(cohort_id, MANAGERS)
    test = load_test(access, test_id)
    participants = access.cohort.members_with_role(Role.PARTICIPANT)
    choices = [(m.user_id, m.user.name) for m in participants]
    form = GrantForm()
    waiver_form = WaiverForm(prefix="waive")
    form.user_id.choices = waiver_form.user_id.choices = choices
    if request.method == "POST" and "waive-reason" in request.form:
        if test.kind == TestKind.POST and waiver_form.validate_on_submit():
            waive_order(cohort_id, waiver_form.user_id.data, waiver_form.reason.data, current_user.id)
            db.session.commit()
            flash(_("This participant may now take the post-test without the pre-test."), "success")
            return redirect(url_for("assessments.attempt_list", cohort_id=cohort_id, test_id=test.id))
    elif form.validate_on_submit():
        grant_attempt(test, form.user_id.data, form.reason.data, current_user.id)
        db.session.commit()
        flash(_("Another attempt granted."), "success")
        return redirect(url_for("assessments.attempt_list", cohort_id=cohort_id, test_id=test.id))
    by_user = {m.user_id: [a for a in test.attempts if a.user_id == m.user_id] for m in participants}
    return render_template(
        "assessments/test_attempts.html",
        access=access,
        cohort=access.cohort,
        test=test,
        participants=participants,
        by_user=by_user,
        grants=grants_of(test),
        form=form,
        waiver_form=waiver_form,
        waivers=waivers_of(cohort_id) if test.kind == TestKind.POST else [],
        to_local=to_local,
    )
