"""Comparing authors: similarity on three bases, clustering, correspondence analysis, stylometry.

* **Similarity.** :func:`content_similarity` (cosine of TF-IDF vectors over normalised
  terms), :func:`frame_similarity` (cosine of standardised frame profiles) and
  :func:`stance_similarity` (cosine of standardised stance-marker rates) each return a
  square group × group matrix; :func:`similarity_pairs` lists its pairs, ranked;
  :func:`cluster_groups` clusters it hierarchically (scipy, average linkage) and
  :func:`mantel` correlates the matrices of two bases with a permutation test (Mantel 1967).
* **Map.** :func:`group_term_counts` gives the group × term table and
  :func:`correspondence_analysis` its correspondence analysis (Benzécri 1973; Greenacre
  2007), computed with numpy's SVD.
* **Stylometry.** :func:`mfw_table` (relative frequencies of the most frequent words per
  document), :func:`delta_distances` (Burrows' Delta, Burrows 2002; Cosine Delta, Smith &
  Aldridge 2011, Evert et al. 2017), :func:`delta_sweep` over several MFW counts,
  :func:`nearest_neighbours` and :func:`neighbour_stability`, and :func:`attribution_check`,
  which asks how often a block of text of a given length is attributed back to its own
  text (Eder 2015).
* **Synthesis.** :func:`author_summary`: one row of headline measures per group;
  :func:`author_profile_table`: the numbers of the author-profile figure.

Every function takes and returns pandas DataFrames; rows and columns are sorted so that
the output is the same on every run.
"""
from __future__ import annotations

import itertools
import warnings
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from ._validate import check_choice, check_frame

__all__ = ["content_similarity", "frame_similarity", "stance_similarity", "similarity_pairs",
           "cluster_groups", "mantel", "mantel_resolution", "group_term_counts", "correspondence_analysis",
           "mfw_table", "delta_distances", "sample_documents", "delta_sweep",
           "nearest_neighbours", "neighbour_stability", "attribution_check", "author_summary",
           "author_profile_table", "profile_actors", "DELTA_MEASURES", "MFW_SWEEP",
           "PROFILE_ACTORS"]

#: The two Delta measures: Burrows (2002) and Cosine Delta (Smith & Aldridge 2011).
DELTA_MEASURES = ("burrows", "cosine")
#: The default sweep of most-frequent-word counts.
MFW_SWEEP = (30, 50, 100, 200, 300)
_FRAME_KINDS = ("issue", "generic")


# --- helpers ---------------------------------------------------------------------------------
def _need_corpus(corpus, fn: str) -> None:
    if not (hasattr(corpus, "tokens") and hasattr(corpus, "docs")):
        raise TypeError(f"{fn}() takes a Corpus (from discoursekit.load_corpus); got "
                        f"{type(corpus).__name__}.")




