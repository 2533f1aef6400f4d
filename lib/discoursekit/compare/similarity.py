"""Similarity of groups on three bases (content, frames, stance), its pairs, hierarchical
clustering, and the Mantel test of whether two bases order the groups alike (Mantel 1967)."""
from __future__ import annotations

import itertools
from collections.abc import Mapping

import numpy as np
import pandas as pd

from .._validate import check_choice, check_frame
from .common import (
    FRAME_KINDS,
    check_square,
    cosine_rows,
    need_corpus,
    profile_similarity,
    square,
    units_of,
)

__all__ = ["content_similarity", "frame_similarity", "stance_similarity", "similarity_pairs", "cluster_groups", "mantel", "mantel_resolution"]



# --- similarity ------------------------------------------------------------------------------
def content_similarity(corpus, *, by: str = "group", stopwords: bool = True,
                       sublinear_tf: bool = False) -> pd.DataFrame:
    """Cosine similarity of the groups' TF-IDF vectors over normalised terms.

    Each group's tokens (normalised forms: case and diacritics folded, spelling variants
    mapped, multi-word names joined) are pooled into one document, weighted by TF-IDF
    with the group as the document (scikit-learn's ``TfidfTransformer``: smooth idf,
    ``idf = ln((1 + n) / (1 + df)) + 1``, rows L2-normalised; Salton & Buckley 1988) and
    compared by cosine.

    Parameters
    ----------
    corpus : Corpus
    by : str, default "group"
        ``"group"`` (the corpus's grouping), ``"doc_id"`` or another metadata column.
    stopwords : bool, default True
        Leave out :func:`discoursekit.stopwords` (content words only).
    sublinear_tf : bool, default False
        Use ``1 + ln(tf)`` instead of raw counts.

    Returns
    -------
    DataFrame
        Square, symmetric, unit diagonal; rows and columns are the groups, sorted.
        ``attrs``: ``basis``, ``measure``, ``n_terms``.

    Examples
    --------
    >>> import pandas as pd, discoursekit as dk
    >>> corpus = dk.Corpus.from_frame(pd.DataFrame({"author": ["A", "B"],
    ...     "text": ["Russia arms Serbia.", "Russia arms Serbia and Belarus."]}))
    >>> content_similarity(corpus).round(2).values.tolist()
    [[1.0, 0.78], [0.78, 1.0]]
    """
    need_corpus(corpus, "content_similarity")
    from sklearn.feature_extraction.text import TfidfTransformer

    from ..keywords import count_terms

    units = units_of(corpus, by)
    labels = sorted(units)
    X, vocab = count_terms([units[g] for g in labels], stopwords=stopwords)
    if X.shape[1] == 0:
        raise ValueError("content_similarity(): no terms left to compare (every token is a "
                         "stopword); try stopwords=False.")
    W = TfidfTransformer(sublinear_tf=sublinear_tf).fit_transform(X).toarray()
    out = square(cosine_rows(W), labels, "group")
    out.attrs.update({"basis": "content", "measure": "cosine of TF-IDF",
                      "n_terms": int(X.shape[1])})
    return out



def frame_similarity(profile: pd.DataFrame, categories=None, *, standardize: bool = True,
                     by: str = "group") -> pd.DataFrame:
    """Cosine similarity of the groups' frame profiles.

    Parameters
    ----------
    profile : DataFrame
        :func:`discoursekit.frame_profile` output (``group, category, share``).
    categories : list of str, optional
        Default: the issue-specific and generic frames (``kind`` "issue" or "generic"),
        leaving out Entman's framing functions.
    standardize : bool, default True
        Turn each category's shares into z-scores across the groups first, so that every
        frame weighs the same and two groups are similar when they deviate from the
        corpus mean in the same direction (the logic of Cosine Delta; Smith & Aldridge
        2011).  Without it, frames that are frequent everywhere dominate and every pair
        looks alike.  Categories with the same share in every group carry no information
        and are left out (listed in ``attrs["dropped"]``).
    by : str, default "group"

    Returns
    -------
    DataFrame
        Square, symmetric, unit diagonal, groups sorted; ``attrs``: ``basis``,
        ``measure``, ``features``, ``dropped``.

    Examples
    --------
    >>> p = pd.DataFrame({"group": ["A", "A", "B", "B", "C", "C"],
    ...                   "category": ["conflict", "morality"] * 3,
    ...                   "share": [0.5, 0.1, 0.4, 0.2, 0.1, 0.3]})
    >>> frame_similarity(p, ["conflict", "morality"]).round(2).loc["A"].tolist()
    [1.0, 0.63, -0.99]
    """
    check_frame(profile, [by, "category", "share"], "frame_similarity", "frame_profile")
    if categories is None:
        if "kind" in profile.columns:
            categories = list(dict.fromkeys(profile.loc[profile["kind"].isin(FRAME_KINDS),
                                                        "category"]))
        else:
            categories = list(dict.fromkeys(profile["category"]))
    missing = sorted(set(categories) - set(profile["category"]))
    if missing:
        raise ValueError(f"frame_similarity(): categor{'y' if len(missing) == 1 else 'ies'} "
                         f"{', '.join(map(repr, missing))} not in the profile; categories are: "
                         f"{', '.join(map(repr, dict.fromkeys(profile['category'])))}.")
    wide = profile[profile["category"].isin(categories)].pivot_table(
        index=by, columns="category", values="share", aggfunc="first").fillna(0.0)
    return profile_similarity(wide, standardize=standardize, basis="frames")


