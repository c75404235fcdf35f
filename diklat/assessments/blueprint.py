"""The ``assessments`` blueprint shared by its view modules."""

from flask import Blueprint

bp = Blueprint("assessments", __name__)
