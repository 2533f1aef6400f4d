"""Uncertainty at the level of texts: one block bootstrap for every per-sentence measure.

Tokens and sentences are not independent (Lijffijt et al. 2016): a frame, a hedge or a
topic runs over several consecutive sentences.  Intervals therefore resample *blocks of
consecutive sentences within each document* (non-overlapping blocks; Carlstein 1986),
the text-level uncertainty a group with a single article allows, as every author in the
seed corpus has; a group with several articles is resampled article by article
(:func:`text_bootstrap`: "a bootstrap over articles").  Framing and stance rates share
this one implementation.

A resampling scheme with few units has few distinct outcomes: drawing n units with
replacement gives C(2n − 1, n) different resamples (3 blocks: 10; 2 articles: 3), and a
percentile interval over so few values is no 95% interval.  :func:`interval_reason` says
when a group has fewer than :data:`MIN_DISTINCT_RESAMPLES`; every interval of the suite
is then left empty, with that reason in the table's attributes.
"""
from __future__ import annotations

import math
import zlib

import numpy as np

__all__ = ["block_bootstrap", "text_bootstrap", "MIN_DISTINCT_RESAMPLES", "distinct_resamples",
           "resampling_units", "interval_reason"]

#: Below this many distinct resamples a bootstrap gives no interval (about 20: a 95%
#: percentile interval needs at least that many different values to cut 2.5% from each end).
MIN_DISTINCT_RESAMPLES = 20


def distinct_resamples(n_units: int) -> int:
    """How many different resamples n units drawn with replacement can give:
    the multisets of size n from n units, C(2n − 1, n).

    >>> [distinct_resamples(n) for n in (1, 2, 3, 4, 5)]
    [1, 3, 10, 35, 126]
    """
    n = int(n_units)
    return math.comb(2 * n - 1, n) if n > 0 else 0


