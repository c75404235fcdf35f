"""The cohort's results in plain words a facilitator can read aloud; no Flask, no database.

Each sentence is ``(msgid, params)``: the view translates it and writes the numbers the locale's way.
"""

from __future__ import annotations

from dataclasses import dataclass

from diklat.assessments.stats import PairedSummary
from diklat.common.markers import N_

SIGNIFICANCE = 0.05
Sentence = tuple[str, dict[str, object]]


@dataclass(frozen=True)
class PassCount:
    """How many finished a test and how many of them reached its pass mark (KKM)."""

    taken: int
    passed: int
    pass_mark: float | None

    @property
    def failed(self) -> int:
        """Finished but below the pass mark."""
        return self.taken - self.passed


def pass_count(percents: list[float], pass_mark: float | None) -> PassCount:
    """Count the scores (0–100) at or above ``pass_mark``."""
    if pass_mark is None:
        return PassCount(len(percents), 0, None)
    return PassCount(len(percents), sum(1 for p in percents if p >= pass_mark - 1e-9), pass_mark)


def effect_word(d_z: float | None) -> str | None:
    """Cohen's rule of thumb for |d|: large ≥ 0.8, medium ≥ 0.5, small ≥ 0.2, else negligible."""
    if d_z is None:
        return None
    size = abs(d_z)
    if size >= 0.8:
        return "large"
    if size >= 0.5:
        return "medium"
    return "small" if size >= 0.2 else "negligible"


EFFECT_SENTENCES = {
    "large": N_("The change is large compared with how much participants differ from each other."),
    "medium": N_("The change is of medium size compared with how much participants differ from each other."),
    "small": N_("The change is small compared with how much participants differ from each other."),
    "negligible": N_("The change is very small compared with how much participants differ from each other."),
}


def _direction(summary: PairedSummary) -> Sentence:
    pre, post = summary.pre.mean, summary.post.mean
    if round(post, 0) > round(pre, 0):
        return N_("The mean score rose from %(pre)s to %(post)s (out of 100)."), {"pre": pre, "post": post}
    if round(post, 0) < round(pre, 0):
        return N_("The mean score fell from %(pre)s to %(post)s (out of 100)."), {"pre": pre, "post": post}
    return N_("The mean score stayed at about %(post)s (out of 100)."), {"post": post}


def _significance(summary: PairedSummary) -> Sentence:
    p = summary.t_p if summary.t_p is not None else summary.w_p
    if p is None:
        return N_("There are too few results to tell whether the change is more than chance."), {}
    if p < SIGNIFICANCE:
        return N_("This change is statistically significant: it is very unlikely to be chance."), {}
    return N_("This change is not statistically significant: it could be chance."), {}


def summary_sentences(
    summary: PairedSummary, improved: int, pre: PassCount | None, post: PassCount | None
) -> list[Sentence]:
    """Three to five short sentences: direction, how many improved, significance, size, pass counts."""
    out: list[Sentence] = []
    if summary.n:
        out.append(_direction(summary))
        out.append((N_("%(up)d of %(n)d participants improved."), {"up": improved, "n": summary.n}))
        out.append(_significance(summary))
        if word := effect_word(summary.d_z):
            out.append((EFFECT_SENTENCES[word], {}))
    else:
        out.append((N_("No participant has finished both tests yet."), {}))
    for count, msgid in (
        (post, N_("Post-test: %(passed)d of %(taken)d participants reached the pass mark of %(kkm)s.")),
        (pre, N_("Pre-test: %(passed)d of %(taken)d participants reached the pass mark of %(kkm)s.")),
    ):
        if count is not None and count.taken and count.pass_mark is not None:
            out.append((msgid, {"passed": count.passed, "taken": count.taken, "kkm": count.pass_mark}))
    return out
