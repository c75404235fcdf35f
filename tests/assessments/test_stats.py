"""Statistics against scipy/numpy on generated data (1e-9) and on small cases worked by hand."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as sps

from diklat.assessments import stats

TOL = 1e-9


@pytest.mark.parametrize(
    ("pre", "post", "g", "category", "band"),
    [
        (40, 82, 0.7, "high", "fairly_effective"),
        (50, 65, 0.3, "medium", "not_effective"),
        (20, 60, 0.5, "medium", "less_effective"),
        (50, 60, 0.2, "low", "not_effective"),
        (20, 100, 1.0, "high", "effective"),
        (60, 50, -0.25, "low", "not_effective"),
        (100, 100, None, None, None),
        (0, 55.5, 0.555, "medium", "less_effective"),  # 55.5 % falls in the published gap: [40, 56)
        (0, 75, 0.75, "high", "fairly_effective"),  # 75 % is still "fairly effective"
        (0, 75.5, 0.755, "high", "effective"),
    ],
)
def test_normalized_gain_category_and_band(pre, post, g, category, band):
    value = stats.normalized_gain(pre, post)
    assert value == (pytest.approx(g) if g is not None else None)
    assert stats.gain_category(value) == category
    assert stats.ngain_band(value) == band


def test_paired_summary_small_case_by_hand():
    pre, post = [40, 50, 60, 100], [70, 50, 80, 100]
    s = stats.paired_summary(pre, post)
    # gains 30, 0, 20, 0 → mean 12.5, SD sqrt((17.5² + 12.5² + 7.5² + 12.5²) / 3) = sqrt(675 / 3) = 15
    assert s.n == 4 and s.gain.mean == 12.5
    assert s.gain.sd == pytest.approx(15.0, abs=TOL)
    assert s.t == pytest.approx(12.5 / (15.0 / 2), abs=TOL) and s.df == 3
    assert s.d_z == pytest.approx(12.5 / 15.0, abs=TOL)
    # g: 0.5, 0, 0.5, undefined → mean 1/3 over 3; g of means: (75 − 62.5) / 37.5 = 1/3
    assert s.mean_g == pytest.approx(1 / 3, abs=TOL) and s.n_g == 3 and s.undefined_g == 1
    assert s.g_of_means == pytest.approx(1 / 3, abs=TOL)
    assert s.categories == {"high": 0, "medium": 2, "low": 1}
    assert s.pre.median == 55 and s.post.median == 75


def test_paired_summary_against_scipy_on_generated_data():
    rng = np.random.default_rng(7)
    pre = rng.uniform(10, 80, 40)
    post = np.clip(pre + rng.normal(15, 10, 40), 0, 100)
    s = stats.paired_summary(list(pre), list(post))
    t = sps.ttest_rel(post, pre)
    w = sps.wilcoxon(post, pre)
    assert s.t == pytest.approx(t.statistic, abs=TOL) and s.t_p == pytest.approx(t.pvalue, rel=1e-9, abs=1e-15)
    assert s.w_stat == pytest.approx(w.statistic, abs=TOL) and s.w_p == pytest.approx(w.pvalue, rel=1e-9)
    assert s.pre.sd == pytest.approx(np.std(pre, ddof=1), abs=TOL)
    assert s.post.median == pytest.approx(np.median(post), abs=TOL)
    d = post - pre
    assert s.d_z == pytest.approx(d.mean() / d.std(ddof=1), abs=TOL)


def test_paired_summary_degenerate_cases():
    same = stats.paired_summary([50, 60], [50, 60])
    assert same.t is None and same.w_p is None and same.d_z is None
    empty = stats.paired_summary([], [])
    assert empty.n == 0 and empty.mean_g is None and empty.g_of_means is None


def moodle_reference(x: np.ndarray, max_marks: np.ndarray):
    """Straightforward loops over Moodle's definitions, to check the vectorized code."""
    _s, p = x.shape
    total = x.sum(axis=1)
    out = []
    for i in range(p):
        xi, ri = x[:, i], total - x[:, i]
        cov = np.cov(xi, ri, ddof=1)[0, 1]
        cov_max = np.cov(np.sort(xi), np.sort(ri), ddof=1)[0, 1]
        di = 100 * sps.pearsonr(xi, ri).statistic
        out.append((xi.mean() / max_marks[i], xi.std(ddof=1) / max_marks[i], di, 100 * cov / cov_max))
    alpha = p / (p - 1) * (1 - x.var(axis=0, ddof=1).sum() / total.var(ddof=1))
    return out, total, alpha


