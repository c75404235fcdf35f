"""The sops blueprint: every page lives under its cohort."""

from flask import Blueprint

bp = Blueprint("sops", __name__, url_prefix="/cohorts/<int:cohort_id>/sops")
