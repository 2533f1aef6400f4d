"""What is computed from the codes: each group's frame profile with bootstrap intervals
over texts, the frames worth showing, co-occurrence, and the flow of frames through an
article."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..resampling import interval_reason, resampling_units, text_bootstrap
from .common import categories_of, coded_categories, kind_of, require_columns
from .lexicon import FRAME_IDS

__all__ = ["frame_profile", "frames_to_show", "frames_in", "categories_not_carried",
           "frame_cooccurrence", "frame_flow"]


def frame_profile(coded: pd.DataFrame, categories=None, *, by: str = "group",
                  n_boot: int = 2000, block: int = 5, level: float = 0.95,
                  seed: int = 20261122) -> pd.DataFrame:
    """Share of sentences carrying each frame, per group, with a bootstrap interval over its texts.

    Sentences of an article are not independent (a frame runs over several consecutive
    sentences), so the interval resamples *blocks* of ``block`` consecutive sentences
    within each article (non-overlapping blocks, Carlstein 1986, through
    :func:`discoursekit.resampling.block_bootstrap`, shared with the stance rates), the
    text-level uncertainty a group with a single article allows.  A group with several articles is
    resampled by whole articles (a bootstrap over articles,
    :func:`discoursekit.resampling.text_bootstrap`), so that its interval also shows how
    much its articles differ from one another.

    Parameters
    ----------
    coded : DataFrame
        From :func:`code_corpus_frames`.
    categories : list of str, optional
        Default: every coded frame and function.
    by : str, default "group"
        Column defining the groups.
    n_boot : int, default 2000
        Bootstrap replicates.
    block : int, default 5
        Sentences per block (capped at the article's length).
    level : float, default 0.95
        Coverage of the percentile interval.
    seed : int
        Each article's generator is seeded with ``(seed, crc32(doc_id))``, so an
        article's interval does not depend on which other articles are in the corpus.

    Returns
    -------
    DataFrame
        ``group, category, kind, n_docs, n_sentences, count, share, ci_low, ci_high``,
        sorted by group then category order.  A group whose units (articles, or blocks
        of its one article) give fewer than 20 distinct resamples (three blocks give
        10, two articles 3) has no interval (NaN); ``attrs["no_interval"]`` gives each
        such group and the reason (:func:`discoursekit.resampling.interval_reason`).

    Examples
    --------
    >>> coded = pd.DataFrame({"doc_id": ["a"] * 4, "sent_id": range(4), "group": "A",
    ...                       "conflict": [True, False, True, False]})
    >>> frame_profile(coded, ["conflict"], n_boot=200)[["share"]].to_dict("list")
    {'share': [0.5]}
    """
    cats = categories_of(coded, categories, "frame_profile")
    require_columns(coded, ["doc_id", "sent_id", by], "frame_profile")
    if not 0 < level < 1:
        raise ValueError(f"frame_profile(): level must be between 0 and 1; got {level!r}.")
    if int(n_boot) < 1 or int(block) < 1:
        raise ValueError("frame_profile(): n_boot and block must be positive integers.")
    lo, hi = (1 - level) / 2, 1 - (1 - level) / 2
    rows, no_interval = [], {}
    ordered = coded.sort_values(["doc_id", "sent_id"], kind="stable")
    for group, part in ordered.groupby(by, sort=True):
        n = len(part)
        values = np.column_stack([part[cats].to_numpy(dtype=float), np.ones(n)])
        counts = text_bootstrap(values, part["doc_id"].to_numpy(), block=int(block),
                                n_boot=int(n_boot), seed=int(seed))
        # each replicate's share is over the sentences it drew (the articles, or the
        # blocks, differ in length), as the stance rates take markers over words drawn
        shares = counts[:, :-1] / counts[:, -1:]
        q = np.quantile(shares, [lo, hi], axis=0)
        reason = interval_reason(*resampling_units(part["doc_id"].to_numpy(), block=int(block)))
        if reason:                 # too few distinct resamples for a percentile interval
            q[:] = np.nan
            no_interval[group] = reason
        point = part[cats].to_numpy(dtype=float).sum(axis=0)
        for j, cat in enumerate(cats):
            rows.append((group, cat, kind_of(cat, coded.attrs.get("kinds")),
                         part["doc_id"].nunique(), n, int(point[j]),
                         point[j] / n, q[0, j], q[1, j]))
    out = pd.DataFrame(rows, columns=["group", "category", "kind", "n_docs", "n_sentences",
                                      "count", "share", "ci_low", "ci_high"])
    out.attrs["no_interval"] = no_interval
    return out


def frames_to_show(profile: pd.DataFrame, preferred=(), k: int = 1) -> list[str]:
    """Up to ``k`` frames to show evidence for: the ``preferred`` ones that some sentence
    carries, in that order, then the issue and generic frames carried by the most
    sentences (ties by id).

    A notebook written about one corpus names the frames it discusses; on another corpus
    no sentence may carry them, and the evidence is then that corpus's own most-carried
    frames.  If no sentence carries any frame (a tiny corpus), the first ``k`` preferred
    ones are returned anyway: their evidence tables are then empty.

    >>> profile = pd.DataFrame({"category": ["conflict", "morality", "diplomacy"],
    ...                         "count": [3, 0, 5]})
    >>> frames_to_show(profile, ["morality", "conflict"], k=2)
    ['conflict', 'diplomacy']
    """
    from .._shown import preferred_then_most

    totals = _sentences_carrying(profile, "frames_to_show")
    frames = (set(profile.loc[profile["kind"] != "function", "category"])
              if "kind" in profile.columns else set(FRAME_IDS))
    totals = totals[totals.index.isin(frames) & (totals > 0)]
    return preferred_then_most(totals, preferred, k, fn="frames_to_show") or list(preferred)[:k]


def frames_in(coded: pd.DataFrame, preferred=(), k: int = 1) -> list[str]:
    """:func:`frames_to_show` for a coded table rather than a profile: up to ``k`` frames
    to show evidence for, the ``preferred`` ones that some sentence carries first, then
    the corpus's most-carried frames (a codebook may not have the preferred ones at all).

    >>> coded = pd.DataFrame({"conflict": [True, False], "morality": [False, False]})
    >>> frames_in(coded, ["energy_economy", "morality"])
    ['conflict']
    """
    cats = coded_categories(coded)
    kinds = coded.attrs.get("kinds") or {}
    profile = pd.DataFrame({"category": cats, "kind": [kind_of(c, kinds) for c in cats],
                            "count": [int(coded[c].astype(bool).sum()) for c in cats]})
    return frames_to_show(profile, [p for p in preferred if p in cats], k)


def categories_not_carried(profile: pd.DataFrame) -> list[str]:
    """The frames and functions of :func:`frame_profile` that no sentence of the corpus
    carries, in the profile's order (on another topic, the seed issue's frames).

    >>> categories_not_carried(pd.DataFrame({"category": ["conflict", "morality", "conflict"],
    ...                                      "count": [0, 0, 2]}))
    ['morality']
    """
    totals = _sentences_carrying(profile, "categories_not_carried")
    return totals[totals == 0].index.tolist()


def _sentences_carrying(profile: pd.DataFrame, fn: str) -> pd.Series:
    """Sentences carrying each category of a :func:`frame_profile`, over all groups."""
    from .._validate import check_frame

    check_frame(profile, ["category", "count"], fn, "frame_profile")
    return profile.groupby("category", sort=False)["count"].sum()


def frame_cooccurrence(coded: pd.DataFrame, categories=None) -> pd.DataFrame:
    """How often two frames are coded in the same sentence.

    Returns
    -------
    DataFrame
        One row per ordered pair: ``category_a, category_b, n_a, n_b, n_both``,
        ``jaccard`` (n_both / sentences with either; 1 on the diagonal) and ``p_b_given_a``
        (share of a's sentences that also carry b).  Pairs in category order.
    """
    cats = categories_of(coded, categories, "frame_cooccurrence")
    x = coded[cats].to_numpy(dtype=np.int64)
    both = x.T @ x
    n = x.sum(axis=0)
    rows = []
    for i, a in enumerate(cats):
        for j, b in enumerate(cats):
            union = n[i] + n[j] - both[i, j]
            rows.append((a, b, int(n[i]), int(n[j]), int(both[i, j]),
                         both[i, j] / union if union else np.nan,
                         both[i, j] / n[i] if n[i] else np.nan))
    return pd.DataFrame(rows, columns=["category_a", "category_b", "n_a", "n_b", "n_both",
                                       "jaccard", "p_b_given_a"])


def frame_flow(coded: pd.DataFrame, categories=None, *, bins: int = 5, by: str = "group",
               pooled: bool = True, only_coded: bool = False) -> pd.DataFrame:
    """Where in the article each frame appears: share of sentences per position bin.

    Parameters
    ----------
    coded : DataFrame
        From :func:`code_corpus_frames` (needs ``position``).
    categories : list of str, optional
    bins : int, default 5
        Equal slices of relative position (0 = first sentence, 1 = last).
    by : str, default "group"
    pooled : bool, default True
        Add the group ``"all articles"``: each article weighted equally (the mean of
        the articles' shares in that bin), so a long article does not dominate.
    only_coded : bool, default False
        Leave out the ``categories`` the table was not coded for (a codebook without
        them) instead of failing.  An empty list of categories gives an empty table.

    Returns
    -------
    DataFrame
        ``group, bin, bin_start, bin_end, category, n_sentences, count, share``.
    """
    columns = ["group", "bin", "bin_start", "bin_end", "category", "n_sentences", "count",
               "share"]
    if categories is not None and not isinstance(categories, str):
        categories = list(categories)
        if only_coded:
            categories = [c for c in categories if c in coded.columns]
        if not categories:             # e.g. the functions of a codebook that has none
            return pd.DataFrame(columns=columns)
    cats = categories_of(coded, categories, "frame_flow")
    require_columns(coded, ["doc_id", "position", by], "frame_flow")
    if int(bins) < 1:
        raise ValueError(f"frame_flow(): bins must be a positive integer; got {bins!r}.")
    bins = int(bins)
    df = coded[[by, "doc_id", "position"] + cats].copy()
    df["bin"] = np.minimum((df["position"] * bins).astype(int), bins - 1)
    long = df.melt(id_vars=[by, "doc_id", "bin"], value_vars=cats, var_name="category",
                   value_name="present")
    per = (long.groupby([by, "bin", "category"], sort=False)["present"]
           .agg(n_sentences="size", count="sum").reset_index())
    per = per.rename(columns={by: "group"})
    per["share"] = per["count"] / per["n_sentences"]
    if pooled:
        doc = (long.groupby(["doc_id", "bin", "category"], sort=False)["present"]
               .agg(n_sentences="size", count="sum").reset_index())
        doc["share"] = doc["count"] / doc["n_sentences"]
        allp = (doc.groupby(["bin", "category"], sort=False)
                .agg(n_sentences=("n_sentences", "sum"), count=("count", "sum"),
                     share=("share", "mean")).reset_index())
        allp.insert(0, "group", "all articles")
        per = pd.concat([per, allp], ignore_index=True)
    per["count"] = per["count"].astype(int)
    per["bin_start"] = per["bin"] / bins
    per["bin_end"] = (per["bin"] + 1) / bins
    order = {c: i for i, c in enumerate(cats)}
    per["_c"] = per["category"].map(order)
    per["_g"] = per["group"].eq("all articles")
    per = per.sort_values(["_g", "group", "_c", "bin"], kind="stable").drop(columns=["_c", "_g"])
    return per[["group", "bin", "bin_start", "bin_end", "category", "n_sentences", "count",
                "share"]].reset_index(drop=True)
