"""The keyness measures of one term in a target against a reference, vectorised over terms:
G² (two- and four-term), Williams' correction, χ² with Yates' correction, the exact
conditional test, Log Ratio, simple maths, the scaled F-score, and Benjamini–Hochberg."""
from __future__ import annotations

import numpy as np
from scipy.special import erfc, ndtr, xlogy

__all__ = ["log_likelihood", "williams_q", "chi2_yates", "exact_p", "KEYNESS_TESTS", "log_ratio", "simple_maths", "scaled_f_score", "benjamini_hochberg"]



# --- measures -------------------------------------------------------------------------------
def log_likelihood(f1, f2, n1, n2, *, form: str = "two-term") -> np.ndarray:
    """Signed log-likelihood G² (Dunning 1993), in the two-term or the four-term form.

    Two-term (Rayson & Garside 2000; the UCREL log-likelihood wizard):
    ``E1 = n1·(f1+f2)/N``, ``E2 = n2·(f1+f2)/N``, ``G² = 2·[f1·ln(f1/E1) + f2·ln(f2/E2)]``
    with ``N = n1 + n2`` and a zero count contributing 0.  Four-term: ``2·Σ O·ln(O/E)``
    over the whole 2×2 table (the term and every other token, in target and reference),
    the G-test of independence that AntConc and quanteda (``textstat_keyness(measure =
    "lr")``) report.  The two differ slightly, most where the term is a large share of a
    side.  The sign is that of ``f1/n1 − f2/n2``: negative when the term is rarer in the
    target.

    Examples
    --------
    >>> round(float(log_likelihood(10, 5, 1000, 2000)), 4)
    6.9315
    >>> round(float(log_likelihood(10, 5, 1000, 2000, form="four-term")), 4)
    6.9692
    """
    if form not in ("two-term", "four-term"):
        raise ValueError(f"The 'form' parameter of log_likelihood must be one of "
                         f"{{'two-term', 'four-term'}}. Got {form!r} instead.")
    f1, f2, n1, n2 = (np.asarray(x, dtype=float) for x in (f1, f2, n1, n2))
    n = n1 + n2
    e1, e2 = n1 * (f1 + f2) / n, n2 * (f1 + f2) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2.0 * (xlogy(f1, np.where(f1 > 0, f1 / e1, 1.0))
                    + xlogy(f2, np.where(f2 > 0, f2 / e2, 1.0)))
        if form == "four-term":
            o3, o4 = n1 - f1, n2 - f2
            e3, e4 = n1 - e1, n2 - e2
            g2 = g2 + 2.0 * (xlogy(o3, np.where(o3 > 0, o3 / e3, 1.0))
                             + xlogy(o4, np.where(o4 > 0, o4 / e4, 1.0)))
    return np.sign(f1 / n1 - f2 / n2) * g2


def williams_q(f1, f2, n1, n2) -> np.ndarray:
    """Williams' (1976) correction factor q of the G-test on the 2×2 table: G²/q is
    referred to χ²(1).  ``q = 1 + (N·Σ 1/row − 1)(N·Σ 1/col − 1) / (6N)`` for one degree of
    freedom, rows the term and the other tokens, columns the two corpora (as Deducer's
    ``likelihood.test(conservative = TRUE)``, against which quanteda tests its ``lr``).

    Examples
    --------
    >>> round(float(williams_q(7, 2, 10, 9)), 5)       # quanteda's test table
    1.07953
    """
    f1, f2, n1, n2 = (np.asarray(x, dtype=float) for x in (f1, f2, n1, n2))
    n = n1 + n2
    rows = 1 / (f1 + f2) + 1 / (n - f1 - f2)
    cols = 1 / n1 + 1 / n2
    with np.errstate(divide="ignore", invalid="ignore"):
        return 1 + (n * rows - 1) * (n * cols - 1) / (6 * n)


