"""Dispersion: how evenly a term is spread over the parts of a text or corpus.

:func:`gries_dp` and :func:`juilland_d` compute the measures from a part × term count
matrix; :func:`dispersion` applies them to every document of a corpus cut into equal
segments; :func:`term_positions` gives the hits behind an AntConc-style barcode plot
(``discoursekit.plotting.plot_dispersion``).  A keyword found in one article only is a
property of that article, not of an author's style: look at its dispersion first.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import scipy.sparse as sp

__all__ = ["gries_dp", "juilland_d", "dispersion", "term_positions"]


def _as_2d(counts, sizes):
    counts = np.asarray(counts, dtype=float)
    if counts.ndim == 1:
        counts = counts[:, None]
    sizes = np.asarray(sizes, dtype=float).ravel()
    if counts.shape[0] != sizes.size:
        raise ValueError(f"counts has {counts.shape[0]} parts (rows) but sizes has "
                         f"{sizes.size}; give one size per part.")
    if sizes.size < 2:
        raise ValueError("dispersion needs at least two parts; cut the text into segments.")
    if np.any(sizes <= 0):
        raise ValueError("every part must have a positive size (number of tokens).")
    return counts, sizes


def gries_dp(counts, sizes) -> tuple[np.ndarray, np.ndarray]:
    """Gries' (2008) deviation of proportions DP, and DPnorm.

    ``DP = ½·Σ|v_i − s_i|`` with ``v_i`` the share of the term's occurrences in part i and
    ``s_i`` part i's share of the corpus; 0 means spread exactly as the parts' sizes, near 1
    concentrated in one small part.  ``DPnorm = DP / (1 − min s_i)`` (Lijffijt & Gries
    2012) rescales to [0, 1].  A term that never occurs gets NaN.

    Parameters
    ----------
    counts : array-like, shape (n_parts,) or (n_parts, n_terms)
        Frequency of each term in each part.
    sizes : array-like, shape (n_parts,)
        Size of each part in tokens.

    Returns
    -------
    dp, dp_norm : numpy.ndarray, shape (n_terms,)

    Examples
    --------
    Three parts of 10, 20 and 70 words; a term occurring 1, 2 and 7 times is perfectly
    even, one occurring only in the first part is clumped:

    >>> dp, dpn = gries_dp([[1, 5], [2, 0], [7, 0]], [10, 20, 70])
    >>> dp.round(3).tolist(), dpn.round(3).tolist()
    ([0.0, 0.9], [0.0, 1.0])
    """
    counts, sizes = _as_2d(counts, sizes)
    return dp_matrix(sp.csr_matrix(counts), sizes)


def dp_matrix(P, sizes) -> tuple[np.ndarray, np.ndarray]:
    """DP and DPnorm of every column of a sparse part × term matrix ``P``.

    Uses ``Σ_i |v_i − s_i| = 1 + Σ_{i: f_i > 0} (|v_i − s_i| − s_i)`` so that only the
    non-zero cells are visited.
    """
    sizes = np.asarray(sizes, dtype=float).ravel()
    s = sizes / sizes.sum()
    P = sp.csr_matrix(P)
    if not P.has_canonical_format:
        P = P.copy()
        P.sum_duplicates()
    # straight from the CSR arrays: no conversion to columns, no sorting
    data, cols = P.data.astype(float), P.indices
    rows = np.repeat(np.arange(P.shape[0]), np.diff(P.indptr))
    total = np.bincount(cols, weights=data, minlength=P.shape[1])
    v = data / total[cols]
    part = s[rows]
    acc = np.bincount(cols, weights=np.abs(v - part) - part, minlength=P.shape[1])
    with np.errstate(invalid="ignore", divide="ignore"):
        dp = np.where(total > 0, 0.5 * (1.0 + acc), np.nan)
        dp_norm = dp / (1.0 - s.min()) if s.min() < 1 else np.full_like(dp, np.nan)
    return dp, dp_norm


def juilland_d(counts, sizes) -> np.ndarray:
    """Juilland's D: ``1 − CV/√(n − 1)`` over the relative frequencies in ``n`` parts.

    The relative frequency of a term in part i is ``f_i / size_i``; CV is their
    population standard deviation divided by their mean (Juilland et al. 1970, as
    given by Gries 2008).  1 means perfectly even, 0 concentrated in one part.  A term
    that never occurs gets NaN.

    Examples
    --------
    >>> juilland_d([[2, 4], [2, 0]], [100, 100]).round(3).tolist()
    [1.0, 0.0]
    """
    counts, sizes = _as_2d(counts, sizes)
    rel = counts / sizes[:, None]
    mean = rel.mean(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        cv = rel.std(axis=0) / mean
        d = np.clip(1.0 - cv / np.sqrt(sizes.size - 1), 0.0, 1.0).round(12)  # no float dust
        return np.where(mean > 0, d, np.nan)


def term_positions(corpus, terms: Iterable[str], *, by: str = "group") -> pd.DataFrame:
    """Every occurrence of each term, with its position in its document.

    Parameters
    ----------
    corpus : Corpus
    terms : iterable of str
        Terms as written; matched like :func:`discoursekit.kwic` (normalised, so
        "Kosova" and "Kosovo" are one term; multi-word phrases allowed).
    by : str, default "group"
        Metadata column for the ``group`` column.

    Returns
    -------
    DataFrame
        ``term, group, doc_id, position, doc_tokens, relative`` (position / doc_tokens,
        in [0, 1)), one row per hit, in corpus order within each term (terms in the order
        given).  ``df.attrs["terms"]`` keeps every term, including those without hits.
    """
    from .corpus import document_groups
    from .terms import match_term, term_parts

    tok = corpus.tokens
    doc_ids = tok["doc_id"].to_numpy(dtype=object)
    doc_tokens = tok.groupby("doc_id", sort=False).size()
    group_of = dict(zip(corpus.docs["doc_id"], document_groups(corpus, by)))
    # one-word terms: the rows of each form, found from one stable sort of the forms' codes
    codes, forms = pd.factorize(tok["norm"])
    code_of = {f: i for i, f in enumerate(forms)}
    by_form = np.argsort(codes, kind="stable")
    starts = np.searchsorted(codes[by_form], np.arange(len(forms) + 1))
    rows, names = [], []
    for term in terms:
        parts = term_parts(term)
        names.append(" ".join(parts))
        if len(parts) > 1:
            rows.append(match_term(tok, parts)[0])
        elif (c := code_of.get(parts[0])) is None:
            rows.append(np.zeros(0, np.int64))
        else:
            rows.append(by_form[starts[c]:starts[c + 1]])
    hit = np.concatenate(rows) if rows else np.zeros(0, np.int64)
    hit_doc = doc_ids[hit]
    df = pd.DataFrame({
        "term": np.repeat(np.asarray(names, dtype=object), list(map(len, rows))),
        "group": pd.Series(hit_doc).map(group_of).to_numpy(dtype=object),
        "doc_id": hit_doc,
        "position": tok["position"].to_numpy()[hit],
        "doc_tokens": pd.Series(hit_doc).map(doc_tokens).to_numpy()})
    df["relative"] = df["position"] / df["doc_tokens"]
    df.attrs["terms"] = names
    return df


def _segment_measures(n_tok, hit_doc, hit_position, hit_term, n_terms: int, parts: int):
    """Frequency, range, DP, DPnorm and Juilland's D of each term in each document
    (arrays documents × terms) over ``min(parts, n)`` segments of a document of ``n``
    tokens, from every hit's document, token position and term.

    The documents with the same number of segments are done together, as a documents ×
    segments × terms array; each value is computed with the arithmetic of
    :func:`gries_dp` and :func:`juilland_d` on one document (the same sums in the same
    order), so the results are those of calling them document by document.  A document
    of fewer than two tokens gets NaN measures.
    """
    shape = (len(n_tok), n_terms)
    freq, in_parts = np.zeros(shape, np.int64), np.zeros(shape, np.int64)
    dp, dpn, jd = np.full(shape, np.nan), np.full(shape, np.nan), np.full(shape, np.nan)
    n_seg = np.minimum(parts, np.maximum(n_tok, 2))
    for k in np.unique(n_seg).tolist():
        docs = np.flatnonzero(n_seg == k)
        n = n_tok[docs]
        bounds = np.floor(np.arange(k + 1)[None, :] * n[:, None] / k).astype(int)
        row = np.full(len(n_tok), -1)
        row[docs] = np.arange(len(docs))
        mine = row[hit_doc] >= 0
        r = row[hit_doc[mine]]
        seg = (bounds[r] <= hit_position[mine][:, None]).sum(axis=1) - 1   # searchsorted
        C = np.zeros((len(docs), k, n_terms))
        np.add.at(C, (r, seg, hit_term[mine]), 1)
        freq[docs], in_parts[docs] = C.sum(axis=1), (C > 0).sum(axis=1)
        ok = n >= 2                       # then every segment holds a token
        if not ok.any():
            continue
        C, sizes, docs = C[ok], np.diff(bounds[ok], axis=1).astype(float), docs[ok]
        s = (sizes / sizes.sum(axis=1, keepdims=True))[:, :, None]
        total = C.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            gap = np.where(C > 0, np.abs(C / total[:, None, :] - s) - s, 0.0)
            acc = np.zeros(total.shape)
            for i in range(k):            # over the segments in order, as _dp_sparse sums
                acc = acc + gap[:, i, :]
            dp[docs] = np.where(total > 0, 0.5 * (1.0 + acc), np.nan)
            dpn[docs] = dp[docs] / (1.0 - s.min(axis=1))
            rel = C / sizes[:, :, None]
            mean = rel.mean(axis=1)
            d = np.clip(1.0 - rel.std(axis=1) / mean / np.sqrt(k - 1), 0.0, 1.0).round(12)
            jd[docs] = np.where(mean > 0, d, np.nan)
    return freq, in_parts, dp, dpn, jd


def dispersion(corpus, terms: Iterable[str], *, parts: int = 10,
               by: str = "group") -> pd.DataFrame:
    """Dispersion of chosen terms within every document, over equal segments.

    Each document is cut into ``parts`` segments of (as near as possible) equal numbers
    of tokens; DP, DPnorm (Gries 2008) and Juilland's D are computed over them.

    Parameters
    ----------
    corpus : Corpus
    terms : iterable of str
        Terms as written ("Kosova", "Western Balkans", "the West").
    parts : int, default 10
        Segments per document.
    by : str, default "group"
        Metadata column for the ``group`` column.

    Returns
    -------
    DataFrame
        ``term, group, doc_id, freq, doc_tokens, range, dp, dp_norm, juilland_d``: one row
        per term and document (terms in the order given, documents in corpus order);
        ``range`` is the number of segments containing the term; the measures are NaN
        where the term does not occur.

    Examples
    --------
    >>> import pandas as pd, discoursekit as dk
    >>> corpus = dk.Corpus.from_frame(pd.DataFrame({"text": ["a b c d Russia"],
    ...                                             "author": ["A"]}), clean=False)
    >>> dispersion(corpus, ["Russia"], parts=5)[["term", "freq", "range", "dp"]]
         term  freq  range   dp
    0  russia     1      1  0.8
    """
    if not (isinstance(parts, (int, np.integer)) and parts >= 2):
        raise ValueError(f"parts must be an integer >= 2; got {parts!r}.")
    hits = term_positions(corpus, terms, by=by)
    names = hits.attrs["terms"]
    tok = corpus.tokens
    docs = corpus.docs["doc_id"].tolist()
    from .corpus import document_groups

    group_of = dict(zip(docs, document_groups(corpus, by)))
    n_tok = tok.groupby("doc_id", sort=False).size().reindex(docs, fill_value=0).to_numpy()
    uniq = list(dict.fromkeys(names))
    doc_index = {d: i for i, d in enumerate(docs)}
    hit_doc = np.array([doc_index[d] for d in hits["doc_id"]], dtype=np.intp)
    hit_term = pd.Categorical(hits["term"], categories=uniq).codes.astype(np.intp)
    freq, in_parts, dp, dpn, jd = _segment_measures(
        n_tok, hit_doc, hits["position"].to_numpy(dtype=np.int64), hit_term, len(uniq), parts)
    n_terms = len(uniq)
    per_doc = (lambda values: np.repeat(np.asarray(values, dtype=object), n_terms).tolist())
    rows = zip(uniq * len(docs), per_doc([group_of[d] for d in docs]), per_doc(docs),
               freq.ravel().tolist(), np.repeat(n_tok, n_terms).tolist(),
               in_parts.ravel().tolist(), dp.ravel(), dpn.ravel(), jd.ravel())
    df = pd.DataFrame(rows, columns=["term", "group", "doc_id", "freq", "doc_tokens", "range",
                                     "dp", "dp_norm", "juilland_d"])
    order = {t: i for i, t in enumerate(dict.fromkeys(names))}
    df = df.sort_values("term", key=lambda s: s.map(order), kind="mergesort")
    df = df.reset_index(drop=True)
    df.attrs.update({"parts": parts, "by": by})
    return df
