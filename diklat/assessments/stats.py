"""Learning gain and item analysis (DOMAIN §5–6); plain numbers in, plain numbers out; no Flask, no database.

Item analysis follows Moodle's quiz statistics: sample (S−1) variances, discrimination against the rest of
the test, discriminative efficiency against the largest covariance the marks allow, Cronbach's α, and
skewness/kurtosis from sample k-statistics.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import stats as sps

HIGH, MEDIUM, LOW = "high", "medium", "low"
CATEGORIES = (HIGH, MEDIUM, LOW)
BANDS = ("effective", "fairly_effective", "less_effective", "not_effective")
VERY_LIKELY, LIKELY, NO_VARIANCE = "very_likely", "likely", "no_variance"
DI_VERY_LIKELY, DI_LIKELY = 30.0, 50.0
ALPHA_GOOD, ALPHA_POOR = 0.75, 0.64
SMALL_COHORT = 50


def normalized_gain(pre: float, post: float, maximum: float = 100.0) -> float | None:
    """Hake's g = (post − pre) / (max − pre); None (undefined) when pre is already the maximum."""
    if pre >= maximum:
        return None
    return (post - pre) / (maximum - pre)


def gain_category(g: float | None) -> str | None:
    """high (g ≥ 0.7), medium (0.3 ≤ g < 0.7), low (g < 0.3); None when g is undefined."""
    if g is None:
        return None
    if g >= 0.7:
        return HIGH
    return MEDIUM if g >= 0.3 else LOW


def ngain_band(g: float | None) -> str | None:
    """Indonesian N-gain % reading: < 40, [40, 56), [56, 75], > 75 (half-open to close the published gaps)."""
    if g is None:
        return None
    percent = g * 100
    if percent > 75:
        return "effective"
    if percent >= 56:
        return "fairly_effective"
    return "less_effective" if percent >= 40 else "not_effective"


@dataclass
class Describe:
    """n, mean, sample SD, median, min and max of a list of numbers (None where not computable)."""

    n: int
    mean: float | None = None
    sd: float | None = None
    median: float | None = None
    minimum: float | None = None
    maximum: float | None = None


def describe(values: list[float] | np.ndarray) -> Describe:
    """Summary of ``values``; SD uses n − 1 and needs two values."""
    arr = np.asarray(values, dtype=float)
    if arr.size == 0:
        return Describe(0)
    sd = float(np.std(arr, ddof=1)) if arr.size > 1 else None
    return Describe(int(arr.size), float(arr.mean()), sd, float(np.median(arr)), float(arr.min()), float(arr.max()))


@dataclass
class PairedSummary:
    """Cohort figures over the participants who took both tests (scores as 0–100)."""

    n: int
    pre: Describe
    post: Describe
    gain: Describe
    mean_g: float | None
    n_g: int
    g_of_means: float | None
    t: float | None
    df: int | None
    t_p: float | None
    w_stat: float | None
    w_p: float | None
    d_z: float | None
    categories: dict[str, int] = field(default_factory=dict)
    bands: dict[str, int] = field(default_factory=dict)
    undefined_g: int = 0


def paired_t(pre: np.ndarray, post: np.ndarray) -> tuple[float | None, int | None, float | None]:
    """Paired t statistic, degrees of freedom and two-sided p (None when n < 2 or no spread in the gains)."""
    d = post - pre
    if d.size < 2:
        return None, None, None
    sd = float(np.std(d, ddof=1))
    if sd == 0:
        return None, int(d.size - 1), None
    t = float(d.mean() / (sd / np.sqrt(d.size)))
    return t, int(d.size - 1), float(2 * sps.t.sf(abs(t), d.size - 1))


def wilcoxon(pre: np.ndarray, post: np.ndarray) -> tuple[float | None, float | None]:
    """Wilcoxon signed-rank statistic and two-sided p (scipy; zero differences dropped); None when undefined."""
    d = post - pre
    if np.count_nonzero(d) == 0:
        return None, None
    result = sps.wilcoxon(post, pre)
    return float(result.statistic), float(result.pvalue)


def cohens_dz(pre: np.ndarray, post: np.ndarray) -> float | None:
    """Effect size for paired scores: mean gain / SD of the gains."""
    d = post - pre
    if d.size < 2:
        return None
    sd = float(np.std(d, ddof=1))
    return float(d.mean() / sd) if sd else None


def paired_summary(pre: list[float], post: list[float], maximum: float = 100.0) -> PairedSummary:
    """Everything DOMAIN §5 asks for, over paired (pre, post) scores."""
    a, b = np.asarray(pre, dtype=float), np.asarray(post, dtype=float)
    gains = [normalized_gain(x, y, maximum) for x, y in zip(a, b, strict=True)]
    defined = [g for g in gains if g is not None]
    categories = {c: sum(1 for g in defined if gain_category(g) == c) for c in CATEGORIES}
    bands = {band: sum(1 for g in defined if ngain_band(g) == band) for band in BANDS}
    t, df, t_p = paired_t(a, b)
    w_stat, w_p = wilcoxon(a, b)
    g_means = normalized_gain(float(a.mean()), float(b.mean()), maximum) if a.size else None
    return PairedSummary(
        n=int(a.size),
        pre=describe(a),
        post=describe(b),
        gain=describe(b - a),
        mean_g=float(np.mean(defined)) if defined else None,
        n_g=len(defined),
        g_of_means=g_means,
        t=t,
        df=df,
        t_p=t_p,
        w_stat=w_stat,
        w_p=w_p,
        d_z=cohens_dz(a, b),
        categories=categories,
        bands=bands,
        undefined_g=len(gains) - len(defined),
    )


