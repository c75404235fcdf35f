"""Learning results of a cohort and item analysis of each test, with charts and exports."""

from __future__ import annotations

from flask import Response, render_template
from flask_babel import gettext as _
from flask_login import login_required
from markupsafe import Markup
from sqlalchemy import select

from diklat.assessments import charts, plain, stats
from diklat.assessments.blueprint import bp
from diklat.assessments.exam_services import find_test
from diklat.assessments.exam_views import load_test
from diklat.assessments.exports import to_xlsx
from diklat.assessments.labels import BAND_LABELS, CATEGORY_LABELS, FLAG_LABELS, KIND_LABELS, QTYPE_LABELS
from diklat.assessments.models import Question, TestKind
from diklat.assessments.results import (
    ParticipantResult,
    cohort_summary,
    distractor_report,
    item_report,
    participant_results,
    pre_post_by,
)
from diklat.assessments.textfmt import html_to_text
from diklat.cohorts.access import MANAGERS, load_cohort
from diklat.common.formatting import compact, number
from diklat.common.table_export import CSV, csv_bytes
from diklat.extensions import db


def _pass_counts(rows: list[ParticipantResult], pre, post) -> dict[str, plain.PassCount | None]:  # noqa: ANN001
    """Pass counts per test over the participants who finished it."""
    out: dict[str, plain.PassCount | None] = {}
    for kind, test in (("pre", pre), ("post", post)):
        attempts = [getattr(r, kind) for r in rows if getattr(r, kind) is not None]
        out[kind] = plain.pass_count([a.percent or 0.0 for a in attempts], test.pass_mark) if test else None
    return out


def plain_summary(rows: list[ParticipantResult], summary: stats.PairedSummary, counts: dict) -> list[str]:
    """The cohort's results as sentences in the viewer's language, numbers written the locale's way."""
    improved = sum(1 for r in rows if r.paired and r.gain > 0)
    sentences = plain.summary_sentences(summary, improved, counts["pre"], counts["post"])
    out = []
    for msgid, params in sentences:
        shown = {k: number(v) if isinstance(v, float) and k != "kkm" else v for k, v in params.items()}
        if "kkm" in shown:
            shown["kkm"] = compact(params["kkm"])
        out.append(_(msgid, **shown))
    return out


def _labels() -> tuple[str, str]:
    return str(KIND_LABELS["pre"]), str(KIND_LABELS["post"])


def _group_label(key: str, group: object) -> str:
    if key == "module_number":
        return _("Module %(number)s", number=group) if group else _("No module")
    return str(group) if group else _("No topic")


def _charts(rows: list[ParticipantResult], modules: list, topics: list) -> dict[str, Markup]:
    paired = [r for r in rows if r.paired]
    labels = _labels()
    return {
        "paired": Markup(
            charts.paired_chart(
                [(str(r.number), r.pre.percent, r.post.percent) for r in paired],
                _("Pre-test to post-test per participant"),
                _(
                    "Each line runs from a participant's pre-test score to their post-test score (0–100); "
                    "the numbers are in the table."
                ),
                labels,
            )
        ),
        "distribution": Markup(
            charts.distribution_chart(
                [r.pre.percent for r in paired],
                [r.post.percent for r in paired],
                _("Distribution of scores"),
                _("Number of participants per 10-point score band, pre-test beside post-test."),
                labels,
            )
        ),
        "modules": Markup(
            charts.grouped_chart(
                [(_group_label("module_number", g), a, b) for g, a, b in modules],
                _("Mean score per module"),
                _("Mean pre-test and post-test score (0–100) of the questions on each module."),
                labels,
            )
        ),
        "topics": Markup(
            charts.grouped_chart(
                [(_group_label("category", g), a, b) for g, a, b in topics],
                _("Mean score per topic"),
                _("Mean pre-test and post-test score (0–100) of the questions on each topic."),
                labels,
            )
        ),
    }


