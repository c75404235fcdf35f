"""The ``curriculum`` blueprint, shared by the curriculum view modules."""

from flask import Blueprint

bp = Blueprint("curriculum", __name__, url_prefix="/cohorts/<int:cohort_id>/modules")
