"""A map of groups and words: the group × term table and its correspondence analysis
(Benzécri 1973; Greenacre 2007), computed with numpy's SVD."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .common import need_corpus, positive_int, units_of

__all__ = ["group_term_counts", "correspondence_analysis"]



# --- correspondence analysis ---------------------------------------------------------------
def group_term_counts(corpus, *, by: str = "group", n_terms: int = 100,
                      stopwords: bool = True) -> pd.DataFrame:
    """The group × term contingency table of the most frequent terms.

    Parameters
    ----------
    corpus : Corpus
    by : str, default "group"
        ``"group"``, ``"doc_id"`` or a metadata column.
    n_terms : int, default 100
        Keep the terms most frequent in the whole corpus (ties broken alphabetically).
    stopwords : bool, default True
        Leave out :func:`discoursekit.stopwords`.

    Returns
    -------
    DataFrame
        Counts (int64), one row per group (sorted; index named ``group``), one column per
        term, columns ordered by total frequency then term.

    Examples
    --------
    >>> import pandas as pd, discoursekit as dk
    >>> corpus = dk.Corpus.from_frame(pd.DataFrame({"author": ["A", "B"],
    ...     "text": ["Russia arms Serbia. Russia.", "Serbia and Kosovo."]}))
    >>> group_term_counts(corpus, n_terms=3).to_dict("index")
    {'A': {'russia': 2, 'serbia': 1, 'arms': 1}, 'B': {'russia': 0, 'serbia': 1, 'arms': 0}}
    """
    need_corpus(corpus, "group_term_counts")
    n_terms = positive_int("n_terms", n_terms, "group_term_counts")
    from ..keywords import count_terms

    units = units_of(corpus, by)
    labels = sorted(units)
    X, vocab = count_terms([units[g] for g in labels], stopwords=stopwords)
    X = X.toarray()
    total = X.sum(axis=0)
    order = sorted(range(len(vocab)), key=lambda j: (-total[j], vocab[j]))[:n_terms]
    out = pd.DataFrame(X[:, order], index=pd.Index(labels, name="group"),
                       columns=[str(vocab[j]) for j in order]).astype(np.int64)
    out.attrs.update({"by": by, "n_terms": n_terms, "stopwords": stopwords})
    return out


def correspondence_analysis(table: pd.DataFrame, *, n_components: int = 2) -> pd.DataFrame:
    """Correspondence analysis of a contingency table (rows × columns of counts).

    Standard CA (Benzécri 1973; Greenacre 2007, ch. 4 and appendix A): ``P = N / n``,
    row and column masses ``r = P 1``, ``c = Pᵀ 1``, standardised residuals
    ``S = D_r^{-1/2} (P − r cᵀ) D_c^{-1/2}``, SVD ``S = U Σ Vᵀ``; principal inertias
    ``λ_k = σ_k²`` (they sum to the total inertia χ²/n); principal coordinates
    ``F = D_r^{-1/2} U Σ`` (rows) and ``G = D_c^{-1/2} V Σ`` (columns).

    Parameters
    ----------
    table : DataFrame
        Non-negative counts; e.g. :func:`group_term_counts`.  Rows or columns whose total
        is zero have no profile and are dropped with a warning.
    n_components : int, default 2
        Dimensions returned.  Dimensions beyond the table's rank (``min(I, J) − 1``) are
        returned as zeros with zero inertia, so that a 2-row table still gives a 2-D map.

    Returns
    -------
    DataFrame
        One row per table row (``kind`` "row") then per column (``kind`` "column"):
        ``kind, label, mass, inertia`` (the point's share of the total inertia),
        ``dim_1 … dim_k`` (principal coordinates), ``ctr_1 … ctr_k`` (contribution to the
        dimension's inertia, summing to 1 over the rows and over the columns) and
        ``cos2_1 … cos2_k`` (squared correlation of the point with the dimension).
        ``attrs``: ``principal_inertia`` (all dimensions, list), ``total_inertia``,
        ``explained`` (shares of the total, list).
        Signs are fixed so that the row with the largest absolute coordinate on each
        dimension is positive (an SVD's signs are otherwise arbitrary).

    Raises
    ------
    ValueError
        If a count is negative or missing, or fewer than two rows or columns have a
        non-zero total.

    Examples
    --------
    A 2 × 2 table with a perfect association has one dimension of inertia φ² = 1:

    >>> t = pd.DataFrame([[10, 0], [0, 10]], index=["A", "B"], columns=["x", "y"])
    >>> ca = correspondence_analysis(t, n_components=1)
    >>> ca[["kind", "label", "mass", "dim_1"]]
         kind label  mass  dim_1
    0     row     A   0.5    1.0
    1     row     B   0.5   -1.0
    2  column     x   0.5    1.0
    3  column     y   0.5   -1.0
    >>> ca.attrs["total_inertia"]
    1.0
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError("correspondence_analysis(): expected a DataFrame of counts (e.g. "
                        f"group_term_counts(corpus)); got {type(table).__name__}.")
    k = positive_int("n_components", n_components, "correspondence_analysis")
    N = table.to_numpy(dtype=float)
    if not np.isfinite(N).all() or (N < 0).any():
        raise ValueError("correspondence_analysis(): the table must hold non-negative counts "
                         "without missing values.")
    rows_ok, cols_ok = N.sum(axis=1) > 0, N.sum(axis=0) > 0
    if not rows_ok.all() or not cols_ok.all():
        gone = ([str(x) for x in table.index[~rows_ok]] + [str(x) for x in table.columns[~cols_ok]])
        warnings.warn(f"correspondence_analysis(): dropped {len(gone)} row(s)/column(s) with a "
                      f"zero total: {', '.join(gone[:8])}{' …' if len(gone) > 8 else ''}.",
                      UserWarning, stacklevel=2)
        table = table.loc[rows_ok, cols_ok]
        N = table.to_numpy(dtype=float)
    if N.shape[0] < 2 or N.shape[1] < 2:
        raise ValueError(f"correspondence_analysis(): need at least two rows and two columns "
                         f"with non-zero totals; got {N.shape[0]} × {N.shape[1]}. Use more "
                         "terms (n_terms) or more groups.")
    n = N.sum()
    P = N / n
    r, c = P.sum(axis=1), P.sum(axis=0)
    S = (P - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    U, sigma, Vt = np.linalg.svd(S, full_matrices=False)
    rank = min(N.shape) - 1
    sigma, U, V = sigma[:rank], U[:, :rank], Vt[:rank].T
    lam = sigma ** 2
    F = U * sigma / np.sqrt(r)[:, None]
    G = V * sigma / np.sqrt(c)[:, None]
    for j in range(rank):  # deterministic signs
        i = int(np.argmax(np.abs(F[:, j]).round(12)))
        if F[i, j] < 0:
            F[:, j], G[:, j], U[:, j], V[:, j] = -F[:, j], -G[:, j], -U[:, j], -V[:, j]
    total = float((S ** 2).sum())
    d2_rows, d2_cols = (F ** 2).sum(axis=1), (G ** 2).sum(axis=1)

    def block(kind, labels, mass, coord, ctr, d2):
        df = pd.DataFrame({"kind": kind, "label": [str(x) for x in labels], "mass": mass,
                           "inertia": mass * d2 / total if total > 0 else 0.0})
        with np.errstate(divide="ignore", invalid="ignore"):
            cos2 = np.where(d2[:, None] > 0, coord ** 2 / d2[:, None], 0.0)
        for j in range(k):
            df[f"dim_{j + 1}"] = coord[:, j] if j < rank else 0.0
        for j in range(k):
            df[f"ctr_{j + 1}"] = ctr[:, j] if j < rank and lam[j] > 1e-15 else 0.0
        for j in range(k):
            df[f"cos2_{j + 1}"] = cos2[:, j] if j < rank else 0.0
        return df

    out = pd.concat([block("row", table.index, r, F, U ** 2, d2_rows),
                     block("column", table.columns, c, G, V ** 2, d2_cols)], ignore_index=True)
    dims = [c for c in out.columns if c.startswith(("dim_", "ctr_", "cos2_"))]
    # 10 decimals: the SVD's last bits can change with where numpy's arrays sit in memory
    # (SIMD paths), and at 12 decimals a coordinate of the seeds flipped its last digit
    # when an unrelated import moved them; + 0.0: no "-0.0" from rounding noise
    out[dims] = out[dims].round(10) + 0.0
    out.attrs.update({"principal_inertia": [float(x) for x in lam], "total_inertia": total,
                      "explained": [float(x / total) if total > 0 else 0.0 for x in lam]})
    return out
