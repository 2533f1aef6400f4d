"""Stylometry: relative frequencies of the most frequent words, Burrows' and Cosine Delta,
the sweep over MFW counts, nearest neighbours and their stability, and how often a block of
text is attributed back to its own text (Eder 2015)."""
from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._validate import check_choice, check_frame
from .common import (
    DELTA_MEASURES,
    MFW_SWEEP,
    cosine_rows,
    doc_groups,
    need_corpus,
    positive_int,
)

__all__ = ["mfw_table", "delta_distances", "sample_documents", "delta_sweep", "nearest_neighbours", "neighbour_stability", "attribution_check"]



# --- stylometry ----------------------------------------------------------------------------
def doc_counts(corpus, units: dict | None = None):
    """Documents (sorted), their word counts (sparse, CSR) and the vocabulary; ``units``
    are the documents' norms if already at hand (:func:`~discoursekit.compare.common.units_of`
    by doc_id); else the corpus's own counts are read.

    Sparse because stylometry needs only the few hundred most frequent columns: dense,
    5,000 texts with a vocabulary of 40,000 words would take 1.6 GB.
    """
    from ..keywords import count_terms

    if units is None:
        return _counted(corpus)
    docs = sorted(units)
    X, vocab = count_terms([units[d] for d in docs])
    return docs, X.tocsr(), vocab


def _counted(corpus):
    """:func:`doc_counts` from the corpus's own document × word counts (the counts of
    :attr:`Corpus.tokens` per document, kept as integer arrays): the same documents,
    counts and vocabulary (words that occur, sorted) without a list of every token."""
    counts = corpus._doc_counts
    doc_ids = corpus.docs["doc_id"].astype(str).to_numpy(dtype=object)
    rows = np.argsort(doc_ids, kind="stable")
    X = counts.counts.tocsr()[rows]
    seen = np.flatnonzero(np.asarray(X.sum(axis=0)).ravel() > 0)
    words = counts.norm_vocab[seen]
    by_word = np.argsort(words, kind="stable")
    X = X[:, seen[by_word]].tocsr()
    X.sort_indices()
    return doc_ids[rows].tolist(), X, np.array(words[by_word].tolist(), dtype=object)


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


def mfw_from_counts(docs, X, vocab, n_mfw, fn):
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
    need_corpus(corpus, "mfw_table")
    n_mfw = positive_int("n_mfw", n_mfw, "mfw_table")
    docs, X, vocab = doc_counts(corpus)
    return mfw_from_counts(docs, X, vocab, n_mfw, "mfw_table")


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
        D = 1.0 - cosine_rows(Z)
    D = np.clip((D + D.T) / 2, 0.0, None)
    np.fill_diagonal(D, 0.0)
    out = pd.DataFrame(D, index=frequencies.index.copy(), columns=list(frequencies.index))
    out.attrs.update({"measure": measure, "n_words": int(Z.shape[1]),
                      "n_constant": int((~varies).sum())})
    return out