def test_item_analysis_against_numpy_and_scipy():
    rng = np.random.default_rng(11)
    ability = rng.normal(0, 1, 300)
    difficulty = rng.normal(0, 1, 25)
    max_marks = rng.choice([1.0, 2.0], 25)
    p = 1 / (1 + np.exp(-(ability[:, None] - difficulty[None, :])))
    x = (rng.random((300, 25)) < p) * max_marks
    x[:, 3] = np.round(rng.random(300) * 4) / 2  # partial credit on one item
    items, test = stats.item_analysis(x, list(max_marks))
    reference, total, alpha = moodle_reference(x, max_marks)
    for item, (facility, sd, di, de) in zip(items, reference, strict=True):
        assert item.facility == pytest.approx(facility, abs=TOL)
        assert item.sd == pytest.approx(sd, abs=TOL)
        assert item.di == pytest.approx(di, abs=TOL)
        assert item.de == pytest.approx(de, abs=TOL)
    assert test.mean == pytest.approx(total.mean(), abs=TOL)
    assert test.sd == pytest.approx(total.std(ddof=1), abs=TOL)
    assert test.skewness == pytest.approx(sps.skew(total, bias=False), abs=TOL)
    assert test.kurtosis == pytest.approx(sps.kurtosis(total, bias=False), abs=TOL)
    k2, k3, k4 = (sps.kstat(total, n) for n in (2, 3, 4))
    assert test.skewness == pytest.approx(k3 / k2**1.5, abs=TOL)
    assert test.kurtosis == pytest.approx(k4 / k2**2, abs=TOL)
    assert test.alpha == pytest.approx(alpha, abs=TOL)
    assert test.error_ratio == pytest.approx(np.sqrt(1 - alpha), abs=TOL)
    assert test.standard_error == pytest.approx(total.std(ddof=1) * np.sqrt(1 - alpha), abs=TOL)
    assert not test.small


def test_item_analysis_small_case_by_hand():
    # 4 attempts × 2 one-point items. Item 1: 1,1,0,0; item 2: 1,0,1,0; totals 2,1,1,0.
    x = [[1, 1], [1, 0], [0, 1], [0, 0]]
    items, test = stats.item_analysis(x, [1, 1])
    # facility 0.5; var 1/3 → sd 0.57735; rest of item 1 = item 2, corr 0 → DI 0; cov_max = (0.25·4)/3 → DE 0
    assert items[0].facility == 0.5 and items[0].sd == pytest.approx(np.sqrt(1 / 3), abs=TOL)
    assert items[0].di == pytest.approx(0, abs=TOL) and items[0].de == pytest.approx(0, abs=TOL)
    assert items[0].flag == stats.VERY_LIKELY
    # Var(X) = 2/3, ΣVar = 2/3 → α = 2·(1 − 1) = 0; skewness 0 (symmetric)
    assert test.alpha == pytest.approx(0, abs=TOL) and test.skewness == pytest.approx(0, abs=TOL)
    assert test.mean == 1 and test.median == 1 and test.small


def test_item_analysis_undefined_values():
    items, _test = stats.item_analysis([[1, 0], [1, 1], [1, 0]], [1, 1])
    assert items[0].di is None and items[0].de is None and items[0].flag == stats.NO_VARIANCE
    one = stats.item_analysis([[1, 0]], [1, 1])
    assert one[0][0].facility == 1 and one[0][0].di is None and one[1].alpha is None and one[1].sd is None
    empty = stats.item_analysis(np.zeros((0, 3)), [1, 1, 1])
    assert empty[1].s == 0 and empty[0][0].facility is None


@pytest.mark.parametrize(
    ("di", "flag"),
    [(-5, "very_likely"), (29.9, "very_likely"), (30, "likely"), (49.9, "likely"), (50, None), (None, "no_variance")],
)
def test_item_flags(di, flag):
    assert stats.item_flag(di) == flag


def test_distractor_analysis_thirds_and_flags():
    from diklat.assessments.distractors import ATTRACTS_UPPER, UNUSED, analyse, thirds

    totals = [10, 9, 8, 5, 4, 3, 2, 1, 0]
    assert thirds(totals) == ([2, 1, 0], [8, 7, 6])
    # option 0 is the key; option 1 is chosen by the upper third more than the lower; option 2 nobody
    picks = [{0}, {1}, {1}, {0}, {0}, {3}, {3}, {3}, {0}]
    stats = analyse(totals, picks, [1.0, 0.0, 0.0, 0.0])
    assert stats[0].correct and stats[0].flag is None and stats[0].upper == 1 / 3
    assert stats[1].flag == ATTRACTS_UPPER and stats[1].upper == 2 / 3 and stats[1].lower == 0
    assert stats[2].flag == UNUSED and stats[2].overall == 0
    assert stats[3].flag is None and stats[3].lower == 2 / 3
