"""Friendly error pages."""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from diklat.common.urls import wants_json
from diklat.extensions import db

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Please go back and try again.")),
    403: (_l("Not allowed"), _l("You do not have permission to open this page.")),
    404: (_l("Page not found"), _l("The page does not exist or you do not have access to it.")),
    405: (_l("Not allowed"), _l("This action is not possible on this page.")),
    413: (_l("File too large"), _l("The file you sent is larger than allowed. Please send a smaller file.")),
    429: (_l("Too many requests"), _l("Please wait a moment before trying again.")),
    500: (_l("Something went wrong"), _l("An unexpected error happened. It has been logged; please try again.")),
}


def init_errors(app: Flask) -> None:
    """Render every HTTP error with the friendly template (JSON for API-ish requests)."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        title = _l("Form expired")
        text = _l(
            "The form expired or was sent from elsewhere. Go back, reload the page and send it again; "
            "what you typed is still in your browser's back page."
        )
        if wants_json():  # a page script: it keeps its copy and reloads the page for a fresh form
            message = _l("The page expired: reload it. What you entered is kept in this browser.")
            return {
                "error": "form_expired",
                "message": str(message),
                "link": str(_l("Reload the page")),
                "status": 400,
            }, 400
        return render_template("errors/error.html", code=400, title=title, text=text), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        title, text = MESSAGES.get(code, (error.name, error.description))
        if wants_json():
            return {"error": str(title), "status": code}, code
        return render_template("errors/error.html", code=code, title=title, text=text), code

    @app.errorhandler(Exception)
    def unhandled(error: Exception):
        app.logger.exception("Unhandled error")
        db.session.rollback()  # the failed request's changes must not leak into the error page or the next use
        title, text = MESSAGES[500]
        return render_template("errors/error.html", code=500, title=title, text=text), 500