def chi2_yates(f1, f2, n1, n2) -> np.ndarray:
    """Signed Pearson χ² of the 2×2 table with Yates' continuity correction.

    ``Σ (|O − E| − c)² / E`` over the four cells, ``c = min(0.5, |O − E|)`` (as R's
    ``chisq.test`` and SciPy's ``chi2_contingency(correction=True)``, so the correction
    never overshoots); quanteda's ``textstat_keyness`` default.  Signed as
    :func:`log_likelihood`.

    Examples
    --------
XX
    3.2727
    """
    f1, f2, n1, n2 = (np.asarray(x, dtype=float) for x in (f1, f2, n1, n2))
    n = n1 + n2
    cells = [(f1, n1 * (f1 + f2) / n), (f2, n2 * (f1 + f2) / n),
             (n1 - f1, n1 * (n - f1 - f2) / n), (n2 - f2, n2 * (n - f1 - f2) / n)]
    with np.errstate(divide="ignore", invalid="ignore"):
        stat = sum(np.where(e > 0, (np.abs(o - e) - np.minimum(0.5, np.abs(o - e))) ** 2 / e,
                            0.0) for o, e in cells)
    return np.sign(f1 / n1 - f2 / n2) * stat


def exact_p(f1, f2, n1, n2, *, reference_fixed: bool = False) -> np.ndarray:
    """Two-sided exact p-value of a term's frequency in the target against the reference.

    Conditional on the term's total ``f1 + f2``, the target's count is binomial with
    ``p0 = n1 / (n1 + n2)`` under the null of equal rates (the test behind Evert's LRC and
    Fisher's exact test with the sizes fixed); with ``reference_fixed`` (a reference
    known in advance, such as general English) it is Poisson with mean
    ``n1 · f2 / n2``.  Two-sided as twice the smaller tail, capped at 1.  Vectorised over
    arrays (SciPy's ``binom`` and ``poisson`` distribution functions).

    Examples
    --------
    >>> exact_p([3, 10], [0, 10], 1000, 1000).round(4).tolist()   # 3 vs 0: 2 * 0.5**3
    [0.25, 1.0]
    """
    from scipy.stats import binom, poisson

    f1, f2, n1, n2 = (np.asarray(x, dtype=float) for x in (f1, f2, n1, n2))
    k = np.rint(f1)
    if reference_fixed:
        mu = n1 * f2 / n2
        lower, upper = poisson.cdf(k, mu), poisson.sf(k - 1, mu)
    else:
        m = np.rint(f1 + f2)
        p0 = n1 / (n1 + n2)
        lower, upper = binom.cdf(k, m, p0), binom.sf(k - 1, m, p0)
    return np.minimum(1.0, 2.0 * np.minimum(lower, upper))


#: The tests keyness offers for its p-values (``test=``).
KEYNESS_TESTS = ("exact", "g2", "g2_four_term", "g2_williams", "chi2_yates")
TEST_NAMES = {
    "exact": "exact conditional binomial test (Poisson against a fixed reference), "
             "two-sided",
    "g2": "two-term log-likelihood G² (Rayson & Garside 2000) against χ²(1)",
    "g2_four_term": "four-term log-likelihood G² (AntConc, quanteda) against χ²(1)",
    "g2_williams": "four-term log-likelihood G² with Williams' correction (quanteda's lr "
                   "default) against χ²(1)",
    "chi2_yates": "Pearson χ² with Yates' correction (quanteda's default) against χ²(1)",
}


def p_values(test: str, f1, f2, n1, n2, g2, *, english: bool) -> np.ndarray:
    if test == "exact":
        return exact_p(f1, f2, n1, n2, reference_fixed=english)
    if test == "g2":
        return chi2_sf_1(np.abs(g2))
    if test == "g2_four_term":
        return chi2_sf_1(np.abs(log_likelihood(f1, f2, n1, n2, form="four-term")))
    if test == "g2_williams":
        g4 = log_likelihood(f1, f2, n1, n2, form="four-term")
        return chi2_sf_1(np.abs(g4) / williams_q(f1, f2, n1, n2))
    return chi2_sf_1(np.abs(chi2_yates(f1, f2, n1, n2)))