def stance_similarity(rates: pd.DataFrame, categories=None, *, standardize: bool = True,
                      by: str = "group") -> pd.DataFrame:
    """Cosine similarity of the groups' stance-marker rates per 1,000 words.

    Parameters
    ----------
    rates : DataFrame
        :func:`discoursekit.stance_rates` output (``group, category, rate``).
    categories : list of str, optional
        Default: every category in ``rates`` (Hyland's 2005 stance and engagement
        markers, Biber et al.'s 1999 epistemic and deontic modality).
    standardize : bool, default True
        z-scores per category across groups first, as in :func:`frame_similarity`: rates
        differ in scale (hedges are ten times as common as self-mention), so raw cosine
        would compare hedge rates only.
    by : str, default "group"

    Returns
    -------
    DataFrame
        Square, symmetric, unit diagonal, groups sorted.

    Examples
    --------
    >>> r = pd.DataFrame({"group": ["A", "A", "B", "B"], "category": ["hedge", "deontic"] * 2,
    ...                   "rate": [8.0, 1.0, 4.0, 1.0]})
    >>> stance_similarity(r, standardize=False).round(3).loc["A", "B"]
    np.float64(0.993)
    """
    check_frame(rates, [by, "category", "rate"], "stance_similarity", "stance_rates")
    cats = list(dict.fromkeys(rates["category"])) if categories is None else list(categories)
    missing = sorted(set(cats) - set(rates["category"]))
    if missing:
        raise ValueError(f"stance_similarity(): categories {', '.join(map(repr, missing))} "
                         "are not in the rates table.")
    wide = rates[rates["category"].isin(cats)].pivot_table(
        index=by, columns="category", values="rate", aggfunc="first").fillna(0.0)
    return profile_similarity(wide, standardize=standardize, basis="stance")


def similarity_pairs(similarities: Mapping[str, pd.DataFrame] | pd.DataFrame) -> pd.DataFrame:
    """Every pair of groups with its similarity on each basis, ranked within the basis.

    Parameters
    ----------
    similarities : DataFrame or dict of str to DataFrame
        One similarity matrix, or several keyed by the name of their basis.

    Returns
    -------
    DataFrame
        ``basis, group_a, group_b, similarity, rank`` — one row per unordered pair
        (``group_a`` < ``group_b``) and basis; ``rank`` 1 is the most similar pair of the
        basis (ties share the smaller rank).  Sorted by basis (in the given order), rank,
        then the pair.

    Examples
    --------
    >>> m = pd.DataFrame([[1, .2, .9], [.2, 1, .4], [.9, .4, 1]], index=list("abc"),
    ...                  columns=list("abc"))
    >>> similarity_pairs({"toy": m})[["group_a", "group_b", "rank"]].values.tolist()
    [['a', 'c', 1], ['b', 'c', 2], ['a', 'b', 3]]
    """
    if isinstance(similarities, pd.DataFrame):
        similarities = {similarities.attrs.get("basis", "similarity"): similarities}
    frames = []
    for basis, sim in similarities.items():
        sim = check_square(sim, "similarity_pairs")
        labels = sorted(sim.index)
        iu = np.triu_indices(len(labels), 1)           # every pair a < b, in name order
        names = np.asarray(labels, dtype=object)
        values = sim.loc[labels, labels].to_numpy(dtype=float)[iu].tolist()
        rows = zip([basis] * len(values), names[iu[0]].tolist(), names[iu[1]].tolist(), values)
        df = pd.DataFrame(list(rows), columns=["basis", "group_a", "group_b", "similarity"])
        df["rank"] = df["similarity"].rank(ascending=False, method="min").astype("Int64")
        frames.append(df.sort_values(["rank", "group_a", "group_b"], kind="mergesort"))
    cols = ["basis", "group_a", "group_b", "similarity", "rank"]
    if not frames:
        return pd.DataFrame(columns=cols)
    return pd.concat(frames, ignore_index=True)[cols]