@bp.get("/cohorts/<int:cohort_id>/results")
@login_required
def results(cohort_id: int) -> str:
    """Per participant and per cohort: scores, gain, normalized gain, tests of significance, charts."""
    access = load_cohort(cohort_id, MANAGERS)
    cohort = access.cohort
    rows = participant_results(cohort)
    modules, topics = pre_post_by(cohort, rows, "module_number"), pre_post_by(cohort, rows, "category")
    pre, post = find_test(cohort_id, TestKind.PRE), find_test(cohort_id, TestKind.POST)
    summary = cohort_summary(rows)
    counts = _pass_counts(rows, pre, post)
    return render_template(
        "assessments/results.html",
        access=access,
        cohort=cohort,
        rows=rows,
        summary=summary,
        plain_summary=plain_summary(rows, summary, counts),
        pass_counts=counts,
        modules=modules,
        topics=topics,
        charts=_charts(rows, modules, topics),
        group_label=_group_label,
        pre=pre,
        post=post,
        small=stats.SMALL_COHORT,
        histogram=_histogram,
    )


def _histogram(rows: list[ParticipantResult], which: str) -> list[int]:
    """Paired participants per 10-point band of their pre- or post-test score."""
    return charts.histogram_counts([getattr(r, which).percent for r in rows if r.paired])


def _result_rows(rows: list[ParticipantResult]) -> tuple[list[str], list[list[object]]]:
    header = [
        _("No."),
        _("Name"),
        _("NIP"),
        _("Team"),
        _("Pre-test points"),
        _("Pre-test max"),
        _("Pre-test (0–100)"),
        _("Pre-test passed (KKM)"),
        _("Post-test points"),
        _("Post-test max"),
        _("Post-test (0–100)"),
        _("Post-test passed (KKM)"),
        _("Gain"),
        _("Normalized gain g"),
        _("Category"),
        _("N-gain % band"),
    ]
    out = []
    for r in rows:
        g_text = _("undefined (pre-test already 100)") if r.g_undefined else r.g
        out.append(
            [
                r.number,
                r.member.user.name,
                r.member.user.nip or "",
                r.member.team.name if r.member.team else "",
                r.pre.score if r.pre else None,
                r.pre.max_score if r.pre else None,
                r.pre.percent if r.pre else None,
                _yes_no(r.pre.passed if r.pre else None),
                r.post.score if r.post else None,
                r.post.max_score if r.post else None,
                r.post.percent if r.post else None,
                _yes_no(r.post.passed if r.post else None),
                r.gain,
                g_text,
                str(CATEGORY_LABELS[r.category]) if r.category else "",
                str(BAND_LABELS[r.band]) if r.band else "",
            ]
        )
    return header, out


def _yes_no(value: bool | None) -> str:
    return "" if value is None else (_("Yes") if value else _("No"))


def _summary_rows(summary: stats.PairedSummary, counts: dict) -> list[list[object]]:
    rows = [[_("Paired participants (n)"), summary.n]]
    for kind, count in counts.items():
        if count is not None:
            name = str(KIND_LABELS[kind])
            rows += [
                [f"{name}: {_('pass mark (KKM)')}", count.pass_mark],
                [f"{name}: {_('passed')}", count.passed],
                [f"{name}: {_('not passed')}", count.failed],
            ]
    for name, d in ((_("Pre-test"), summary.pre), (_("Post-test"), summary.post), (_("Gain"), summary.gain)):
        rows += [[f"{name}: {_('mean')}", d.mean], [f"{name}: {_('SD')}", d.sd], [f"{name}: {_('median')}", d.median]]
    rows += [
        [_("Mean of individual g"), summary.mean_g],
        [_("g of the means"), summary.g_of_means],
        [_("Paired t-test: t"), summary.t],
        [_("Paired t-test: p"), summary.t_p],
        [_("Wilcoxon signed-rank: W"), summary.w_stat],
        [_("Wilcoxon signed-rank: p"), summary.w_p],
        [_("Effect size (Cohen's d_z)"), summary.d_z],
        [_("Undefined g (pre-test 100)"), summary.undefined_g],
    ]
    rows += [[str(CATEGORY_LABELS[c]), n] for c, n in summary.categories.items()]
    rows += [[str(BAND_LABELS[b]), n] for b, n in summary.bands.items()]
    return rows