def log_ratio(f1, f2, n1, n2, *, zero: float = 0.5) -> np.ndarray:
    """Log Ratio (Hardie 2014): ``log2((f1/n1) / (f2/n2))``, a zero count replaced by ``zero``.

    CQPweb replaces a zero frequency by 0.5; so does this function (on either side),
    so a term absent from one side gets a finite, conservative value.  The replacement
    may shrink a difference but never reverse it: where half a count in a small side is
    a higher rate than the other side's count (0 of 300 words against 1 of 1,200), the
    absent term would come out as *more* frequent where it is absent, so the value is
    0 instead (the data cannot tell the rates apart); with both counts zero it is 0.

    Examples
    --------
    >>> float(log_ratio(20, 10, 1000, 1000)), float(log_ratio(4, 0, 1000, 1000))
    (1.0, 3.0)
    >>> log_ratio([0, 0, 3], [1, 8, 0], 300, 1200).round(3).tolist()   # 0.5/300 > 1/1200
    [0.0, -2.0, 4.585]
    """
    f1, f2 = np.asarray(f1, dtype=float), np.asarray(f2, dtype=float)
    lr = np.log2((np.where(f1 > 0, f1, zero) / np.asarray(n1, dtype=float))
                 / (np.where(f2 > 0, f2, zero) / np.asarray(n2, dtype=float)))
    return not_reversed(lr, f1 == 0, f2 == 0)


def not_reversed(lr, absent1, absent2) -> np.ndarray:
    """``lr`` with no sign against the observed direction: at most 0 where the target's
    count is 0, at least 0 where the reference's is (see :func:`log_ratio`); in place
    when ``lr`` is a float array."""
    lr = np.asarray(lr, dtype=float)
    np.minimum(lr, 0, out=lr, where=absent1)
    np.maximum(lr, 0, out=lr, where=absent2)
    return lr


def simple_maths(f1, f2, n1, n2, *, k: float = 1.0) -> np.ndarray:
    """Kilgarriff's (2009) "simple maths" ratio: ``(f1/n1·10^6 + k) / (f2/n2·10^6 + k)``.

    Frequencies per million words, each plus the constant ``k``: a term absent from the
    reference gets a finite score, and ``k`` chooses the frequency band that ranks high
    (``k = 1`` favours rarer words, ``k = 100`` or ``1000`` commoner ones).  1 means the
    same rate on both sides.

    Examples
    --------
    >>> simple_maths([20, 0], [10, 10], 1000, 1000).round(4).tolist()
    [1.9999, 0.0001]
    """
    if not k > 0:
        raise ValueError(f"k must be positive (Kilgarriff uses 1, 10, 100 or 1000); got {k!r}.")
    f1, f2, n1, n2 = (np.asarray(x, dtype=float) for x in (f1, f2, n1, n2))
    return (1e6 * f1 / n1 + k) / (1e6 * f2 / n2 + k)


def chi2_sf_1(x) -> np.ndarray:
    """P(χ² with 1 degree of freedom >= x), as ``scipy.stats.chi2.sf(x, 1)``, for x >= 0.

    χ² with one degree of freedom is the square of a standard normal Z, so
    P(Z² >= x) = 2 Φ(-√x) = erfc(√(x / 2)).  ``scipy.special.erfc`` evaluates that about
    seventy times faster than the incomplete gamma function scipy.stats uses
    (``chdtrc``), which was the largest single cost of a keyness table; the two agree to
    within 3e-13 relative (the rounding of √x, magnified in the far tail).

    Examples
    --------
    >>> chi2_sf_1([0.0, 3.841458820694124, 10.827566170662733]).round(4).tolist()
    [1.0, 0.05, 0.001]
    """
    return erfc(np.sqrt(np.asarray(x, dtype=float) / 2))