def _distances(sim: pd.DataFrame) -> np.ndarray:
    D = 1.0 - sim.to_numpy(dtype=float)
    D = np.clip((D + D.T) / 2, 0.0, None)
    np.fill_diagonal(D, 0.0)
    return D


def cluster_groups(similarity: pd.DataFrame, *, method: str = "average") -> pd.DataFrame:
    """Agglomerative hierarchical clustering of a similarity matrix (scipy).

    The distance is ``1 − similarity``; groups are merged by scipy's
    ``scipy.cluster.hierarchy.linkage`` with the stated ``method``.  Average linkage
    (UPGMA; Sokal & Michener 1958) is the default because it needs no Euclidean geometry
    (Ward's method assumes Euclidean distances, which ``1 − cosine`` is not).

    Parameters
    ----------
    similarity : DataFrame
        A square matrix from :func:`content_similarity`, :func:`frame_similarity` or
        :func:`stance_similarity`.
    method : {"average", "complete", "single", "weighted"}, default "average"

    Returns
    -------
    DataFrame
        scipy's linkage matrix as a table, one row per merge: ``step, left, right,
        distance, size, members``.  ``left``/``right`` index the groups (0 … n−1, in the
        matrix's order) or earlier merges (n + step); ``members`` names the groups joined.
        ``attrs``: ``labels`` (the groups, in order), ``method``, ``basis``.

    Examples
    --------
    >>> m = pd.DataFrame([[1, .2, .9], [.2, 1, .4], [.9, .4, 1]], index=list("abc"),
    ...                  columns=list("abc"))
    >>> cluster_groups(m)[["left", "right", "distance", "members"]]
       left  right  distance  members
    0     0      2       0.1     a, c
    1     1      3       0.7  a, b, c
    """
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    check_choice("method", method, ("average", "complete", "single", "weighted"))
    sim = check_square(similarity, "cluster_groups")
    labels = [str(x) for x in sim.index]
    if len(labels) < 2:
        raise ValueError("cluster_groups(): need at least two groups to cluster; got "
                         f"{len(labels)}.")
    D = _distances(sim)
    if not np.isfinite(D).all():
        raise ValueError("cluster_groups(): the similarity matrix contains NaN; with "
                         "standardize=True every feature needs to vary between groups.")
    Z = linkage(squareform(D, checks=False), method=method)
    members = {i: [lab] for i, lab in enumerate(labels)}
    rows = []
    for step, (a, b, d, size) in enumerate(Z):
        a, b = int(a), int(b)
        members[len(labels) + step] = members[a] + members[b]
        rows.append((step, a, b, float(d), int(size),
                     ", ".join(sorted(members[len(labels) + step]))))
    out = pd.DataFrame(rows, columns=["step", "left", "right", "distance", "size", "members"])
    out.attrs.update({"labels": labels, "method": method,
                      "basis": sim.attrs.get("basis", "similarity")})
    return out