def _positive_int(name: str, value, fn: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{fn}(): {name} must be a positive integer; got {value!r}.")
    return int(value)


def _doc_groups(corpus) -> dict:
    return dict(zip(corpus.docs["doc_id"], corpus.docs["group"]))


def _square(values: np.ndarray, labels, name: str) -> pd.DataFrame:
    out = pd.DataFrame(values, index=pd.Index(labels, name=name),
                       columns=pd.Index(labels, name=None))
    return out


def _unit_rows(X: np.ndarray) -> np.ndarray:
    """The rows of X scaled to length 1 (a zero row stays zero)."""
    norms = np.sqrt((X ** 2).sum(axis=1))
    return X / np.where(norms > 0, norms, 1.0)[:, None]


def _cosine_rows(X: np.ndarray) -> np.ndarray:
    """Cosine similarity between the rows of X; a zero row is similar only to itself."""
    U = _unit_rows(X)
    S = U @ U.T
    S = np.clip((S + S.T) / 2, -1.0, 1.0)
    np.fill_diagonal(S, 1.0)
    return S


def _check_square(sim, fn: str) -> pd.DataFrame:
    if not isinstance(sim, pd.DataFrame) or sim.shape[0] != sim.shape[1] or \
            list(sim.index) != list(sim.columns):
        raise ValueError(f"{fn}(): expected a square similarity matrix with the same labels on "
                         "rows and columns (the output of content_similarity, frame_similarity "
                         "or stance_similarity).")
    return sim


def _profile_similarity(wide: pd.DataFrame, *, standardize: bool, basis: str) -> pd.DataFrame:
    wide = wide.sort_index().sort_index(axis=1)
    X = wide.to_numpy(dtype=float)
    dropped: list[str] = []
    if standardize:
        sd = X.std(axis=0, ddof=0)
        keep = sd > 1e-12
        dropped = [str(c) for c, k in zip(wide.columns, keep) if not k]
        X = (X[:, keep] - X[:, keep].mean(axis=0)) / sd[keep]
        used = [str(c) for c, k in zip(wide.columns, keep) if k]
    else:
        used = [str(c) for c in wide.columns]
    out = _square(_cosine_rows(X), list(wide.index), "group")
    out.attrs.update({"basis": basis, "measure": "cosine" + (" of z-scores" if standardize else ""),
                      "features": used, "dropped": dropped})
    return out


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
    _need_corpus(corpus, "content_similarity")
    from sklearn.feature_extraction.text import TfidfTransformer

    from .keywords import count_terms

    units = _units_of(corpus, by)
    labels = sorted(units)
    X, vocab = count_terms([units[g] for g in labels], stopwords=stopwords)
    if X.shape[1] == 0:
        raise ValueError("content_similarity(): no terms left to compare (every token is a "
                         "stopword); try stopwords=False.")
    W = TfidfTransformer(sublinear_tf=sublinear_tf).fit_transform(X).toarray()
    out = _square(_cosine_rows(W), labels, "group")
    out.attrs.update({"basis": "content", "measure": "cosine of TF-IDF",
                      "n_terms": int(X.shape[1])})
    return out


def _units_of(corpus, by: str) -> dict:
    """Token lists (normalised) per unit: groups, documents or another metadata column."""
    tokens = corpus.tokens
    if by == "group":
        key = corpus.docs.set_index("doc_id")["group"]
    elif by == "doc_id":
        key = pd.Series(corpus.docs["doc_id"].to_numpy(), index=corpus.docs["doc_id"])
    else:
        from .corpus import group_label
        if by not in corpus.docs.columns:
            check_choice("by", by, ["group", "doc_id"] + [c for c in corpus.docs.columns
                                                           if c not in ("text", "raw")])
        key = pd.Series([group_label(v, d) for v, d in zip(corpus.docs[by], corpus.docs["doc_id"])],
                        index=corpus.docs["doc_id"])
    unit = tokens["doc_id"].map(key)
    out: dict = {str(u): [] for u in key.unique()}
    for u, part in tokens.groupby(unit, sort=True):
        out[str(u)] = part["norm"].tolist()
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
            categories = list(dict.fromkeys(profile.loc[profile["kind"].isin(_FRAME_KINDS),
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
    return _profile_similarity(wide, standardize=standardize, basis="frames")


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
    return _profile_similarity(wide, standardize=standardize, basis="stance")


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
        sim = _check_square(sim, "similarity_pairs")
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
    sim = _check_square(similarity, "cluster_groups")
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
    mats = {k: _check_square(v, "mantel") for k, v in similarities.items()}
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
    _need_corpus(corpus, "group_term_counts")
    n_terms = _positive_int("n_terms", n_terms, "group_term_counts")
    from .keywords import count_terms

    units = _units_of(corpus, by)
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
    k = _positive_int("n_components", n_components, "correspondence_analysis")
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


# --- stylometry ----------------------------------------------------------------------------
def _doc_counts(corpus, units: dict | None = None):
    """Documents (sorted), their word counts (sparse, CSR) and the vocabulary; ``units``
    are the documents' norms if already at hand (:func:`_units_of` by doc_id).

    Sparse because stylometry needs only the few hundred most frequent columns: dense,
    5,000 texts with a vocabulary of 40,000 words would take 1.6 GB.
    """
    from .keywords import count_terms

    units = _units_of(corpus, "doc_id") if units is None else units
    docs = sorted(units)
    X, vocab = count_terms([units[d] for d in docs])
    return docs, X.tocsr(), vocab


def _mfw_order(X, vocab) -> list[int]:
    """Columns of ``X`` from the most frequent word down (ties alphabetical)."""
    total = np.asarray(X.sum(axis=0)).ravel()
    return sorted(range(len(vocab)), key=lambda j: (-total[j], vocab[j]))


def _dense_columns(X, columns) -> np.ndarray:
    """Columns ``columns`` of the sparse counts ``X``, in that order, as a float array."""
    return X[:, columns].toarray().astype(float) if len(columns) else np.zeros((X.shape[0], 0))


def _row_sums(X) -> np.ndarray:
    """Tokens per document of the sparse counts ``X``, as floats."""
    return np.asarray(X.sum(axis=1), dtype=float).ravel()


def _mfw_from_counts(docs, X, vocab, n_mfw, fn):
    order = _mfw_order(X, vocab)
    if n_mfw > len(order):
        warnings.warn(f"{fn}(): n_mfw={n_mfw} is larger than the vocabulary of the corpus "
                      f"({len(order)} distinct words); all {len(order)} words are used. Ask for "
                      "fewer most frequent words, or use a larger corpus.", UserWarning,
                      stacklevel=3)
    out = _relative_table(docs, X, vocab, order[:n_mfw])
    out.attrs.update({"n_mfw": n_mfw, "n_mfw_used": out.shape[1]})
    return out


def _relative_table(docs, X, vocab, columns, sizes=None) -> pd.DataFrame:
    """Documents × the words ``columns`` of ``X``: count / the document's tokens
    (``sizes``, computed from ``X`` if not given)."""
    sizes = _row_sums(X) if sizes is None else sizes
    rel = _dense_columns(X, columns) / np.where(sizes > 0, sizes, 1.0)[:, None]
    return pd.DataFrame(rel, index=pd.Index(docs, name="doc_id"),
                        columns=[str(vocab[j]) for j in columns])


def mfw_table(corpus, n_mfw: int = 100) -> pd.DataFrame:
    """Relative frequencies of the corpus's most frequent words in each document.

    Words are normalised tokens (case-folded, multi-word names joined), stop words
    included — function words are the point of stylometry (Burrows 2002).  The MFW
    ranking pools the whole corpus; ties are broken alphabetically.

    Parameters
    ----------
    corpus : Corpus
    n_mfw : int, default 100
        Number of most frequent words.  If larger than the vocabulary, a warning is
        given and every word is used.

    Returns
    -------
    DataFrame
        Documents (index ``doc_id``, sorted) × words (most frequent first): count / the
        document's number of tokens.  ``attrs``: ``n_mfw``, ``n_mfw_used``.

    Examples
    --------
    >>> import pandas as pd, discoursekit as dk
    >>> corpus = dk.Corpus.from_frame(pd.DataFrame({"author": ["A", "B"],
    ...     "text": ["The war and the peace.", "The end."], "doc_id": ["a", "b"]}))
    >>> mfw_table(corpus, 2).to_dict("index")
    {'a': {'the': 0.4, 'and': 0.2}, 'b': {'the': 0.5, 'and': 0.0}}
    """
    _need_corpus(corpus, "mfw_table")
    n_mfw = _positive_int("n_mfw", n_mfw, "mfw_table")
    docs, X, vocab = _doc_counts(corpus)
    return _mfw_from_counts(docs, X, vocab, n_mfw, "mfw_table")


def delta_distances(frequencies: pd.DataFrame, *, measure: str = "burrows") -> pd.DataFrame:
    """Burrows' Delta or Cosine Delta between the documents of a frequency table.

    Each word's relative frequencies are turned into z-scores over the documents of the
    table, ``z = (f − mean) / sd`` (sample standard deviation, ``ddof = 1``, as in the R
    package *stylo*; Eder, Rybicki & Kestemont 2016).  Then

    * Burrows' Delta (Burrows 2002): ``Δ(a, b) = mean_w |z_a(w) − z_b(w)|``;
    * Cosine Delta (Smith & Aldridge 2011; Evert et al. 2017): ``1 − cos(z_a, z_b)``,
      the more robust variant, insensitive to the number of words.

    A word with the same relative frequency in every document has no z-score: it is
    left out, as *stylo* does, so that Burrows' mean is taken over the words that vary
    (``attrs["n_constant"]`` counts those left out).

    Parameters
    ----------
    frequencies : DataFrame
        Documents × words, e.g. :func:`mfw_table`; at least two documents.
    measure : {"burrows", "cosine"}, default "burrows"

    Returns
    -------
    DataFrame
        Square, symmetric, zero diagonal; documents in the table's order.
        ``attrs``: ``measure``, ``n_words`` (words used), ``n_constant`` (left out).

    Examples
    --------
    >>> f = pd.DataFrame({"the": [.1, .2, .3], "of": [.2, .4, .0], "and": [.5, .3, .1]},
    ...                  index=["d1", "d2", "d3"])
    >>> delta_distances(f).round(4)
            d1      d2      d3
    d1  0.0000  1.0000  1.6667
    d2  1.0000  0.0000  1.3333
    d3  1.6667  1.3333  0.0000
    """
    check_choice("measure", measure, DELTA_MEASURES)
    if not isinstance(frequencies, pd.DataFrame):
        raise TypeError("delta_distances(): expected a DataFrame of relative frequencies "
                        f"(documents × words, e.g. mfw_table(corpus)); got "
                        f"{type(frequencies).__name__}.")
    if len(frequencies) < 2:
        raise ValueError(f"delta_distances(): need at least two documents; got "
                         f"{len(frequencies)}.")
    if frequencies.shape[1] == 0:
        raise ValueError("delta_distances(): the table has no words; ask for at least one "
                         "most frequent word.")
    values = frequencies.to_numpy(dtype=float)
    varies = ~np.all(values == values[:1], axis=0)
    if not varies.any():
        raise ValueError("delta_distances(): every word has the same relative frequency in "
                         "every document, so no word can tell them apart; use more words.")
    Z = _z_scores(values[:, varies])
    if measure == "burrows":
        D = np.empty((len(Z), len(Z)))
        step = max(1, 2 ** 22 // max(Z.size, 1))   # rows at a time: ~32 MB of differences
        for a in range(0, len(Z), step):
            D[a:a + step] = np.abs(Z[a:a + step, None, :] - Z[None, :, :]).mean(axis=2)
    else:
        D = 1.0 - _cosine_rows(Z)
    D = np.clip((D + D.T) / 2, 0.0, None)
    np.fill_diagonal(D, 0.0)
    out = pd.DataFrame(D, index=frequencies.index.copy(), columns=list(frequencies.index))
    out.attrs.update({"measure": measure, "n_words": int(Z.shape[1]),
                      "n_constant": int((~varies).sum())})
    return out


def _check_mfw_list(mfw, fn) -> list[int]:
    if isinstance(mfw, (int, np.integer)):
        mfw = [mfw]
    values = [_positive_int("each mfw value", m, fn) for m in mfw]
    if not values:
        raise ValueError(f"{fn}(): mfw is empty; pass MFW counts such as (30, 50, 100).")
    return sorted(set(values))


def sample_documents(docs: list[str], groups, max_docs: int, *, seed: int = 0) -> list[int]:
    """Positions of a seeded sample of at most ``max_docs`` documents, stratified by group.

    Every group keeps two documents (all, if it has fewer), so that each text in the
    sample can have a neighbour from its own group; the places left are shared in
    proportion to the documents each group has beyond those
    (:func:`discoursekit.sampling.largest_remainder`).  When the groups are so many
    that two each reach ``max_docs``, the sample is those two each.  Within a group,
    documents are drawn without replacement by ``numpy.random.default_rng(seed)``,
    groups in sorted order.  Returns sorted positions into ``docs`` (all of them if
    there are at most ``max_docs``).

    Examples
    --------
    Six documents, four by X and two by Y, in a sample of four: two each.

    >>> groups = ["X", "X", "X", "X", "Y", "Y"]
    >>> [groups[i] for i in sample_documents(list("abcdef"), groups, 4)]
    ['X', 'X', 'Y', 'Y']
    """
    from .sampling import largest_remainder

    max_docs = _positive_int("max_docs", max_docs, "sample_documents")
    if len(docs) <= max_docs:
        return list(range(len(docs)))
    labels = pd.Series(list(groups), dtype=object).fillna("")
    members = labels.groupby(labels, sort=True).indices        # group -> positions
    sizes = pd.Series({g: len(m) for g, m in sorted(members.items())})
    floor = sizes.clip(upper=2)
    spare = max_docs - int(floor.sum())
    quota = floor + largest_remainder(sizes - floor, spare) if spare > 0 else floor
    rng = np.random.default_rng(seed)
    picked = [rng.choice(members[g], size=int(q), replace=False) for g, q in quota.items()]
    return sorted(np.concatenate(picked).tolist())


def delta_sweep(corpus, mfw: Iterable[int] = MFW_SWEEP, *,
                measures: Iterable[str] = DELTA_MEASURES, max_docs: int | None = 1000,
                seed: int = 0) -> pd.DataFrame:
    """Delta between every pair of documents for a sweep of MFW counts.

    Parameters
    ----------
    corpus : Corpus
        At least two documents.
    mfw : iterable of int, default (30, 50, 100, 200, 300)
        Numbers of most frequent words; values above the vocabulary size give one
        warning and use the whole vocabulary (``n_mfw_used``).
    measures : iterable of {"burrows", "cosine"}
    max_docs : int or None, default 1000
        Compare at most this many documents: a larger corpus is represented by a seeded
        sample, stratified by group (:func:`sample_documents`).  The table has one row
        per ordered pair, so its size grows with the square of the documents (1,000
        documents: ten million rows).  None compares all.
    seed : int, default 0
        For the sample.

    Returns
    -------
    DataFrame
        ``measure, n_mfw, n_mfw_used, doc_id, other, group, other_group, delta, rank``:
        one row per ordered pair of different documents; ``rank`` 1 is the nearest other
        document of ``doc_id`` for that measure and MFW count (ties share the rank).
        Sorted by measure, n_mfw, doc_id, rank, other.  ``attrs``: ``mfw``,
        ``measures``, ``n_docs`` (in the corpus) and ``n_compared``.

    Notes
    -----
    The most frequent words are those of the whole corpus; the z-scores of Delta are
    taken over the documents compared (the sample, if there is one).

    See Also
    --------
    nearest_neighbours, neighbour_stability
    """
    _need_corpus(corpus, "delta_sweep")
    values = _check_mfw_list(mfw, "delta_sweep")
    measures = [check_choice("measure", m, DELTA_MEASURES) for m in measures]
    if max_docs is not None:
        max_docs = _positive_int("max_docs", max_docs, "delta_sweep")
    docs, X, vocab = _doc_counts(corpus)
    if len(docs) < 2:
        raise ValueError("delta_sweep(): stylometry compares documents; the corpus has only "
                         f"{len(docs)}.")
    too_big = [m for m in values if m > len(vocab)]
    if too_big:
        warnings.warn(f"delta_sweep(): n_mfw {', '.join(map(str, too_big))} exceed the "
                      f"vocabulary of the corpus ({len(vocab)} distinct words); those settings "
                      "use all of it.", UserWarning, stacklevel=2)
    group_of = _doc_groups(corpus)
    n_docs = len(docs)
    mfw_order = _mfw_order(X, vocab)                 # the whole corpus's ranking
    if max_docs is not None and n_docs > max_docs:
        keep = sample_documents(docs, [group_of.get(d, np.nan) for d in docs], max_docs,
                                seed=seed)
        docs, X = [docs[i] for i in keep], X[keep]
    names = np.asarray(docs, dtype=object)
    groups = np.asarray([group_of.get(d, np.nan) for d in docs], dtype=object)
    sizes = _row_sums(X)
    k = len(docs)
    off = ~np.eye(k, dtype=bool)
    others = np.broadcast_to(np.arange(k), (k, k))[off].reshape(k, k - 1)
    row = np.repeat(np.arange(k), k - 1)
    settings = [(m, n) for m in sorted(measures) for n in values]
    size = len(row)
    cols = {"measure": np.empty(size * len(settings), dtype=object),
            "n_mfw": np.empty(size * len(settings), dtype=np.int64),
            "n_mfw_used": np.empty(size * len(settings), dtype=np.int64),
            "doc_id": np.tile(names[row], len(settings)),
            "other": np.empty(size * len(settings), dtype=object),
            "group": np.tile(groups[row], len(settings)),
            "other_group": np.empty(size * len(settings), dtype=object),
            "delta": np.empty(size * len(settings)),
            "rank": np.empty(size * len(settings), dtype=np.int64)}
    # Filled setting by setting, already in the output's order (measure, n_mfw, doc_id,
    # rank, other): each row's other documents sorted by their rounded Delta, ties in
    # doc_id order, and rank "min" (ties share the lowest rank).  Written into arrays
    # allocated once: a corpus of 2,000 texts has 40 million rows.
    for s, (m, n) in enumerate(settings):
        at = slice(s * size, (s + 1) * size)
        table = _relative_table(docs, X, vocab, mfw_order[:n], sizes)
        D = delta_distances(table, measure=m).to_numpy()[off].reshape(k, k - 1).round(12)
        order = np.argsort(D, axis=1, kind="stable")
        delta = np.take_along_axis(D, order, axis=1)
        other = np.take_along_axis(others, order, axis=1).ravel()
        first = np.ones(delta.shape, dtype=bool)
        first[:, 1:] = delta[:, 1:] != delta[:, :-1]
        cols["rank"][at] = (np.maximum.accumulate(np.where(first, np.arange(k - 1), 0),
                                                  axis=1) + 1).ravel()
        cols["measure"][at], cols["n_mfw"][at] = m, n
        cols["n_mfw_used"][at] = table.shape[1]
        cols["other"][at], cols["other_group"][at] = names[other], groups[other]
        cols["delta"][at] = delta.ravel()
    out = pd.DataFrame(cols, copy=False)
    out.attrs.update({"mfw": values, "measures": measures, "n_docs": n_docs,
                      "n_compared": k})
    return out


def nearest_neighbours(sweep: pd.DataFrame) -> pd.DataFrame:
    """The nearest other document of each document, per measure and MFW count.

    Parameters
    ----------
    sweep : DataFrame
        :func:`delta_sweep` output.

    Returns
    -------
    DataFrame
        ``measure, n_mfw, doc_id, group, nearest, nearest_group, delta, second,
        second_delta, margin`` — ``margin`` is ``second_delta / delta`` (how much farther
        the runner-up is; 1 means a tie).  Ties for nearest are broken alphabetically and
        show as a margin of 1.  Sorted by measure, n_mfw, doc_id.

    Examples
    --------
    >>> s = pd.DataFrame({"measure": "burrows", "n_mfw": 30, "doc_id": ["a", "a"],
    ...                   "other": ["b", "c"], "group": "A", "other_group": ["B", "C"],
    ...                   "delta": [0.8, 1.2], "rank": [1, 2]})
    >>> nearest_neighbours(s)[["doc_id", "nearest", "margin"]]
      doc_id nearest  margin
    0      a       b     1.5
    """
    check_frame(sweep, ["measure", "n_mfw", "doc_id", "other", "delta"], "nearest_neighbours",
                  "delta_sweep")
    key = ["measure", "n_mfw", "doc_id"]
    # sort the keys only, then take the two nearest rows of each document from the sweep
    ordered = sweep[key + ["delta", "other"]].reset_index(drop=True).sort_values(
        key + ["delta", "other"], kind="mergesort")
    place = ordered.groupby(key, sort=False).cumcount().to_numpy()
    index = ordered.index.to_numpy()
    rows = sweep.reset_index(drop=True)
    first = rows.iloc[index[place == 0]].reset_index(drop=True)  # in (measure, n_mfw, doc_id)
    second = (rows.iloc[index[place == 1]].set_index(key)
              .reindex(pd.MultiIndex.from_frame(first[key])).reset_index(drop=True))
    delta = first["delta"].to_numpy(dtype=float)
    second_delta = second["delta"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        margin = np.where(delta > 0, second_delta / np.where(delta > 0, delta, 1.0), np.nan)
    return pd.DataFrame({
        "measure": first["measure"].to_numpy(),
        "n_mfw": first["n_mfw"].to_numpy(dtype=np.int64),
        "doc_id": first["doc_id"].to_numpy(),
        "group": (first["group"] if "group" in first else first["doc_id"]).to_numpy(),
        "nearest": first["other"].to_numpy(),
        "nearest_group": (first["other_group"] if "other_group" in first
                          else first["other"]).to_numpy(),
        "delta": delta,
        "second": second["other"].to_numpy(dtype=object),     # NaN: no runner-up
        "second_delta": second_delta,
        "margin": margin,
    })


def neighbour_stability(neighbours: pd.DataFrame) -> pd.DataFrame:
    """How stable each document's nearest neighbour is across the MFW sweep.

    Parameters
    ----------
    neighbours : DataFrame
        :func:`nearest_neighbours` output.

    Returns
    -------
    DataFrame
        ``doc_id, measure, n_settings, modal_nearest, times_nearest, stability,
        neighbours`` — the most frequent nearest neighbour (ties: alphabetical), in how
        many of the ``n_settings`` MFW counts it was nearest, that share, and every
        nearest neighbour seen with its count (e.g. ``"b (4); c (1)"``).
        Sorted by doc_id, measure.

    Examples
    --------
    >>> nn = pd.DataFrame({"measure": "cosine", "n_mfw": [30, 50, 100], "doc_id": "a",
    ...                    "nearest": ["b", "b", "c"]})
    >>> neighbour_stability(nn)[["modal_nearest", "times_nearest", "stability"]].values.tolist()
    [['b', 2, 0.6666666666666666]]
    """
    check_frame(neighbours, ["measure", "n_mfw", "doc_id", "nearest"], "neighbour_stability",
                  "nearest_neighbours")
    rows = []
    for (d, m), part in neighbours.groupby(["doc_id", "measure"], sort=True):
        counts = part["nearest"].value_counts()
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        modal, times = ranked[0]
        rows.append((d, m, len(part), modal, int(times), times / len(part),
                     "; ".join(f"{k} ({v})" for k, v in ranked)))
    return pd.DataFrame(rows, columns=["doc_id", "measure", "n_settings", "modal_nearest",
                                       "times_nearest", "stability", "neighbours"])


def attribution_check(corpus, block_size: int, *, mfw: Iterable[int] = MFW_SWEEP,
                      measures: Iterable[str] = DELTA_MEASURES,
                      min_rest: int | None = None, max_blocks: int | None = 400,
                      seed: int = 0) -> pd.DataFrame:
    """How often a block of ``block_size`` tokens is attributed back to its own text.

    A check of what Delta can do at a given text length (Eder 2015): every document is
    cut into consecutive, non-overlapping blocks of ``block_size`` tokens; each block in
    turn is treated as an anonymous text, and its own document is replaced by the rest
    of that document (without the block).  The block is "correctly attributed" when its
    nearest candidate is that rest.  MFW and z-scores are computed over the candidates
    and the block, as :func:`delta_sweep` does over a corpus.

    Parameters
    ----------
    corpus : Corpus
        At least two documents.
    block_size : int
        Tokens per block, e.g. the length of a disputed text.
    mfw, measures
        As in :func:`delta_sweep`.
    min_rest : int, optional
        A document is tested only if the rest after removing a block keeps at least this
        many tokens (default: ``block_size``).
    max_blocks : int or None, default 400
        Test at most this many blocks: if a large corpus has more, a random sample of
        them (``seed``), the same for every measure and MFW count.  None tests all.
    seed : int, default 0

    Returns
    -------
    DataFrame
        ``measure, n_mfw, doc_id, block, nearest, correct``: one row per block, measure
        and MFW count; blocks numbered from 0.  Sorted by measure, n_mfw, doc_id, block.
        Empty (with these columns) if no document is long enough.  ``attrs`` holds
        ``block_size``, ``n_blocks`` (all eligible blocks) and ``n_tested``.

    Notes
    -----
    A block and the rest of its document together are the whole document, so the
    corpus's word totals, and with them the MFW ranking, are the same for every block:
    the documents are counted once, and each block needs only its own counts and one
    row of distances (block to every candidate), not the whole corpus again.
    """
    _need_corpus(corpus, "attribution_check")
    block_size = _positive_int("block_size", block_size, "attribution_check")
    min_rest = block_size if min_rest is None else _positive_int("min_rest", min_rest,
                                                                 "attribution_check")
    if max_blocks is not None:
        max_blocks = _positive_int("max_blocks", max_blocks, "attribution_check")
    values = _check_mfw_list(mfw, "attribution_check")
    measures = [check_choice("measure", m, DELTA_MEASURES) for m in measures]
    units = _units_of(corpus, "doc_id")
    docs, X, vocab = _doc_counts(corpus, units)
    cols = ["measure", "n_mfw", "doc_id", "block", "nearest", "correct"]
    if len(docs) < 2:
        raise ValueError("attribution_check(): need at least two documents.")
    sizes = _row_sums(X)
    eligible = [(i, b) for i, d in enumerate(docs)
                for b in range(len(units[d]) // block_size)
                if sizes[i] - block_size >= min_rest]
    n_blocks = len(eligible)
    if max_blocks is not None and n_blocks > max_blocks:
        pick = np.random.default_rng(seed).choice(n_blocks, size=max_blocks, replace=False)
        eligible = [eligible[k] for k in sorted(pick.tolist())]
    order = _mfw_order(X, vocab)[:max(values)]
    column = {vocab[j]: k for k, j in enumerate(order)}      # MFW rank of each top word
    top = _dense_columns(X, order)
    rows = []
    for i, b in eligible:
        d = docs[i]
        ranks = [column.get(w, -1) for w in units[d][b * block_size:(b + 1) * block_size]]
        ranks = np.asarray(ranks, dtype=np.int64)
        block = np.bincount(ranks[ranks >= 0], minlength=len(order)).astype(float)
        table = np.vstack([top, block])
        table[i] -= block                                   # the rest of the document
        n_tokens = np.append(sizes, block_size).astype(float)
        n_tokens[i] -= block_size
        rel = table / np.where(n_tokens > 0, n_tokens, 1.0)[:, None]
        for n, m, dist in _distances_to_last(rel, values, measures):
            dist = dist.round(12)       # as in delta_sweep: identical texts tie exactly,
            tied = np.flatnonzero(dist == dist.min()).tolist()    # then by name
            best = min(tied, key=docs.__getitem__)
            rows.append((m, n, d, b, docs[best], best == i))
    out = pd.DataFrame(rows, columns=cols)
    if len(out):
        out = out.sort_values(["measure", "n_mfw", "doc_id", "block"],
                              kind="mergesort").reset_index(drop=True)
    out.attrs.update({"block_size": block_size, "n_blocks": n_blocks,
                      "n_tested": len(eligible)})
    return out


def _z_scores(X: np.ndarray) -> np.ndarray:
    """Each column's z-scores over the rows (ddof = 1); 0 where a column is constant."""
    sd = X.std(axis=0, ddof=1)
    return np.where(sd > 0, (X - X.mean(axis=0)) / np.where(sd > 0, sd, 1.0), 0.0)


def _distances_to_last(rel: np.ndarray, values: list[int], measures: list[str]):
    """:func:`delta_distances` from the last row of ``rel`` to each of the others, for
    the first ``n`` columns (words) for each ``n`` in ``values`` and each measure: yields
    ``(n, measure, distances)`` in that order.

    z-scores are per column, so those of the first n words are the first n columns of
    the z-scores of all of them; the absolute differences (Burrows) and the squares
    (cosine) are likewise made once and summed over the first n columns for each n.
    Each value is computed exactly as :func:`delta_distances` computes it.
    """
    Z = _z_scores(rel)
    gaps = np.abs(Z[:-1] - Z[-1]) if "burrows" in measures else None
    squares = Z ** 2 if "cosine" in measures else None
    for n in values:
        for m in measures:
            if m == "burrows":
                yield n, m, gaps[:, :n].mean(axis=1)
                continue
            norms = np.sqrt(squares[:, :n].sum(axis=1))
            U = Z[:, :n] / np.where(norms > 0, norms, 1.0)[:, None]     # as _unit_rows
            yield n, m, np.clip(1.0 - np.clip(U[:-1] @ U[-1], -1.0, 1.0), 0.0, None)


# --- synthesis -------------------------------------------------------------------------------
def author_summary(corpus, *, keyness: pd.DataFrame | None = None,
                   profile: pd.DataFrame | None = None, rates: pd.DataFrame | None = None,
                   evaluation: pd.DataFrame | None = None, actor: str | None = "Russia",
                   frames=None) -> pd.DataFrame:
    """One row of headline measures per group.

    Parameters
    ----------
    corpus : Corpus
    keyness : DataFrame, optional
        :func:`discoursekit.keyness_all` (against the rest, stop words excluded) for
        the corpus's groups (``by=corpus.by``); computed if omitted.
    profile : DataFrame, optional
        :func:`discoursekit.frame_profile` of :func:`discoursekit.code_corpus_frames`.
    rates : DataFrame, optional
        :func:`discoursekit.stance_rates`.
    evaluation : DataFrame, optional
        :func:`discoursekit.actor_evaluation`.
    actor : str or None, default "Russia"
        The actor whose evaluation is summarised; None leaves the two columns out (a
        corpus that names no actor of the actor table).
    frames : list of str, optional
        Frames among which the dominant one is chosen (default: the issue-specific
        frames).

    Returns
    -------
    DataFrame
        ``group, documents, words, sentences, top_keyword, top_keyword_g2,
        dominant_frame, dominant_frame_share, treatment_share, deontic_per_1000,
        hedge_per_1000, compound_<actor>, n_<actor>`` — sorted by group.  ``top_keyword``
        is the positive keyword with the largest G² (significant or not);
        ``treatment_share`` the share of sentences coded as a treatment recommendation
        (Entman 1993); ``compound_<actor>`` the mean VADER compound (Hutto & Gilbert
        2014) of the sentences mentioning the actor (NaN if none).
    """
    _need_corpus(corpus, "author_summary")
    from . import framing, keywords, stance

    if keyness is None:
        keyness = keywords.keyness_all(corpus, by="group", stopwords=True)
    if profile is None:
        profile = framing.frame_profile(framing.code_corpus_frames(corpus))
    if rates is None:
        rates = stance.stance_rates(corpus)
    if evaluation is None:
        evaluation = stance.actor_evaluation(corpus)
    check_frame(keyness, ["group", "term", "g2"], "author_summary", "keyness_all")
    check_frame(profile, ["group", "category", "share"], "author_summary", "frame_profile")
    check_frame(rates, ["group", "category", "rate"], "author_summary", "stance_rates")
    if frames is None:        # the codebook's issue frames (the profile says each one's kind)
        frames = (list(dict.fromkeys(profile.loc[profile["kind"] == "issue", "category"]))
                  if "kind" in profile.columns else list(framing.ISSUE_FRAMES))
    docs = corpus.docs
    group_of = docs.set_index("doc_id")["group"]
    n_docs = docs["group"].value_counts()
    n_words = corpus.tokens["doc_id"].map(group_of).value_counts()
    n_sents = corpus.sentences["doc_id"].map(group_of).value_counts()
    top = keywords.top_keywords(keyness, n=1).set_index("group")
    prof = profile.set_index(["group", "category"])["share"]
    rate = rates.set_index(["group", "category"])["rate"]
    ev = (evaluation[evaluation["actor"] == actor].set_index("group")
          if evaluation is not None and len(evaluation) else pd.DataFrame())
    labels = framing.category_labels()
    rows = []
    for g in sorted(docs["group"].unique()):
        shares = {f: prof.get((g, f), np.nan) for f in frames}
        shares = {f: s for f, s in shares.items() if pd.notna(s) and s > 0}
        dom = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))[0] if shares else (None, np.nan)
        rows.append({
            "group": g,
            "documents": int(n_docs.get(g, 0)),
            "words": int(n_words.get(g, 0)),
            "sentences": int(n_sents.get(g, 0)),
            "top_keyword": top.loc[g, "term"] if g in top.index else "",
            "top_keyword_g2": float(top.loc[g, "g2"]) if g in top.index else np.nan,
            "dominant_frame": labels.get(dom[0], dom[0]) if dom[0] else "",
            "dominant_frame_share": float(dom[1]) if dom[0] else 0.0,
            "treatment_share": float(prof.get((g, "treatment_recommendation"), np.nan)),
            "deontic_per_1000": float(rate.get((g, "deontic"), np.nan)),
            "hedge_per_1000": float(rate.get((g, "hedge"), np.nan)),
        })
        if actor is not None:
            rows[-1].update({
                f"compound_{actor}": float(ev.loc[g, "mean_compound"]) if g in ev.index
                else np.nan,
                f"n_{actor}": int(ev.loc[g, "n_sentences"]) if g in ev.index else 0})
    out = pd.DataFrame(rows)
    out.attrs.update({"actor": actor})
    return out


#: Actors shown in the author profile by default (those present are kept, in this order).
PROFILE_ACTORS = ("Russia", "Putin", "Serbia", "Vucic", "Kosovo", "NATO", "EU", "US")


def profile_actors(evaluation: pd.DataFrame, actors=PROFILE_ACTORS) -> list[str]:
    """The actors of the author profile: those of ``actors`` that ``evaluation`` has, in
    that order; if it has none of them (another corpus), its own most-mentioned actors
    (most sentences over all groups, ties by name), as many as ``actors`` has.

    >>> ev = pd.DataFrame({"actor": ["Council", "Mayor", "Council"], "n_sentences": [2, 5, 4]})
    >>> profile_actors(ev, ["Russia", "NATO"])
    ['Council', 'Mayor']
    >>> profile_actors(ev, ["Mayor", "Russia"])
    ['Mayor']
    """
    from ._shown import preferred_then_most

    actors = list(actors)
    if evaluation is None or not len(evaluation):
        return []
    present = [a for a in actors if a in set(evaluation["actor"])]
    if present:
        return present
    totals = evaluation.groupby("actor")["n_sentences"].sum()
    return preferred_then_most(totals, (), len(actors), fn="profile_actors")


def author_profile_table(keyness: pd.DataFrame, profile: pd.DataFrame, rates: pd.DataFrame,
                         evaluation: pd.DataFrame, *, n_keywords: int = 5, frames=None,
                         actors=PROFILE_ACTORS) -> pd.DataFrame:
    """The numbers of the author-profile figure, as one long table.

    Parameters
    ----------
    keyness, profile, rates, evaluation : DataFrame
        :func:`discoursekit.keyness_all` (against the rest), :func:`discoursekit.frame_profile`,
        :func:`discoursekit.stance_rates`, :func:`discoursekit.actor_evaluation`.
    n_keywords : int, default 5
        Keywords per group (largest G², as :func:`discoursekit.top_keywords`).
    frames : list of str, optional
        Default: the issue-specific frames and the treatment-recommendation function.
    actors : sequence of str
        Actors whose evaluation is shown (those absent from ``evaluation`` are skipped; if
        all are, the corpus's most-mentioned actors: :func:`profile_actors`).

    Returns
    -------
    DataFrame
        ``panel, group, item, value, lo, hi, n`` — panels "keywords" (Log Ratio with its
        bootstrap interval, ``n`` = frequency in the group), "frames" (share of sentences),
        "stance" (per 1,000 words), "actors" (mean VADER compound, ``n`` = sentences).
        Sorted by panel (in that order), group, then the order within the panel.

    Examples
    --------
    >>> kw = pd.DataFrame({"group": ["A"], "term": ["nato"], "g2": [5.0], "log_ratio": [2.0],
    ...                    "log_ratio_ci_low": [1.0], "log_ratio_ci_high": [3.0],
    ...                    "freq_target": [4]})
    >>> empty = pd.DataFrame(columns=["group", "category", "share", "ci_low", "ci_high",
    ...                               "count", "rate", "lo", "hi", "n"])
    >>> author_profile_table(kw, empty, empty, pd.DataFrame())[["panel", "item", "value"]]
          panel  item  value
    0  keywords  nato    2.0
    """
    from .framing import ISSUE_FRAMES
    from .keywords import top_keywords

    n_keywords = _positive_int("n_keywords", n_keywords, "author_profile_table")
    if frames is None:        # the codebook's issue frames, then remedies (a framing function)
        issue = (list(dict.fromkeys(profile.loc[profile["kind"] == "issue", "category"]))
                 if "kind" in profile.columns and len(profile) else list(ISSUE_FRAMES))
        frames = issue + ["treatment_recommendation"]
    frames = list(frames)
    parts = []
    top = top_keywords(keyness, n=n_keywords)
    parts.append(pd.DataFrame({
        "panel": "keywords", "group": top["group"], "item": top["term"],
        "value": top["log_ratio"], "lo": top.get("log_ratio_ci_low", np.nan),
        "hi": top.get("log_ratio_ci_high", np.nan), "n": top.get("freq_target", np.nan),
        "_o": top.groupby("group").cumcount()}))
    fr = profile[profile["category"].isin(frames)]
    parts.append(pd.DataFrame({
        "panel": "frames", "group": fr["group"], "item": fr["category"], "value": fr["share"],
        "lo": fr["ci_low"], "hi": fr["ci_high"], "n": fr["count"],
        "_o": fr["category"].map({f: i for i, f in enumerate(frames)})}))
    cats = list(dict.fromkeys(rates["category"]))
    parts.append(pd.DataFrame({
        "panel": "stance", "group": rates["group"], "item": rates["category"],
        "value": rates["rate"], "lo": rates["lo"], "hi": rates["hi"], "n": rates["n"],
        "_o": rates["category"].map({c: i for i, c in enumerate(cats)})}))
    if len(evaluation):
        actors = profile_actors(evaluation, actors)
        ev = evaluation[evaluation["actor"].isin(actors)]
        order = {a: i for i, a in enumerate(actors)}
        parts.append(pd.DataFrame({
            "panel": "actors", "group": ev["group"], "item": ev["actor"],
            "value": ev["mean_compound"], "lo": ev["lo"], "hi": ev["hi"],
            "n": ev["n_sentences"], "_o": ev["actor"].map(order)}))
    parts = [p for p in parts if len(p)]
    cols = ["panel", "group", "item", "value", "lo", "hi", "n"]
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)
    out["_p"] = out["panel"].map({"keywords": 0, "frames": 1, "stance": 2, "actors": 3})
    out = out.sort_values(["_p", "group", "_o"], kind="mergesort")[cols].reset_index(drop=True)
    out["value"] = out["value"].astype(float)
    return out
