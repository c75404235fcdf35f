"""Question banks: list, questions, import with preview, GIFT editor, export."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from diklat.assessments.bank_services import (
    add_questions,
    bank_by_name,
    bank_counts,
    bulk_assign,
    bulk_delete,
    export_bank,
    get_or_create_bank,
    update_question,
    used_in_finished_attempts,
)
from diklat.assessments.blueprint import bp
from diklat.assessments.formats import EXPORTERS, decode, parse
from diklat.assessments.forms import BankForm, BulkForm, ImportForm, QuestionForm
from diklat.assessments.gift import parse_gift, question_to_gift
from diklat.assessments.models import Question, QuestionBank
from diklat.cohorts.access import is_facilitator_anywhere
from diklat.common.conflicts import refused_edit
from diklat.common.models import StaleEditError
from diklat.extensions import db

NEW_QUESTION = "::Nama soal::Tulis pertanyaan di sini {\n\t=jawaban benar\n\t~pengecoh 1\n\t~pengecoh 2\n}"


def _require_author() -> None:
    if not is_facilitator_anywhere(current_user):
        abort(403)


def load_bank(bank_id: int) -> QuestionBank:
    """A bank for a facilitator or admin (403 for others, 404 when missing)."""
    _require_author()
    bank = db.session.get(QuestionBank, bank_id)
    if bank is None:
        abort(404)
    return bank


def load_question(bank: QuestionBank, question_id: int) -> Question:
    """A question of ``bank`` (404 otherwise)."""
    question = db.session.get(Question, question_id)
    if question is None or question.bank_id != bank.id:
        abort(404)
    return question


@bp.route("/banks", methods=["GET", "POST"])
@login_required
def banks() -> str | Response:
    """Every question bank; create a new one."""
    _require_author()
    form = BankForm()
    if form.validate_on_submit():
        if bank_by_name(form.name.data.strip()):
            form.name.errors.append(_("A bank with this name already exists."))
        else:
            bank = get_or_create_bank(form.name.data, current_user.id, form.description.data or "")
            db.session.commit()
            flash(_("Bank created. Now import or write its questions."), "success")
            return redirect(url_for("assessments.bank", bank_id=bank.id))
    all_banks = db.session.scalars(db.select(QuestionBank).order_by(QuestionBank.name)).all()
    return render_template("assessments/banks.html", banks=all_banks, counts=bank_counts(), form=form)


@bp.route("/banks/<int:bank_id>", methods=["GET", "POST"])
@login_required
def bank(bank_id: int) -> str | Response:
    """The questions of a bank, searched and filtered; tick many to assign module/topic/points or delete."""
    bank = load_bank(bank_id)
    form = BulkForm()
    if form.validate_on_submit():
        ids = form.question_ids.data
        if form.action.data == "delete":
            count = bulk_delete(bank, ids)
            db.session.commit()
            flash(_("%(count)d question(s) deleted.", count=count), "success")
            return redirect(request.full_path if request.args else url_for("assessments.bank", bank_id=bank.id))
        count = bulk_assign(
            bank,
            ids,
            module_number=form.module_number.data,
            category=form.category.data,
            points=form.points.data,
        )
        if count:
            db.session.commit()
            flash(_("%(count)d question(s) updated.", count=count), "success")
            return redirect(request.full_path if request.args else url_for("assessments.bank", bank_id=bank.id))
        form.module_number.errors = [*form.module_number.errors, _("Give a module, a topic or points to assign.")]
    questions = list(bank.questions)
    filters = {k: request.args.get(k, "") for k in ("module", "qtype", "category", "q")}
    if filters["module"] == "none":
        questions = [q for q in questions if not q.module_number]
    if filters["q"]:
        needle = filters["q"].lower()
        questions = [q for q in questions if needle in q.name.lower() or needle in q.text.lower()]
    if filters["module"] and filters["module"] != "none":
        questions = [q for q in questions if str(q.module_number or "") == filters["module"]]
    if filters["qtype"]:
        questions = [q for q in questions if q.qtype.value == filters["qtype"]]
    if filters["category"]:
        questions = [q for q in questions if q.category == filters["category"]]
    categories = sorted({q.category for q in bank.questions if q.category})
    return render_template(
        "assessments/bank.html",
        bank=bank,
        questions=questions,
        filters=filters,
        categories=categories,
        form=form,
        selected=set(form.question_ids.data or []),
    ), (400 if form.is_submitted() and form.errors else 200)


@bp.get("/banks/<int:bank_id>/export.<fmt>")
@login_required
def export(bank_id: int, fmt: str) -> Response:
    """Download the bank as GIFT (.txt) or Moodle XML (.xml)."""
    bank = load_bank(bank_id)
    key = {"txt": "gift", "xml": "moodlexml"}.get(fmt)
    if key is None:
        abort(404)
    _, extension, mimetype = EXPORTERS[key]
    response = Response(export_bank(list(bank.questions), key), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="bank-{bank.id}.{extension}"'
    return response


def _import_source(form: ImportForm) -> str:
    if form.source.data:
        return form.source.data
    if form.file.data and getattr(form.file.data, "filename", ""):
        return decode(form.file.data.read())
    return form.text.data or ""


@bp.route("/banks/<int:bank_id>/import", methods=["GET", "POST"])
@login_required
def import_questions(bank_id: int) -> str | Response:
    """Upload or paste questions, see the preview with every problem by line, then save the good ones."""
    bank = load_bank(bank_id)
    form = ImportForm()
    if form.validate_on_submit():
        source = _import_source(form)
        result = parse(source, form.fmt.data)
        if request.form.get("action") == "save" and result.questions:
            add_questions(bank, result.questions)
            db.session.commit()
            flash(
                _(
                    "%(count)d question(s) imported; %(skipped)d skipped.",
                    count=len(result.questions),
                    skipped=len(result.problems),
                ),
                "success",
            )
            return redirect(url_for("assessments.bank", bank_id=bank.id))
        form.source.data = source
        return render_template("assessments/import_preview.html", bank=bank, form=form, result=result)
    return render_template("assessments/import.html", bank=bank, form=form)


def _parsed_from_form(form: QuestionForm) -> tuple[object | None, str | None]:
    result = parse_gift(form.gift.data or "")
    if result.problems:
        problem = result.problems[0]
        return None, _("Line %(line)d: %(reason)s", line=problem.line, reason=_(problem.message, **problem.params))
    if len(result.questions) != 1:
        return None, _("Write exactly one question.")
    parsed = result.questions[0]
    parsed.points = float(form.points.data)
    parsed.category = (form.category.data or "").strip()
    parsed.module_number = form.module_number.data
    return parsed, None


@bp.route("/banks/<int:bank_id>/questions/new", methods=["GET", "POST"], endpoint="new_question")
@bp.route("/banks/<int:bank_id>/questions/<int:question_id>", methods=["GET", "POST"])
@login_required
def edit_question(bank_id: int, question_id: int | None = None) -> str | Response:
    """Write or edit one question in GIFT; a concurrent edit is refused and what was typed is kept."""
    bank = load_bank(bank_id)
    question = load_question(bank, question_id) if question_id else None
    form = QuestionForm()
    if not form.is_submitted():
        if question is not None:
            form.gift.data = question_to_gift(question.parsed())
            form.points.data, form.category.data = question.points, question.category
            form.module_number.data, form.version.data = question.module_number, str(question.version)
        else:
            form.gift.data = NEW_QUESTION
    if form.validate_on_submit():
        parsed, problem = _parsed_from_form(form)
        if problem:
            form.gift.errors.append(problem)
        elif question is None:
            add_questions(bank, [parsed])
            db.session.commit()
            flash(_("Question saved."), "success")
            return redirect(url_for("assessments.bank", bank_id=bank.id))
        else:
            try:
                update_question(question, parsed, form.version.data)
            except StaleEditError as stale:
                code = refused_edit(
                    stale,
                    form,
                    _(
                        "Someone else changed this question while you were editing. Their version is shown in the "
                        "preview; your text is kept in the form."
                    ),
                )
                return render_template(
                    "assessments/question_form.html", bank=bank, question=question, form=form, conflict=True
                ), code
            db.session.commit()
            flash(_("Question saved."), "success")
            return redirect(url_for("assessments.bank", bank_id=bank.id))
    used = used_in_finished_attempts(question.id) if question is not None else 0
    return render_template("assessments/question_form.html", bank=bank, question=question, form=form, used=used)


@bp.post("/banks/<int:bank_id>/questions/<int:question_id>/delete")
@login_required
def delete_question(bank_id: int, question_id: int) -> Response:
    """Remove a question from the bank (tests keep their own copies)."""
    bank = load_bank(bank_id)
    question = load_question(bank, question_id)
    db.session.delete(question)
    db.session.commit()
    flash(_("Question deleted."), "success")
    return redirect(url_for("assessments.bank", bank_id=bank.id))
