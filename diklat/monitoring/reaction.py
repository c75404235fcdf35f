"""Course-feedback (Kirkpatrick level 1) summaries: pure."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping

from diklat.common.formatting import round_half_up
from diklat.common.markers import N_

RATING_SCALE = (1, 2, 3, 4, 5)
MODULES = {
    1: N_("Introduction to SOP and friendly-service principles"),
    2: N_("Process mapping from the user's side"),
    3: N_("Writing a short, plain SOP"),
    4: N_("Service-time standards and indicators"),
    5: N_("Counter simulation and role-play"),
    6: N_("Complaints and feedback"),
    7: N_("Inter-agency coordination and referral"),
    8: N_("Monitoring, evaluation and SOP improvement"),
}


def rating_summary(values: Iterable[int | None]) -> dict:
    """n, mean, standard deviation and the count per rating; None figures when nobody answered."""
    given = [v for v in values if v in RATING_SCALE]
    return {
        "n": len(given),
        "mean": float(round_half_up(statistics.fmean(given), 2)) if given else None,
        "sd": float(round_half_up(statistics.stdev(given), 2)) if len(given) > 1 else None,
        "counts": {r: given.count(r) for r in RATING_SCALE},
    }


def summarise(forms: list[Mapping], facilitators: Mapping[str, str]) -> dict:
    """Per module and per facilitator summaries of feedback forms.

    ``forms`` are dicts with ``module_ratings`` ("1".."8" → 1–5), ``facilitator_ratings`` (id → 1–5),
    ``liked`` and ``improve``; ``facilitators`` maps a facilitator id (text) to a name.
    """
    modules = [
        {"number": n, "title": title, **rating_summary(f["module_ratings"].get(str(n)) for f in forms)}
        for n, title in MODULES.items()
    ]
    people = [
        {"id": key, "name": name, **rating_summary(f["facilitator_ratings"].get(key) for f in forms)}
        for key, name in facilitators.items()
    ]
    all_module_ratings = [v for f in forms for v in f["module_ratings"].values()]
    return {
        "respondents": len(forms),
        "modules": modules,
        "facilitators": people,
        "overall": rating_summary(all_module_ratings),
        "liked": [f["liked"].strip() for f in forms if f["liked"].strip()],
        "improve": [f["improve"].strip() for f in forms if f["improve"].strip()],
    }
