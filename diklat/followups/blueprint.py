"""The ``followups`` blueprint, shared by the view modules."""

from flask import Blueprint

bp = Blueprint("followups", __name__)
