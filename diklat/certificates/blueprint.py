"""The certificates blueprint."""

from flask import Blueprint

bp = Blueprint("certificates", __name__)