def resampling_units(docs, *, block: int = 5) -> tuple[int, str]:
    """The units :func:`text_bootstrap` resamples for these rows: ``(number, kind)``,
    the documents if there are several, else the blocks of ``block`` sentences of the
    one document."""
    docs = np.asarray(docs)
    names = set(docs.tolist())
    if len(names) >= 2:
        return len(names), "documents"
    return -(-len(docs) // int(block)), f"blocks of {int(block)} sentences"


def interval_reason(n_units: int, kind: str) -> str | None:
    """None if ``n_units`` give at least :data:`MIN_DISTINCT_RESAMPLES` distinct
    resamples, else the reason no interval is reported.

    >>> interval_reason(3, "blocks of 5 sentences")
    'no interval: 3 blocks of 5 sentences give only 10 distinct resamples (fewer than 20)'
    >>> interval_reason(4, "documents") is None
    True
    """
    k = distinct_resamples(n_units)
    if k >= MIN_DISTINCT_RESAMPLES:
        return None
    if int(n_units) == 1:          # "1 block of 5 sentences gives", "1 document gives"
        head, _, rest = kind.partition(" ")
        kind, verb = (head.removesuffix("s") + (" " + rest if rest else "")), "gives"
    else:
        verb = "give"
    return (f"no interval: {int(n_units)} {kind} {verb} only {k} distinct resample"
            f"{'s' if k != 1 else ''} (fewer than {MIN_DISTINCT_RESAMPLES})")


def _checked(values, docs, n_boot):
    """``values`` as a 2-D float array and ``docs`` as an array, after the checks both
    bootstraps share (a positive ``n_boot``, one document id per row)."""
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 1:
        raise ValueError(f"n_boot must be a positive integer. Got {n_boot!r}.")
    values = np.asarray(values, dtype=float)
    if values.ndim == 1:
        values = values[:, None]
    docs = np.asarray(docs)
    if len(docs) != len(values):
        raise ValueError(f"values has {len(values)} rows but docs has {len(docs)}; pass one "
                         "document id per sentence.")
    return values, docs


def block_bootstrap(values, docs, *, block: int = 5, n_boot: int = 2000,
                    seed: int = 20261122) -> np.ndarray:
    """Block-bootstrap replicate sums of per-sentence values, within each document.

    Each document's sentences are cut into consecutive blocks of ``block`` sentences (the
    last may be shorter); a replicate draws, for every document, as many blocks as it
    has, with replacement, and sums the values.  All replicates are drawn at once
    (vectorised).  Each document has its own generator, seeded with
    ``(seed, crc32(doc_id))``, so a document's replicates do not depend on which other
    documents are in the corpus, and the result is deterministic for a given ``seed``.

    Parameters
    ----------
    values : array, shape (n_sentences, k) or (n_sentences,)
        Per-sentence values (e.g. marker counts and word counts), in corpus order.
    docs : array-like, shape (n_sentences,)
        The document of each row; rows of a document must be consecutive.
    block : int, default 5
        Sentences per block.
    n_boot : int, default 2000
        Number of replicates.
    seed : int

    Returns
    -------
    array, shape (n_boot, k)
        Replicate totals over all the rows given.

    Examples
    --------
    >>> import numpy as np
    >>> out = block_bootstrap(np.ones((6, 1)), ["a"] * 6, block=2, n_boot=3)
    >>> out.ravel().tolist()          # every block sums to 2, three blocks per replicate
    [6.0, 6.0, 6.0]
    """
    if not isinstance(block, (int, np.integer)) or block < 1:
        raise ValueError(f"block must be a positive integer number of sentences. Got {block!r}.")
    values, docs = _checked(values, docs, n_boot)
    total = np.zeros((n_boot, values.shape[1]))
    if len(docs) == 0:
        return total
    change = np.flatnonzero(docs[1:] != docs[:-1]) + 1
    bounds = np.concatenate([[0], change, [len(docs)]])
    seen = set()
    for start, end in zip(bounds[:-1], bounds[1:]):
        doc = str(docs[start])
        if doc in seen:
            raise ValueError(f"the rows of document {doc!r} are not consecutive; sort the "
                             "sentences by document first.")
        seen.add(doc)
        v = values[start:end]
        ids = np.arange(len(v)) // block
        sums = np.zeros((ids[-1] + 1, v.shape[1]))
        np.add.at(sums, ids, v)
        rng = np.random.default_rng([int(seed), zlib.crc32(doc.encode("utf-8"))])
        idx = rng.integers(0, len(sums), size=(n_boot, len(sums)))
        total += sums[idx].sum(axis=1)
    return total


def text_bootstrap(values, docs, *, block: int = 5, n_boot: int = 2000,
                   seed: int = 20261122) -> np.ndarray:
    """Replicate sums of per-sentence values over the texts of one group.

    Uncertainty at the level of texts: a bootstrap over articles, or, where a group has a
    single article, over blocks of sentences within it.  So when the
    rows hold two or more documents, a replicate draws that many whole documents with
    replacement and sums their values; with one document it is :func:`block_bootstrap`
    (same arguments, same result).  A ratio (a share of sentences, a rate per word) should
    then be taken within each replicate, since the documents drawn differ in length.
    The documents' generator is seeded with ``(seed, crc32 of their sorted ids)``, so the
    result does not depend on the other groups of the corpus.

    Parameters and returns are those of :func:`block_bootstrap`.

    Examples
    --------
    >>> import numpy as np
    >>> out = text_bootstrap([1.0, 4.0, 6.0, 100.0], ["a", "b", "b", "c"], n_boot=4)
    >>> sorted(set(np.asarray(out).ravel().tolist()) - {3.0, 12.0, 21.0, 30.0, 102.0,
    ...        111.0, 120.0, 201.0, 210.0, 300.0})     # sums of three of 1, 10 and 100
    []
    """
    docs = np.asarray(docs)
    if len(set(docs.tolist())) < 2:
        return block_bootstrap(values, docs, block=block, n_boot=n_boot, seed=seed)
    values, docs = _checked(values, docs, n_boot)
    names, which = np.unique(docs.astype(str), return_inverse=True)
    sums = np.zeros((len(names), values.shape[1]))
    np.add.at(sums, which, values)
    key = zlib.crc32("\x1f".join(names.tolist()).encode("utf-8"))
    rng = np.random.default_rng([int(seed), key])
    # how often each document is drawn in each replicate (n documents drawn per replicate)
    weights = rng.multinomial(len(names), np.full(len(names), 1 / len(names)), size=n_boot)
    return weights @ sums