def _check_mfw_list(mfw, fn) -> list[int]:
    if isinstance(mfw, (int, np.integer)):
        mfw = [mfw]
    values = [positive_int("each mfw value", m, fn) for m in mfw]
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
    from ..sampling import largest_remainder

    max_docs = positive_int("max_docs", max_docs, "sample_documents")
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
    need_corpus(corpus, "delta_sweep")
    values = _check_mfw_list(mfw, "delta_sweep")
    measures = [check_choice("measure", m, DELTA_MEASURES) for m in measures]
    if max_docs is not None:
        max_docs = positive_int("max_docs", max_docs, "delta_sweep")
    docs, X, vocab = doc_counts(corpus)
    if len(docs) < 2:
        raise ValueError("delta_sweep(): stylometry compares documents; the corpus has only "
                         f"{len(docs)}.")
    too_big = [m for m in values if m > len(vocab)]
    if too_big:
        warnings.warn(f"delta_sweep(): n_mfw {', '.join(map(str, too_big))} exceed the "
                      f"vocabulary of the corpus ({len(vocab)} distinct words); those settings "
                      "use all of it.", UserWarning, stacklevel=2)
    group_of = doc_groups(corpus)
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
                      max_docs: int | None = 1000, seed: int = 0) -> pd.DataFrame:
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
    max_docs : int or None, default 1000
        The candidates, as in :func:`delta_sweep`: a corpus of more documents is
        represented by the same seeded sample, stratified by group
        (:func:`sample_documents`), whose documents are both the candidates and the texts
        the blocks are cut from; the most frequent words stay those of the whole corpus.
        Every block is compared with every candidate, so the cost grows with blocks ×
        candidates.  None uses every document.
    seed : int, default 0

    Returns
    -------
    DataFrame
        ``measure, n_mfw, doc_id, block, nearest, correct``: one row per block, measure
        and MFW count; blocks numbered from 0.  Sorted by measure, n_mfw, doc_id, block.
        Empty (with these columns) if no document is long enough.  ``attrs`` holds
        ``block_size``, ``n_blocks`` (all eligible blocks), ``n_tested``, ``n_docs`` (in
        the corpus) and ``n_compared`` (the candidates).

    Notes
    -----
    A block and the rest of its document together are the whole document, so the
    corpus's word totals, and with them the MFW ranking, are the same for every block:
    the documents are counted once, and each block needs only its own counts and one
    row of distances (block to every candidate), not the whole corpus again.
    """
    need_corpus(corpus, "attribution_check")
    block_size = positive_int("block_size", block_size, "attribution_check")
    min_rest = block_size if min_rest is None else positive_int("min_rest", min_rest,
                                                                 "attribution_check")
    if max_blocks is not None:
        max_blocks = positive_int("max_blocks", max_blocks, "attribution_check")
    if max_docs is not None:
        max_docs = positive_int("max_docs", max_docs, "attribution_check")
    values = _check_mfw_list(mfw, "attribution_check")
    measures = [check_choice("measure", m, DELTA_MEASURES) for m in measures]
    docs, X, vocab = doc_counts(corpus)
    cols = ["measure", "n_mfw", "doc_id", "block", "nearest", "correct"]
    if len(docs) < 2:
        raise ValueError("attribution_check(): need at least two documents.")
    n_docs = len(docs)
    order = _mfw_order(X, vocab)[:max(values)]           # the whole corpus's ranking
    if max_docs is not None and n_docs > max_docs:
        group_of = doc_groups(corpus)
        keep = sample_documents(docs, [group_of.get(d, np.nan) for d in docs], max_docs,
                                seed=seed)
        docs, X = [docs[i] for i in keep], X[keep]
    words = _doc_words(corpus, docs)                      # each document's word codes
    rank = np.full(len(words.vocab), -1, dtype=np.int64)  # MFW rank of each word code
    code = {w: k for k, w in enumerate(words.vocab)}
    rank[[code[vocab[j]] for j in order]] = np.arange(len(order))
    sizes = _row_sums(X)
    eligible = [(i, b) for i, n in enumerate(words.lengths)
                for b in range(int(n) // block_size)
                if sizes[i] - block_size >= min_rest]
    n_blocks = len(eligible)
    if max_blocks is not None and n_blocks > max_blocks:
        pick = np.random.default_rng(seed).choice(n_blocks, size=max_blocks, replace=False)
        eligible = [eligible[k] for k in sorted(pick.tolist())]
    top = _dense_columns(X, order)
    rows = []
    for i, b in eligible:
        d = docs[i]
        first = words.first[i] + b * block_size
        ranks = rank[words.codes[first:first + block_size]]
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
                      "n_tested": len(eligible), "n_docs": n_docs, "n_compared": len(docs)})
    return out


@dataclass
class _Words:
    codes: np.ndarray        # every word of the documents asked for, one after another
    first: np.ndarray        # where each document's words begin in ``codes``
    lengths: np.ndarray      # and how many it has
    vocab: np.ndarray        # the word of each code


def _doc_words(corpus, docs: list[str]) -> _Words:
    """The normalised words of ``docs`` in text order, as codes (the tokens'
    ``norm`` column of each document, from the corpus's integer arrays)."""
    u = corpus._doc_units
    place = {str(d): k for k, d in enumerate(corpus.docs["doc_id"])}
    starts = np.concatenate([[0], np.cumsum(u.n_unit)[:-1]]).astype(np.int64)
    at = np.array([place[d] for d in docs], dtype=np.int64)
    lengths = u.n_unit[at].astype(np.int64)
    codes = np.concatenate([u.norm_code[starts[k]:starts[k] + n] for k, n in zip(at, lengths)]
                           ) if len(at) else np.zeros(0, np.int64)
    first = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    return _Words(codes, first, lengths, np.asarray(u.norm_vocab, dtype=object))


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
            U = Z[:, :n] / np.where(norms > 0, norms, 1.0)[:, None]     # as unit_rows
            yield n, m, np.clip(1.0 - np.clip(U[:-1] @ U[-1], -1.0, 1.0), 0.0, None)


def shortest_block(corpus, minimum: int = 50) -> int:
    """The block length notebook 04 tests attribution at: the shortest text's length in
    tokens (the disputed excerpt, on the seeds), and at least ``minimum``."""
    lengths = _doc_lengths(corpus)
    return max(int(lengths[lengths > 0].min()), minimum)


def _doc_lengths(corpus) -> np.ndarray:
    """Tokens per document (the rows of :attr:`Corpus.tokens` of each), from the
    corpus's integer arrays."""
    return np.asarray(corpus._doc_units.n_unit, dtype=np.int64)


def attribution_summary(check: pd.DataFrame, corpus, block_size: int):
    """:func:`attribution_check` per measure and MFW count: blocks tested, the share
    attributed back to their own text (``accuracy``), ``chance`` (one in the number of
    candidate texts: every text, or the sample of a large corpus) and the block length;
    or, when no text was long enough to test, a sentence saying so."""
    if not len(check):
        longest = int(_doc_lengths(corpus).max())
        return (f"no block to test: a text must keep {block_size} words after a block of "
                f"{block_size} words is cut from it, and the longest text has {longest} words")
    candidates = check.attrs.get("n_compared", len(corpus.docs))
    return (check.groupby(["measure", "n_mfw"])["correct"].agg(blocks="size", accuracy="mean")
            .assign(chance=1 / candidates, block_words=block_size))
