"""The monitoring blueprints: cohort pages (signed in) and the public survey (no sign-in)."""

from flask import Blueprint

bp = Blueprint("monitoring", __name__, url_prefix="/cohorts/<int:cohort_id>/monitoring")
public_bp = Blueprint("skm_public", __name__, url_prefix="/skm")
