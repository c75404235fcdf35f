"""Translation marker for pure modules that must not import Flask.

``N_("text %(x)s")`` returns the text unchanged; the extractor collects it and the view
translates it later with ``gettext(message, **params)``.
"""


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now."""
    return message
