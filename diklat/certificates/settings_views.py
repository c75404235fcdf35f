"""Certificate settings: completion rules, number pattern, signing official, signature and logo uploads."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.wrappers import Response

from diklat.certificates.blueprint import bp
from diklat.certificates.forms import SettingsForm
from diklat.certificates.services import settings_of, store_image
from diklat.cohorts.access import MANAGERS, load_cohort
from diklat.common.models import StaleEditError, check_version
from diklat.extensions import db
from diklat.followups import storage
from diklat.followups.filetypes import human_size

FIELDS = (
    "min_attendance",
    "require_post_test",
    "require_sop",
    "number_pattern",
    "institution",
    "signer_position",
    "signer_name",
    "signer_nip",
)


def _store_uploads(form: SettingsForm) -> dict[str, str] | None:
    """Keep the uploaded images; on a refusal the reason goes next to its field and nothing is kept."""
    kept: dict[str, str] = {}
    root, limit = current_app.config["UPLOAD_FOLDER"], current_app.config["UPLOAD_MAX_BYTES"]
    for name, column in (("signature", "signature_file"), ("logo", "logo_file")):
        upload = getattr(form, name).data
        if not upload or not getattr(upload, "filename", ""):
            continue
        try:
            kept[column] = store_image(upload.stream, root, limit)
        except storage.UploadRejected as rejected:
            getattr(form, name).errors.append(_(rejected.message, **rejected.params))
    if any(getattr(form, n).errors for n in ("signature", "logo")):
        storage.remove(root, list(kept.values()))
        return None
    return kept


def _page(access, form: SettingsForm, row, code: int) -> tuple[str, int]:  # noqa: ANN001
    size = human_size(current_app.config["UPLOAD_MAX_BYTES"])
    return render_template(
        "certificates/settings.html", access=access, cohort=access.cohort, form=form, row=row, max_size=size
    ), code


@bp.route("/cohorts/<int:cohort_id>/certificates/settings", methods=["GET", "POST"])
@login_required
def settings(cohort_id: int) -> tuple[str, int] | Response:
    """Edit the rules and the signer; images are checked like every other upload."""
    access = load_cohort(cohort_id, MANAGERS)
    row = settings_of(access.cohort)
    form = SettingsForm(obj=row)
    if not form.is_submitted():
        form.version.data = str(row.version)
    if form.validate_on_submit() and (kept := _store_uploads(form)) is not None:
        try:
            check_version(row, form.version.data)
        except StaleEditError as stale:
            db.session.rollback()
            storage.remove(current_app.config["UPLOAD_FOLDER"], list(kept.values()))
            form.version.data = str(stale.current_version)
            flash(
                _("Someone else changed these settings while you were editing. Your changes are kept in the form."),
                "error",
            )
            return _page(access, form, row, 409)
        old = [getattr(row, c) for c in kept if getattr(row, c)]
        for name in FIELDS:
            value = getattr(form, name).data
            setattr(row, name, value.strip() if isinstance(value, str) else value)
        row.post_test_pass_mark = (
            float(form.post_test_pass_mark.data) if form.post_test_pass_mark.data is not None else None
        )
        row.signer_nip = (form.signer_nip.data or "").replace(" ", "")
        for column, stored in kept.items():
            setattr(row, column, stored)
        db.session.commit()
        storage.remove(current_app.config["UPLOAD_FOLDER"], old)
        flash(_("Certificate settings saved."), "success")
        return redirect(url_for("certificates.index", cohort_id=cohort_id))
    db.session.commit()
    code = 422 if form.errors or form.signature.errors or form.logo.errors else 200
    return _page(access, form, row, code)


@bp.get("/cohorts/<int:cohort_id>/certificates/image/<any(signature, logo):which>")
@login_required
def image(cohort_id: int, which: str) -> Response:
    """The uploaded signature or logo, for the settings preview."""
    access = load_cohort(cohort_id, MANAGERS)
    row = settings_of(access.cohort)
    stored = row.signature_file if which == "signature" else row.logo_file
    if not stored:
        abort(404)
    return send_file(storage.path_of(current_app.config["UPLOAD_FOLDER"], stored))
