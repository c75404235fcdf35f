"""Translated labels for the codes assessments stores or computes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

QTYPE_LABELS = {
    "multichoice": _l("Multiple choice"),
    "multiresponse": _l("Multiple response"),
    "truefalse": _l("True/false"),
    "shortanswer": _l("Short answer"),
    "numerical": _l("Numerical"),
    "matching": _l("Matching"),
}
KIND_LABELS = {"pre": _l("Pre-test"), "post": _l("Post-test")}
TEST_STATE_LABELS = {"upcoming": _l("Not open yet"), "open": _l("Open now"), "closed": _l("Closed")}
CATEGORY_LABELS = {"high": _l("High"), "medium": _l("Medium"), "low": _l("Low")}
BAND_LABELS = {
    "effective": _l("Effective (> 75%)"),
    "fairly_effective": _l("Fairly effective (56–75%)"),
    "less_effective": _l("Less effective (40–55%)"),
    "not_effective": _l("Not effective (< 40%)"),
}
FLAG_LABELS = {
    "very_likely": _l("Very likely needs revision"),
    "likely": _l("Likely needs revision"),
    "no_variance": _l("Everyone scored the same: cannot discriminate"),
}
DISTRACTOR_LABELS = {
    "unused": _l("Nobody chose this distractor"),
    "attracts_upper": _l("Attracts the upper group"),
}
FINISH_LABELS = {"submitted": _l("Submitted"), "timeout": _l("Closed at the time limit")}
ATTEMPT_ERRORS = {
    "not_open": _l("This test is not open yet."),
    "closed": _l("This test is closed."),
    "no_attempts": _l("You have used your attempt. Ask the facilitator if you need another one."),
    "pre_first": _l("Submit the pre-test first: the post-test opens for you once your pre-test is in."),
    "finished": _l("This attempt has already been submitted."),
    "time_up": _l("Time is up: your attempt was submitted with the answers saved so far."),
}


def label_globals() -> dict:
    """Label dictionaries for templates."""
    return {
        "QTYPE_LABELS": QTYPE_LABELS,
        "KIND_LABELS": KIND_LABELS,
        "TEST_STATE_LABELS": TEST_STATE_LABELS,
        "GAIN_CATEGORY_LABELS": CATEGORY_LABELS,
        "BAND_LABELS": BAND_LABELS,
        "FLAG_LABELS": FLAG_LABELS,
        "FINISH_LABELS": FINISH_LABELS,
        "DISTRACTOR_LABELS": DISTRACTOR_LABELS,
    }
