"""The ``cohorts`` blueprint, shared by the cohort view modules."""

from flask import Blueprint

bp = Blueprint("cohorts", __name__, url_prefix="/cohorts")
