"""Counting how SOP steps were applied, from visit observations. Pure."""

from __future__ import annotations

from collections.abc import Iterable

APPLIED, PARTLY, NOT_APPLIED = "applied", "partly", "not_applied"


def summarize(ratings: Iterable[str]) -> dict:
    """Observed steps, counts per rating and the share applied (None when nothing was observed)."""
    values = list(ratings)
    counts = {r: values.count(r) for r in (APPLIED, PARTLY, NOT_APPLIED)}
    observed = len(values)
    return {"observed": observed, **counts, "share_applied": counts[APPLIED] / observed if observed else None}


def combine(summaries: Iterable[dict]) -> dict:
    """Totals over several summaries, with the share recomputed from the totals."""
    totals = {"observed": 0, APPLIED: 0, PARTLY: 0, NOT_APPLIED: 0}
    for s in summaries:
        for key in totals:
            totals[key] += s[key]
    observed = totals["observed"]
    return {**totals, "share_applied": totals[APPLIED] / observed if observed else None}