@dataclass
class ItemStats:
    """Per question: facility and SD as fractions of its max mark, DI and DE in % (None if undefined)."""

    facility: float | None
    sd: float | None
    di: float | None
    de: float | None
    flag: str | None


@dataclass
class TestStats:
    """Whole-test figures over S attempts of p items (totals in points)."""

    s: int
    p: int
    max_total: float
    mean: float | None = None
    median: float | None = None
    sd: float | None = None
    skewness: float | None = None
    kurtosis: float | None = None
    alpha: float | None = None
    error_ratio: float | None = None
    standard_error: float | None = None
    small: bool = True


def k_statistics(values: np.ndarray) -> tuple[float | None, float | None, float | None]:
    """Sample k-statistics k2, k3, k4 (each None when there are too few values)."""
    s = values.size
    dev = values - values.mean()
    m2, m3, m4 = (float(np.mean(dev**r)) for r in (2, 3, 4))
    k2 = s * m2 / (s - 1) if s > 1 else None
    k3 = s * s * m3 / ((s - 1) * (s - 2)) if s > 2 else None
    k4 = s * s * ((s + 1) * m4 - 3 * (s - 1) * m2 * m2) / ((s - 1) * (s - 2) * (s - 3)) if s > 3 else None
    return k2, k3, k4


def item_flag(di: float | None) -> str | None:
    """Moodle's reading of the discrimination index."""
    if di is None:
        return NO_VARIANCE
    if di < DI_VERY_LIKELY:
        return VERY_LIKELY
    return LIKELY if di < DI_LIKELY else None


def _item(x: np.ndarray, rest: np.ndarray, max_mark: float) -> ItemStats:
    """One item over the attempts that were asked it: marks ``x`` and the rest of each attempt's total."""
    s = x.size
    if s < 2:
        return ItemStats(None if s == 0 else float(x.mean() / max_mark), None, None, None, None)
    xc, rc = x - x.mean(), rest - rest.mean()
    var_x, var_r = (xc**2).sum() / (s - 1), (rc**2).sum() / (s - 1)
    cov = (xc * rc).sum() / (s - 1)
    cov_max = ((np.sort(x) - x.mean()) * (np.sort(rest) - rest.mean())).sum() / (s - 1)
    product = var_x * var_r
    di = float(100 * cov / np.sqrt(product)) if product > 0 else None
    de = float(100 * cov / cov_max) if cov_max else None
    return ItemStats(float(x.mean() / max_mark), float(np.sqrt(var_x) / max_mark), di, de, item_flag(di))


def _items(x: np.ndarray, max_marks: np.ndarray) -> list[ItemStats]:
    """Per item, over the attempts that were asked it (NaN marks a question an attempt's draw left out)."""
    asked = ~np.isnan(x)
    totals = np.where(asked, x, 0.0).sum(axis=1)
    out = []
    for i in range(x.shape[1]):
        rows = asked[:, i]
        out.append(_item(x[rows, i], totals[rows] - x[rows, i], float(max_marks[i])))
    return out


def _test(x: np.ndarray, max_marks: np.ndarray) -> TestStats:
    s, p = x.shape
    asked = ~np.isnan(x)
    drawn = not asked.all()
    max_total = float(np.where(asked, max_marks, 0.0).sum(axis=1).mean()) if drawn and s else float(max_marks.sum())
    result = TestStats(s=s, p=p, max_total=max_total, small=s < SMALL_COHORT)
    if s == 0:
        return result
    total = np.where(asked, x, 0.0).sum(axis=1)
    result.mean, result.median = float(total.mean()), float(np.median(total))
    k2, k3, k4 = k_statistics(total)
    if k2:
        result.sd = float(np.sqrt(k2))
        result.skewness = k3 / k2**1.5 if k3 is not None else None
        result.kurtosis = k4 / k2**2 if k4 is not None else None
    if p > 1 and s > 2 and k2 and not drawn:  # alpha needs every item in every attempt
        alpha = p / (p - 1) * (1 - float(np.var(x, axis=0, ddof=1).sum()) / k2)
        result.alpha = alpha
        result.error_ratio = float(np.sqrt(1 - alpha))
        result.standard_error = float(np.sqrt(k2)) * result.error_ratio
    return result


def item_analysis(marks: list[list[float]] | np.ndarray, max_marks: list[float]) -> tuple[list[ItemStats], TestStats]:
    """Per-item and whole-test statistics for an S × p matrix of marks (rows: attempts, columns: items).

    A NaN mark is a question the attempt was not asked (parallel forms): each item is then analysed over the
    attempts that were asked it, and the whole-test alpha is not reported.
    """
    m = np.asarray(max_marks, dtype=float)
    x = np.asarray(marks, dtype=float).reshape(-1, m.size)
    return _items(x, m), _test(x, m)
