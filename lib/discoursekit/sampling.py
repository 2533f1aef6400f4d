"""Reproducible samples of sentences for hand coding (validation of lexicons and rules)."""
from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["largest_remainder", "stratified_sample"]


def largest_remainder(sizes: pd.Series, budget: int) -> pd.Series:
    """``budget`` places shared among strata in proportion to ``sizes`` (Hamilton's method).

    Each stratum gets the whole part of its share; the places left go one each to the
    largest fractional parts, ties in the order of ``sizes``.

    >>> largest_remainder(pd.Series({"a": 5, "b": 3, "c": 2}), 4).tolist()
    [2, 1, 1]
    """
    quota = sizes / sizes.sum() * budget
    alloc = np.floor(quota).astype(int)
    for key in (quota - alloc).sort_values(ascending=False, kind="stable").index[
            : budget - int(alloc.sum())]:
        alloc[key] += 1
    return alloc


def stratified_sample(sentences: pd.DataFrame, n: int, *, by: str = "doc_id",
                      take_all: tuple[str, ...] = (), seed: int = 20261122,
                      test_share: float = 0.5) -> pd.DataFrame:
    """A sample of about ``n`` sentences, proportional to each stratum's size.

    Strata named in ``take_all`` are taken whole; the rest of ``n`` is shared among the
    other strata in proportion to their number of sentences (largest remainders).  Each
    sampled sentence is assigned to a ``dev`` or ``test`` split, alternating within a
    stratum after shuffling, so both halves cover every document.  Deterministic for a
    given ``seed``.

    Returns the sampled rows (all input columns) plus ``sample_id`` and ``split``, in
    corpus order.
    """
    rng = np.random.default_rng(seed)
    sizes = sentences.groupby(by, sort=True).size()
    fixed = sizes[sizes.index.isin(take_all)]
    rest = sizes[~sizes.index.isin(take_all)]
    budget = max(n - int(fixed.sum()), 0)
    alloc = pd.concat([fixed, largest_remainder(rest, budget).clip(upper=rest)])
    parts = []
    for key in sorted(alloc.index):
        rows = sentences[sentences[by] == key]
        pick = rng.permutation(len(rows))[: alloc[key]]
        chosen = rows.iloc[pick].copy()
        start = int(rng.integers(2))
        chosen["split"] = ["dev" if (i + start) % 2 == 0 else "test" for i in range(len(chosen))]
        parts.append(chosen)
    out = pd.concat(parts).sort_index()
    out.insert(0, "sample_id", [f"s{i:03d}" for i in range(1, len(out) + 1)])
    return out.reset_index(drop=True)
