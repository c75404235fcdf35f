"""Signals the SOP feature emits; other features (notifications) subscribe, this one imports none of them."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# sender: the Sop; kwargs: action (workflow action name), user_id (int)
sop_status_changed = _signals.signal("sop-status-changed")
# sender: the SopComment; kwargs: sop (Sop)
sop_commented = _signals.signal("sop-commented")