def _normcdf_scaled(x: np.ndarray) -> np.ndarray:
    """Each value's place in a normal with the values' own mean and (population) SD;
    0.5 for all when they do not vary."""
    if not len(x):
        return np.zeros(0)
    sd = x.std()
    if not sd > 0:
        return np.full(len(x), 0.5)
    return ndtr((x - x.mean()) / sd)     # what scipy.stats.norm.cdf(x, mean, sd) computes


def _one_sided_f(x: np.ndarray, y: np.ndarray, beta: float) -> np.ndarray:
    """Scaled F of the side counted by ``x`` against ``y``: weighted harmonic mean of the
    normal-CDF-scaled P(side | term) and P(term | side), 0 where undefined."""
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(x + y > 0, x / (x + y), 0.0)
        frequency = x / x.sum() if x.sum() > 0 else np.zeros(len(x))
        p, f = _normcdf_scaled(precision), _normcdf_scaled(frequency)
        den = beta ** 2 * p + f
        out = np.where(den > 0, (1 + beta ** 2) * p * f / np.where(den > 0, den, 1.0), 0.0)
    return np.nan_to_num(out, nan=0.0)


def _min_max(x: np.ndarray) -> np.ndarray:
    if len(x) == 0:
        return x
    span = x.max() - x.min()
    return np.full(len(x), 0.5) if span == 0 else (x - x.min()) / span


def scaled_f_score(f1, f2, *, beta: float = 2.0) -> np.ndarray:
    """Scattertext's balanced scaled F-score (Kessler 2017) of every term: a ranking, not a test.

    ``f1``, ``f2`` are the counts of *all* the terms compared (the scores are scaled over
    them, so a score depends on the other terms).  For each side, P(side | term) and
    P(term | side) are each put through the normal CDF with their own mean and SD over
    the terms, and combined by the weighted harmonic mean
    ``(1 + β²)·P·F / (β²·P + F)`` (β = 2, Scattertext's default).  A term is
    scored by the side where it scores higher; the target side's scores are min-max
    scaled to 0–1 and the reference side's to 0–(−1), and the result mapped to 0–1:
    above 0.5 leans to the target, below to the reference, 0.5 neither.

    Examples
    --------
    >>> scaled_f_score([10, 5, 0, 1, 3], [0, 5, 10, 1, 6]).round(3).tolist()
    [1.0, 0.758, 0.0, 0.5, 0.5]
    """
    f1, f2 = (np.asarray(x, dtype=float) for x in (f1, f2))
    if f1.shape != f2.shape or f1.ndim != 1:
        raise ValueError("f1 and f2 must be 1-d arrays of the same length (one count per term).")
    if not beta > 0:
        raise ValueError(f"beta must be positive; got {beta!r}.")
    mine, theirs = _one_sided_f(f1, f2, beta), _one_sided_f(f2, f1, beta)
    signed = np.where(mine > theirs, mine, np.where(theirs > mine, -theirs, 0.0))
    pos, neg = signed > 0, signed < 0
    signed[pos] = _min_max(signed[pos])
    signed[neg] = -_min_max(-signed[neg])
    return (signed + 1) / 2


def benjamini_hochberg(p) -> np.ndarray:
    """Benjamini & Hochberg (1995) adjusted p-values (step-up false discovery rate).

    ``p_adj(i) = min over j >= i of p(j)·m/j`` for p-values sorted ascending, capped at 1.

    Examples
    --------
    >>> benjamini_hochberg([0.01, 0.04, 0.03]).round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    p = np.asarray(p, dtype=float)
    m = p.size
    if m == 0:
        return p.copy()
    order = np.argsort(p, kind="stable")
    scaled = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(scaled[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(adjusted, 1.0)
    return out
