"""Team SOPs in the official SOP AP format: editor, flowchart, checks, versions, review, export."""

from __future__ import annotations

from flask import Flask, url_for
from flask_babel import lazy_gettext as _l

from diklat.cohorts.access import EVERYONE
from diklat.common.nav import register_attention, register_cohort_tab
from diklat.curriculum.signals import team_worksheet_link

OUTLINE_MODULE = 3  # Module 3's SOP outline worksheet leads to the team's SOP


def _worksheet_link(_sender: object, *, module_number: int, cohort_id: int, team_id: int) -> str | None:
    """Module 3's worksheet points the team to its SOP in the editor."""
    if module_number != OUTLINE_MODULE:
        return None
    return url_for("sops.editor", cohort_id=cohort_id, team_id=team_id)


def init_app(app: Flask) -> None:
    """Register models, routes, the cohort tab, home-page items and template labels."""
    from diklat.sops import autosave_views, models, review_views, version_views, views  # noqa: F401 - models, routes
    from diklat.sops.attention import sop_attention
    from diklat.sops.blueprint import bp
    from diklat.sops.document import EXPLANATION_FIELDS, IDENTITY_FIELDS, KIND_LABELS, UNIT_LABELS
    from diklat.sops.export import doc_date
    from diklat.sops.workflow import STATUS_LABELS

    register_cohort_tab("sops.index", _l("SOP"), EVERYONE, order=20, group="sop")
    register_attention(sop_attention)
    team_worksheet_link.connect(_worksheet_link)
    app.jinja_env.globals.update(
        SOP_STATUS_LABELS=STATUS_LABELS,
        SOP_KIND_LABELS=KIND_LABELS,
        SOP_UNIT_LABELS=UNIT_LABELS,
        SOP_IDENTITY_FIELDS=IDENTITY_FIELDS,
        SOP_EXPLANATION_FIELDS=EXPLANATION_FIELDS,
        doc_date=doc_date,
    )
    app.register_blueprint(bp)