def mantel(similarities: Mapping[str, pd.DataFrame], *, method: str = "spearman",
           max_exact: int = 7, n_perm: int = 9999, seed: int = 20261122) -> pd.DataFrame:
    """Correlation between the similarity matrices of two bases, with a Mantel test.

    For every pair of bases, the upper triangles of the two distance matrices
    (``1 − similarity``) are correlated, and the p-value is the share of relabellings of
    the groups (rows and columns permuted together) whose correlation is at least as
    large as the observed one (Mantel 1967; one-sided, for positive association).
    With at most ``max_exact`` groups every permutation is enumerated (exact test), so
    with five groups the smallest attainable p is 1/120.

    Parameters
    ----------
    similarities : dict of str to DataFrame
        Similarity matrices over the same groups, keyed by basis.
    method : {"spearman", "pearson"}, default "spearman"
    max_exact : int, default 7
        Enumerate all n! permutations up to this many groups; sample ``n_perm`` above.
    n_perm : int, default 9999
    seed : int

    Returns
    -------
    DataFrame
        ``basis_a, basis_b, n_groups, n_pairs, r, p_value, n_permutations, exact``; one
        row per pair of bases in the given order.  With fewer than three groups (fewer
        than three pairs) or a constant matrix, ``r`` and ``p_value`` are NaN.

    Examples
    --------
    >>> m = pd.DataFrame([[1, .2, .9], [.2, 1, .4], [.9, .4, 1]], index=list("abc"),
    ...                  columns=list("abc"))
    >>> mantel({"x": m, "y": m})[["r", "p_value", "n_permutations"]].values.tolist()
    [[1.0, 0.16666666666666666, 6.0]]
    """
    from scipy.stats import pearsonr, rankdata, spearmanr

    check_choice("method", method, ("spearman", "pearson"))
    names = list(similarities)
    if len(names) < 2:
        raise ValueError("mantel(): pass at least two similarity matrices (a dict keyed by "
                         "basis).")
    mats = {k: check_square(v, "mantel") for k, v in similarities.items()}
    labels = sorted(mats[names[0]].index)
    for k, m in mats.items():
        if sorted(m.index) != labels:
            raise ValueError(f"mantel(): the matrix {k!r} has different groups from "
                             f"{names[0]!r}; compare matrices over the same groups.")
    D = {k: _distances(m.loc[labels, labels]) for k, m in mats.items()}
    n = len(labels)
    iu = np.triu_indices(n, 1)
    corr = (lambda a, b: spearmanr(a, b)[0]) if method == "spearman" else \
        (lambda a, b: pearsonr(a, b)[0])
    if n <= max_exact:
        perms = np.array(list(itertools.permutations(range(n))))
        exact = True
    else:
        rng = np.random.default_rng(seed)
        perms = np.vstack([np.arange(n)] + [rng.permutation(n) for _ in range(int(n_perm))])
        exact = False
    rows, tested = [], []
    for a, b in itertools.combinations(names, 2):
        x, y = D[a][iu], D[b][iu]
        if len(x) < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
            rows.append([a, b, n, len(x), np.nan, np.nan, len(perms), exact])
            continue
        rows.append([a, b, n, len(x), float(corr(x, y)), None, float(len(perms)), exact])
        # Spearman is Pearson on ranks; a relabelling moves the pairs' values, not the
        # values themselves, so the ranks (and the mean and spread of what is permuted)
        # stay those of the unpermuted matrix: ranked once, then each permutation's
        # correlation is one dot product
        tested.append((len(rows) - 1, *((rankdata(x), rankdata(y)) if method == "spearman"
                                        else (x, y))))
    if tested:
        null = _permuted_correlations([u for _, u, _ in tested], [v for _, _, v in tested],
                                      perms, n)
        for (k, _, _), nk in zip(tested, null):
            rows[k][5] = float(np.mean(nk >= rows[k][4] - 1e-12))
    out = pd.DataFrame(rows, columns=["basis_a", "basis_b", "n_groups", "n_pairs", "r",
                                      "p_value", "n_permutations", "exact"])
    out.attrs.update({"method": method})
    return out


def mantel_resolution(agreement: pd.DataFrame) -> str:
    """What a :func:`mantel` table can resolve, in one sentence: the number of pairs and
    of relabellings, and so the smallest p-value the test can give (1 / relabellings,
    the identity included).

    Examples
    --------
    >>> m = pd.DataFrame([[0, 1, 2, 3], [1, 0, 4, 5], [2, 4, 0, 6], [3, 5, 6, 0]])
    >>> mantel_resolution(mantel({"x": m, "y": m}))
    '4 groups, 6 pairs: 24 relabellings (all of them), so the smallest possible p-value is 1/24 ≈ 0.042.'
    """
    first = agreement.iloc[0]
    n, n_perm, exact = int(first["n_groups"]), int(first["n_permutations"]), bool(first["exact"])
    pairs = n * (n - 1) // 2
    head = f"{n} groups, {pairs:,} pair{'' if pairs == 1 else 's'}: "
    if n < 3:
        return head + "too few for a correlation."
    sample = "all of them" if exact else "a random sample, and the identity"
    return (head + f"{n_perm:,} relabellings ({sample}), so the smallest possible p-value "
            f"is 1/{n_perm:,} ≈ {1 / n_perm:.2g}.")


def _permuted_correlations(us: list, vs: list, perms: np.ndarray, n: int) -> np.ndarray:
    """Pearson correlation of each ``us[k]`` with ``vs[k]`` (values of the pairs of ``n``
    groups, in ``np.triu_indices(n, 1)`` order) after relabelling the groups by each
    permutation: pairs × permutations.

    Relabelling permutes the pairs, so the permuted values keep the mean and norm of
    the unpermuted ones: r = (u − ū)·v_p / (|u − ū| |v − v̄|).  The permutations go in
    batches, each batch's pair indices computed once for every ``k``.
    """
    iu = np.triu_indices(n, 1)
    flats, centred, denom = [], [], []
    for u, v in zip(us, vs):
        M = np.zeros((n, n))
        M[iu] = v
        flats.append((M + M.T).ravel())
        uc = u - u.mean()
        centred.append(uc)
        denom.append(np.sqrt(uc @ uc) * np.sqrt(((v - v.mean()) ** 2).sum()))
    out = np.empty((len(us), len(perms)))
    step = max(1, 4_000_000 // max(len(iu[0]), 1))
    for a in range(0, len(perms), step):
        p = perms[a:a + step]
        moved = p[:, iu[0]] * n + p[:, iu[1]]      # where each pair's value comes from
        for k in range(len(us)):
            out[k, a:a + step] = flats[k][moved] @ centred[k]
    return out / np.asarray(denom)[:, None]
