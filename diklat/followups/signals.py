"""Signals the follow-up feature emits; other features (notifications) subscribe, this one imports none of them."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# sender: the VisitLog; kwargs: team (Team), author_id (int)
visit_logged = _signals.signal("visit-logged")
# sender: the TrialReport; kwargs: user_id (int)
report_submitted = _signals.signal("report-submitted")