def _download(data: bytes, name: str, mimetype: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/cohorts/<int:cohort_id>/results.<fmt>")
@login_required
def results_export(cohort_id: int, fmt: str) -> Response:
    """Results as XLSX (participants, summary, modules, topics) or CSV (participants)."""
    access = load_cohort(cohort_id, MANAGERS)
    rows = participant_results(access.cohort)
    header, table = _result_rows(rows)
    if fmt == "csv":
        return _download(csv_bytes(header, table), f"results-{cohort_id}.csv", CSV)
    if fmt != "xlsx":
        return Response(status=404)
    counts = _pass_counts(rows, find_test(cohort_id, TestKind.PRE), find_test(cohort_id, TestKind.POST))
    groups = [
        [(_group_label(k, g), a, b) for g, a, b in pre_post_by(access.cohort, rows, k)]
        for k in ("module_number", "category")
    ]
    mean_header = [_("Group"), _("Pre-test mean (0–100)"), _("Post-test mean (0–100)")]
    sheets = [
        (_("Participants"), header, table),
        (_("Summary"), [_("Figure"), _("Value")], _summary_rows(cohort_summary(rows), counts)),
        (_("Modules"), mean_header, [list(g) for g in groups[0]]),
        (_("Topics"), mean_header, [list(g) for g in groups[1]]),
    ]
    return _download(to_xlsx(sheets), f"results-{cohort_id}.xlsx", XLSX)


@bp.get("/cohorts/<int:cohort_id>/tests/<int:test_id>/items")
@login_required
def items(cohort_id: int, test_id: int) -> str:
    """Item analysis of one test (DOMAIN §6): per question and for the whole test, with revision flags."""
    access = load_cohort(cohort_id, MANAGERS)
    test = load_test(access, test_id)
    report, summary = item_report(test)
    ids = [q.question_id for q, _s in report if q.question_id]
    banks = dict(db.session.execute(select(Question.id, Question.bank_id).where(Question.id.in_(ids))).all())
    return render_template(
        "assessments/items.html",
        bank_of=banks,
        distractors=distractor_report(test),
        access=access,
        cohort=access.cohort,
        test=test,
        report=report,
        summary=summary,
        stats=stats,
    )


def _item_rows(report: list) -> tuple[list[str], list[list[object]]]:
    header = [
        _("No."),
        _("Question"),
        _("Type"),
        _("Module"),
        _("Topic"),
        _("Points"),
        _("Facility (%)"),
        _("SD (%)"),
        _("Discrimination index (%)"),
        _("Discriminative efficiency (%)"),
        _("Flag"),
    ]
    rows = []
    for q, s in report:
        rows.append(
            [
                q.position,
                html_to_text(q.text)[:200],
                str(QTYPE_LABELS[q.qtype.value]),
                q.module_number or "",
                q.category,
                q.points,
                None if s.facility is None else 100 * s.facility,
                None if s.sd is None else 100 * s.sd,
                s.di,
                s.de,
                str(FLAG_LABELS[s.flag]) if s.flag else "",
            ]
        )
    return header, rows


@bp.get("/cohorts/<int:cohort_id>/tests/<int:test_id>/items.<fmt>")
@login_required
def items_export(cohort_id: int, test_id: int, fmt: str) -> Response:
    """Item analysis as XLSX (questions and test sheets) or CSV (questions)."""
    access = load_cohort(cohort_id, MANAGERS)
    test = load_test(access, test_id)
    report, summary = item_report(test)
    header, rows = _item_rows(report)
    if fmt == "csv":
        return _download(csv_bytes(header, rows), f"items-{test.kind.value}-{cohort_id}.csv", CSV)
    if fmt != "xlsx":
        return Response(status=404)
    test_rows = [
        [_("Attempts (S)"), summary.s],
        [_("Questions (p)"), summary.p],
        [_("Maximum"), summary.max_total],
        [_("Mean"), summary.mean],
        [_("Median"), summary.median],
        [_("SD"), summary.sd],
        [_("Skewness"), summary.skewness],
        [_("Kurtosis"), summary.kurtosis],
        [_("Cronbach's alpha"), summary.alpha],
        [_("Error ratio (%)"), None if summary.error_ratio is None else 100 * summary.error_ratio],
        [_("Standard error (points)"), summary.standard_error],
    ]
    sheets = [(_("Questions"), header, rows), (_("Test"), [_("Figure"), _("Value")], test_rows)]
    return _download(to_xlsx(sheets), f"items-{test.kind.value}-{cohort_id}.xlsx", XLSX)
