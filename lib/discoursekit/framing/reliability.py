"""Agreement between coders: Krippendorff's α (nominal) with a bootstrap interval, Cohen's
κ for two coders, percent agreement, and Krippendorff's (2004) thresholds.

α is computed by the ``krippendorff`` package (Castro); κ by scikit-learn.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["reliability", "alpha_interval", "ALPHA_RELIABLE", "ALPHA_TENTATIVE",
           "MIN_POSITIVE_UNITS"]

#: Krippendorff (2004): α ≥ .800 reliable; ≥ .667 for tentative conclusions only
ALPHA_RELIABLE, ALPHA_TENTATIVE = 0.800, 0.667
#: Below this many units coded 1 by some coder, α rests on a handful of codes: its
#: bootstrap interval is not reported (a resample of so few positives is mostly all
#: zeros, where α is undefined, or a perfect match, where the interval collapses to 1–1).
MIN_POSITIVE_UNITS = 5


def _value_counts(matrix: np.ndarray) -> np.ndarray:
    """Units × values (0, 1) counts from a coders × units matrix with NaN for missing."""
    return np.stack([(matrix == 0).sum(axis=0), (matrix == 1).sum(axis=0)], axis=1).astype(float)


def _alpha(counts: np.ndarray) -> float:
    import krippendorff

    pairable = counts[counts.sum(axis=1) >= 2]
    if len(pairable) == 0 or (pairable.sum(axis=0) > 0).sum() < 2:
        return np.nan         # no pairable unit, or one value only: α is undefined
    return float(krippendorff.alpha(value_counts=pairable, level_of_measurement="nominal"))


def alpha_interval(counts: np.ndarray, *, n_boot: int = 1000, level: float = 0.95,
                   seed: int = 20261207) -> tuple[float, float]:
    """Percentile interval of nominal α from a bootstrap over units.

    ``counts`` is units × values (how many coders gave each value to each unit; only
    units with two or more codes count).  Units are resampled with replacement and α
    recomputed by the ``krippendorff`` package; replicates where α is undefined (every
    value the same) are left out.  Krippendorff's own bootstrap (Hayes & Krippendorff
    2007) resamples pairs of values instead; the unit bootstrap keeps the units, which
    are what was sampled, whole.
    """
    counts = np.asarray(counts, dtype=float)
    counts = counts[counts.sum(axis=1) >= 2]
    if len(counts) < 2:
        return (np.nan, np.nan)
    rng = np.random.default_rng(int(seed))
    draws = rng.integers(0, len(counts), size=(int(n_boot), len(counts)))
    values = np.array([_alpha(counts[d]) for d in draws])
    values = values[~np.isnan(values)]
    if len(values) < 0.5 * n_boot:
        return (np.nan, np.nan)
    lo, hi = np.quantile(values, [(1 - level) / 2, 1 - (1 - level) / 2])
    return float(lo), float(hi)


def _verdict(alpha: float) -> str:
    if np.isnan(alpha):
        return "undefined"
    if alpha >= ALPHA_RELIABLE:
        return "reliable"
    return "tentative" if alpha >= ALPHA_TENTATIVE else "unreliable"


def reliability(codes: pd.DataFrame, *, categories=None, n_boot: int = 1000,
                level: float = 0.95, seed: int = 20261207) -> pd.DataFrame:
    """Agreement between coders, per category.

    Parameters
    ----------
    codes : DataFrame
        One row per sentence and coder (:func:`discoursekit.framing.read_codes`):
        ``sentence_id``, ``coder`` and one 0/1 column per category.
    categories : list of str, optional
        Default: ``codes.attrs["categories"]``, else every column but the sheet's own.
    n_boot, level, seed
        The bootstrap of α's interval (:func:`alpha_interval`).

    Returns
    -------
    DataFrame
        One row per category: ``category, n_units`` (sentences coded by two coders or
        more), ``n_coders``, ``positives`` (share of their codes that are 1), ``alpha``
        (Krippendorff's nominal α, ``krippendorff`` package), ``alpha_low, alpha_high``,
        ``kappa`` (Cohen's κ, only where exactly two coders coded the units),
        ``agreement`` (share of units on which every coder agreed), ``positive_units``
        (units some coder coded 1) and ``verdict``: "reliable" (α ≥ .800), "tentative"
        (≥ .667), "unreliable", or "undefined" (no unit coded twice, or every code the
        same, so α has no variation to judge); with fewer than
        :data:`MIN_POSITIVE_UNITS` positive units the interval is left out and the verdict
        says "(few positives)": α then rests on a handful of codes.

    Notes
    -----
    Krippendorff (2004; 2011, "Computing Krippendorff's Alpha-Reliability"); Cohen
    (1960).  α counts every unit coded by two coders or more and allows missing codes.

    Examples
    --------
    >>> codes = pd.DataFrame({"sentence_id": ["a", "a", "b", "b", "c", "c"],
    ...                       "coder": ["x", "y"] * 3, "conflict": [1, 1, 0, 0, 1, 0]})
    >>> reliability(codes, n_boot=50)[["n_units", "agreement", "kappa"]].round(3).to_dict("records")
    [{'n_units': 3, 'agreement': 0.667, 'kappa': 0.4}]
    """
    from sklearn.metrics import cohen_kappa_score

    if not isinstance(codes, pd.DataFrame) or not {"sentence_id", "coder"} <= set(codes.columns):
        raise ValueError("reliability() takes the codes from read_codes(paths): one row per "
                         "sentence and coder, with 'sentence_id' and 'coder'.")
    from .sheets import code_categories

    cats = list(categories or code_categories(codes))
    coders = sorted(codes["coder"].unique())
    rows = []
    for cat in cats:
        wide = codes.pivot_table(index="coder", columns="sentence_id", values=cat,
                                 aggfunc="first").reindex(coders)
        matrix = wide.to_numpy(dtype=float)
        coded_by = (~np.isnan(matrix)).sum(axis=0)
        matrix = matrix[:, coded_by >= 2]
        counts = _value_counts(matrix)
        n_units = matrix.shape[1]
        alpha = _alpha(counts) if n_units else np.nan
        positive = int((counts[:, 1] > 0).sum())
        lo, hi = alpha_interval(counts, n_boot=n_boot, level=level, seed=seed) \
            if n_units and not np.isnan(alpha) and positive >= MIN_POSITIVE_UNITS \
            else (np.nan, np.nan)
        present = ~np.isnan(matrix).all(axis=1)
        kappa = np.nan
        if present.sum() == 2 and n_units:
            a, b = matrix[present]
            both = ~np.isnan(a) & ~np.isnan(b)
            if len(set(a[both]) | set(b[both])) > 1:
                kappa = float(cohen_kappa_score(a[both], b[both]))
            else:
                kappa = np.nan
        agree = np.nanmax(matrix, axis=0) == np.nanmin(matrix, axis=0) if n_units else []
        values = matrix[~np.isnan(matrix)]
        verdict = _verdict(alpha)
        if verdict != "undefined" and positive < MIN_POSITIVE_UNITS:
            verdict += " (few positives)"
        rows.append((cat, n_units, int(present.sum()),
                     float(values.mean()) if values.size else np.nan, alpha, lo, hi, kappa,
                     float(np.mean(agree)) if n_units else np.nan, positive, verdict))
    return pd.DataFrame(rows, columns=["category", "n_units", "n_coders", "positives", "alpha",
                                       "alpha_low", "alpha_high", "kappa", "agreement",
                                       "positive_units", "verdict"])
