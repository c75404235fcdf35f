"""Certificates of a cohort: completion list, settings, issue, revoke/reissue, downloads, JP export."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response as WerkzeugResponse

from diklat.certificates import bundles, exports
from diklat.certificates.blueprint import bp
from diklat.certificates.documents import certificate_pdf, file_name
from diklat.certificates.forms import RevokeForm
from diklat.certificates.models import BundleStatus, Certificate, CertificateBundle
from diklat.certificates.queries import certificates_of, completions
from diklat.certificates.services import (
    CertificateError,
    issue_for_completed,
    missing_for_issue,
    reissue,
    revoke,
    settings_of,
)
from diklat.cohorts.access import EVERYONE, MANAGERS, load_cohort, role_in
from diklat.cohorts.models import Role
from diklat.common.jobs import enqueue
from diklat.common.models import commit_first_use
from diklat.common.table_export import CSV
from diklat.extensions import db

PREFIX = "/cohorts/<int:cohort_id>/certificates"


def _load_certificate(cohort_id: int, certificate_id: int, roles: frozenset[str] = MANAGERS) -> tuple:
    access = load_cohort(cohort_id, roles)
    certificate = db.session.get(Certificate, certificate_id)
    if certificate is None or certificate.cohort_id != access.cohort.id:
        abort(404)
    if not access.manages and certificate.user_id != current_user.id:
        abort(404)
    return access, certificate


def _index_page(access, revoke_forms: dict | None = None, code: int = 200):  # noqa: ANN001
    cohort = access.cohort
    settings = settings_of(cohort)
    if revoke_forms is None:
        commit_first_use()  # the default settings row, created on first visit (before loading: commit expires)
    everyone = certificates_of(cohort.id)
    forms = {c.id: RevokeForm(formdata=None, prefix=f"c{c.id}") for c in everyone if c.valid}
    forms.update(revoke_forms or {})
    return render_template(
        "certificates/index.html",
        access=access,
        cohort=cohort,
        settings=settings,
        missing=[_(m) for m in missing_for_issue(settings)],
        participants=sorted(cohort.members_with_role(Role.PARTICIPANT), key=lambda m: m.user.name.lower()),
        completions=completions(cohort),
        valid={c.user_id: c for c in everyone if c.valid},
        revoked=[c for c in everyone if not c.valid],
        revoke_forms=forms,
        failed=set(revoke_forms or {}),
        bundle=bundles.latest(cohort.id),
        jp_year=cohort.end_date.year,
    ), code


@bp.get(PREFIX)
@login_required
def index(cohort_id: int) -> tuple:
    """Who completed (and which rules the others miss), their certificates, and the actions."""
    return _index_page(load_cohort(cohort_id, MANAGERS))


@bp.post(PREFIX + "/issue")
@login_required
def issue(cohort_id: int) -> WerkzeugResponse:
    """Issue certificates to everyone who completed and has none yet."""
    access = load_cohort(cohort_id, MANAGERS)
    try:
        issued = issue_for_completed(access.cohort, current_user)
    except CertificateError as error:
        db.session.rollback()
        flash(_("Certificates were not issued: %(what)s", what=" ".join(_(p) for p in error.problems)), "error")
        return redirect(url_for("certificates.index", cohort_id=cohort_id))
    db.session.commit()
    flash(_("%(num)d certificates issued.", num=len(issued)), "success")
    return redirect(url_for("certificates.index", cohort_id=cohort_id))


@bp.post(PREFIX + "/<int:certificate_id>/revoke")
@login_required
def revoke_certificate(cohort_id: int, certificate_id: int) -> tuple | WerkzeugResponse:
    """Revoke with a reason; with ``reissue`` a replacement is issued under a new number."""
    access, certificate = _load_certificate(cohort_id, certificate_id)
    form = RevokeForm(prefix=f"c{certificate.id}")
    if not form.validate_on_submit():
        return _index_page(access, {certificate.id: form}, 422)
    if request.form.get("reissue"):
        try:
            replacement = reissue(certificate, form.reason.data, current_user)
        except CertificateError as error:
            db.session.rollback()
            flash(" ".join(_(p) for p in error.problems), "error")
            return redirect(url_for("certificates.index", cohort_id=cohort_id))
        db.session.commit()
        flash(_("Certificate revoked and reissued as %(number)s.", number=replacement.number), "success")
    else:
        revoke(certificate, form.reason.data)
        db.session.commit()
        flash(_("Certificate %(number)s revoked.", number=certificate.number), "info")
    return redirect(url_for("certificates.index", cohort_id=cohort_id))


@bp.get(PREFIX + "/<int:certificate_id>.pdf")
@login_required
def download(cohort_id: int, certificate_id: int) -> Response:
    """One certificate as PDF: for managers and for its owner."""
    access, certificate = _load_certificate(cohort_id, certificate_id, EVERYONE)
    if not certificate.valid and not access.manages:
        abort(404)
    body = certificate_pdf(certificate, settings_of(access.cohort))
    response = Response(body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{file_name(certificate)}"'
    return response


@bp.post(PREFIX + "/bundle/<any(pdf, zip):fmt>")
@login_required
def request_bundle(cohort_id: int, fmt: str) -> WerkzeugResponse:
    """Queue the bulk download; the page shows its status."""
    access = load_cohort(cohort_id, MANAGERS)
    bundle = bundles.request_bundle(access.cohort.id, fmt)
    db.session.commit()
    enqueue(bundles.build_bundle, bundle.id, request.host_url)
    flash(_("The bulk download is being prepared. Reload this page in a moment."), "info")
    return redirect(url_for("certificates.index", cohort_id=cohort_id) + "#bundle")


@bp.get(PREFIX + "/bundle/<int:bundle_id>")
@login_required
def bundle_file(cohort_id: int, bundle_id: int) -> Response:
    """A finished bulk download."""
    access = load_cohort(cohort_id, MANAGERS)
    bundle = db.session.get(CertificateBundle, bundle_id)
    if bundle is None or bundle.cohort_id != access.cohort.id or bundle.status != BundleStatus.DONE:
        abort(404)
    mimetype = "application/pdf" if bundle.fmt == "pdf" else "application/zip"
    name = f"sertifikat-{access.cohort.id}.{bundle.fmt}"
    return send_file(bundles.bundle_path(bundle), mimetype=mimetype, as_attachment=True, download_name=name)


def _table(rows: list, fmt: str, name: str) -> Response:
    body = exports.to_xlsx(rows) if fmt == "xlsx" else exports.to_csv(rows)
    response = Response(body, mimetype=exports.XLSX if fmt == "xlsx" else CSV)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@bp.get(PREFIX + "/jp.<any(csv, xlsx):fmt>")
@login_required
def jp_export(cohort_id: int, fmt: str) -> Response:
    """The cohort's JP records for the personnel office."""
    access = load_cohort(cohort_id, MANAGERS)
    return _table(exports.cohort_rows(access.cohort.id), fmt, f"jp-angkatan-{access.cohort.id}")


@bp.get("/my/jp/<int:year>.<any(csv, xlsx):fmt>")
@login_required
def my_jp(year: int, fmt: str) -> Response:
    """The signed-in person's JP records of one year (every course with a valid certificate)."""
    if not 2000 <= year <= 2100:
        abort(404)
    return _table(exports.person_rows(current_user.id, year), fmt, f"jp-{year}")


@bp.get(PREFIX + "/people/<int:user_id>/jp/<int:year>.<any(csv, xlsx):fmt>")
@login_required
def person_jp(cohort_id: int, user_id: int, year: int, fmt: str) -> Response:
    """A participant's JP records of one year: the courses the viewer facilitates (every course for admins)."""
    access = load_cohort(cohort_id, MANAGERS)
    member = role_in(access.cohort.id, user_id)
    if member is None or member.role != Role.PARTICIPANT or not 2000 <= year <= 2100:
        abort(404)
    rows = exports.person_rows(user_id, year, None if current_user.is_admin else current_user.id)
    return _table(rows, fmt, f"jp-{member.user.nip or member.user_id}-{year}")
