"""Collocates: the words found near a node word, and how they differ between groups.

Co-occurrence is counted in a symmetric span (L5–R5 by default) within sentences, each
token at most once however many of the node's windows hold it (Evert's surface
co-occurrence), with expected frequencies from the actual number of tokens inside the
windows (as Evert's UCS toolkit), on normalised forms, so a node typed "Kosova" or "kosovo" finds both spellings and a
multi-word node ("Western Balkans", "the West") works.  Association measures follow
Evert (2008): MI and t-score (Church & Hanks 1990), MI3, logDice (Rychlý 2008) and the
log-likelihood G² on the 2×2 co-occurrence table.  logDice does not depend on corpus
size, so :func:`collocate_differences` compares groups with it.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import xlogy

from ._shown import preferred_then_most
from .corpus import document_groups
from .terms import match_term, term_norm, term_parts
from .text import stopwords as _stopword_set

__all__ = ["collocates", "collocate_differences", "nodes_to_show", "association"]

_COLUMNS = ["collocate", "freq", "node_freq", "collocate_freq", "size", "window_tokens",
            "expected", "logdice", "mi", "mi3", "t_score", "g2"]


def association(o11, node_freq, collocate_freq, size, span, *,
                window_size=None) -> dict[str, np.ndarray]:
    """Association measures of a node and its collocates in a span window.

    Parameters
    ----------
    o11 : array-like
        Co-occurrences of node and collocate within the window: collocate tokens inside
        the node's windows, each token counted once even where windows overlap.
    node_freq : array-like
        R1, the node's frequency.
    collocate_freq : array-like
        C1, the collocate's frequency.
    size : array-like
        N, the number of tokens.
    span : int
        S, the nominal window size in tokens (``2 * window`` for a symmetric window);
        used only when ``window_size`` is not given.
    window_size : array-like, optional
        W, the number of tokens actually inside the node's windows (their union, cut at
        sentence and text edges), as Evert's UCS toolkit counts it.  Default: the
        nominal ``R1 · S``, which overstates W wherever windows are cut or overlap.

    Returns
    -------
    dict of numpy.ndarray
        ``expected`` E11 = W·C1/N; ``mi`` = log2(O11/E11) (Church & Hanks 1990);
        ``mi3`` = log2(O11³/E11); ``t_score`` = (O11 − E11)/√O11; ``logdice`` =
        14 + log2(2·O11/(R1 + C1)) (Rychlý 2008), at most 14; ``g2`` = 2·Σ O·ln(O/E)
        over the 2×2 table of tokens inside and outside the windows (O11, O12 = W − O11,
        O21 = C1 − O11, O22 = N − W − C1 + O11), signed negative when O11 < E11
        (Dunning 1993; Evert 2008).

    Raises
    ------
    ValueError
        If O11 exceeds C1 or W (a co-occurrence count that counted a token twice).

    Notes
    -----
    Evert (2008, "Corpora and collocations", surface co-occurrence): the collocate
    tokens in the union of the node's windows, and E11 from the actual window size W.
    Sketch Engine instead multiplies the node frequency by the nominal span; with
    ``window_size=None`` this function does the same.

    Examples
    --------
    >>> m = association(2, 2, 4, 20, 4)
    >>> {k: round(float(v), 3) for k, v in m.items()}
    {'expected': 1.6, 'mi': 0.322, 'mi3': 2.322, 't_score': 0.283, 'logdice': 13.415, 'g2': 0.205}
    """
    o11, r1, c1, n = np.broadcast_arrays(*(np.asarray(x, dtype=float)
                                           for x in (o11, node_freq, collocate_freq, size)))
    w = r1 * span if window_size is None else np.broadcast_to(
        np.asarray(window_size, dtype=float), o11.shape)
    if np.any(o11 > c1) or np.any(o11 > w):
        raise ValueError("association(): a co-occurrence count exceeds the collocate's "
                         "frequency or the window size; count each token once (the union "
                         "of the node's windows).")
    e11 = w * c1 / n
    cells = [o11, w - o11, c1 - o11, n - w - c1 + o11]
    rows = [w, w, n - w, n - w]
    cols = [c1, n - c1, c1, n - c1]
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2.0 * sum(xlogy(o, o / (r * c / n)) for o, r, c in zip(cells, rows, cols))
        return {
            "expected": e11,
            "mi": np.log2(o11 / e11),
            "mi3": np.log2(o11 ** 3 / e11),
            "t_score": (o11 - e11) / np.sqrt(o11),
            "logdice": 14.0 + np.log2(2.0 * o11 / (r1 + c1)),
            "g2": np.sign(o11 - e11) * g2,
        }


def _check_window(window):
    if isinstance(window, bool) or not (isinstance(window, (int, np.integer)) and window >= 1):
        raise ValueError(f"window must be a positive integer (words each side); got {window!r}.")


def collocates(corpus, node: str, window: int = 5, *, by: str | None = None,
               min_freq: int = 2, stopwords: bool = False) -> pd.DataFrame:
    """Collocates of a node word in a symmetric window, with their association measures.

    Parameters
    ----------
    corpus : Corpus
    node : str
        The node as written: a word ("Kosova" and "kosovo" are the same node), a
        multi-word name ("Western Balkans") or a phrase ("the West").
    window : int, default 5
        Words each side (L5–R5).  Windows stop at the sentence's edge, and where two
        occurrences of the node are close their windows are merged: a token is counted
        at most once (Evert's surface co-occurrence; AntConc does the same), so ``freq``
        never exceeds ``collocate_freq``.  Expected frequencies use ``window_tokens``,
        the number of tokens actually inside the merged windows, as Evert's UCS toolkit
        does (not the nominal ``node_freq · 2 · window`` of Sketch Engine).
    by : str, optional
        A metadata column ("author", "outlet", or "group" for the corpus's grouping):
        one block of collocates per group, with a ``group`` column.  Each group's
        measures use its own frequencies and size.
    min_freq : int, default 2
        Keep collocates co-occurring at least this often (per group).
    stopwords : bool, default False
        Leave out stopwords as collocates (frequencies and sizes are unchanged).

    Returns
    -------
    DataFrame
        ``[group,] collocate, freq, node_freq, collocate_freq, size, window_tokens,
        expected, logdice, mi, mi3, t_score, g2`` (see :func:`association`): ``freq`` is
        O11, the collocate's tokens inside the node's windows; ``node_freq`` R1;
        ``collocate_freq`` C1; ``size`` N; ``window_tokens`` W, the tokens inside the
        windows (per group).  Sorted
        by [group,] logDice descending, then collocate.

    Examples
    --------
    >>> import pandas as pd, discoursekit as dk
    >>> corpus = dk.Corpus.from_frame(pd.DataFrame({
    ...     "text": ["Russia backs Serbia. Russia backs Serbs in Kosova."],
    ...     "author": ["A"]}))
    >>> collocates(corpus, "Russia", window=2)[["collocate", "freq", "logdice"]]
      collocate  freq  logdice
    0     backs     2     14.0
    """
    _check_window(window)
    if not (isinstance(min_freq, (int, np.integer)) and min_freq >= 1):
        raise ValueError(f"min_freq must be a positive integer; got {min_freq!r}.")
    parts = term_parts(node)
    tok = corpus.tokens
    first, k = match_term(tok, parts)
    n = len(tok)
    doc_of_tok = tok["doc_id"].to_numpy(dtype=object)
    sent = tok["sent_id"].to_numpy()
    norms = tok["norm"].to_numpy(dtype=object)
    group_names = document_groups(corpus, by) if by is not None else np.array(["all"], dtype=object)
    group_of_doc = dict(zip(corpus.docs["doc_id"],
                            group_names if by is not None else ["all"] * len(corpus.docs)))
    tok_group = pd.Series(doc_of_tok).map(group_of_doc).to_numpy(dtype=object)
    offsets = np.concatenate([np.arange(-window, 0), np.arange(1, window + 1)])
    anchor = np.where(offsets < 0, 0, k - 1)
    rows = first[:, None] + anchor[None, :] + offsets[None, :]
    inside = (rows >= 0) & (rows < n)
    rows_c = np.clip(rows, 0, max(n - 1, 0))
    same = inside & (doc_of_tok[rows_c] == doc_of_tok[first][:, None]) \
        & (sent[rows_c] == sent[first][:, None])
    # the union of the windows: each token position once, however many windows hold it
    hit_rows = np.unique(rows_c[same])
    hit_group = tok_group[hit_rows]
    pairs = pd.DataFrame({"group": hit_group, "collocate": norms[hit_rows]})
    o11 = pairs.groupby(["group", "collocate"]).size().rename("freq").reset_index()
    window_tokens = pd.Series(hit_group).value_counts()
    node_freq = pd.Series(tok_group[first]).value_counts()
    sizes = pd.Series(tok_group).value_counts()
    coll_freq = pd.DataFrame({"group": tok_group, "collocate": norms}).groupby(
        ["group", "collocate"]).size().rename("collocate_freq").reset_index()
    df = o11.merge(coll_freq, on=["group", "collocate"], how="left")
    if stopwords:
        df = df[~df["collocate"].isin(_stopword_set())]
    df = df[df["freq"] >= min_freq].copy()
    df["node_freq"] = df["group"].map(node_freq).astype(np.int64)
    df["size"] = df["group"].map(sizes).astype(np.int64)
    df["window_tokens"] = df["group"].map(window_tokens).astype(np.int64)
    m = association(df["freq"], df["node_freq"], df["collocate_freq"], df["size"], 2 * window,
                    window_size=df["window_tokens"])
    for name, values in m.items():
        df[name] = values
    df = df.sort_values(["group", "logdice", "collocate"], ascending=[True, False, True],
                        kind="mergesort")
    cols = (["group"] if by is not None else []) + _COLUMNS
    df = df[cols].reset_index(drop=True)
    df.attrs.update({"node": " ".join(parts), "window": window, "span": 2 * window,
                     "window_tokens": {str(g): int(v) for g, v in sorted(window_tokens.items())},
                     "by": by, "min_freq": min_freq, "stopwords": stopwords,
                     "node_freq": {str(g): int(v) for g, v in sorted(node_freq.items())}})
    return df


def collocate_differences(corpus, node: str, window: int = 5, *, by: str = "group",
                          min_freq: int = 2, stopwords: bool = True,
                          top: int = 10) -> pd.DataFrame:
    """The collocates each group gives a shared node, side by side by logDice.

    Parameters
    ----------
    corpus : Corpus
    node : str
        A node every group uses ("Russia", "Serbia", "Kosovo", "NATO", "Vučić",
        "the West").
    window : int, default 5
    by : str, default "group"
        The groups compared: the corpus's own grouping, or a metadata column (documents
        without a value are each their own group).
    min_freq : int, default 2
        A collocate is selected for a group only if it co-occurs at least this often
        there.
    stopwords : bool, default True
        Leave out stopwords as collocates.
    top : int, default 10
        Each group's ``top`` strongest collocates by logDice are selected; the table
        holds the union of the selections.

    Returns
    -------
    DataFrame
        Wide, one row per selected collocate: ``collocate``, then one column per group
        (sorted by name) holding the collocate's logDice (Rychlý 2008) with the node in
        that group — from any co-occurrence, even below ``min_freq``; NaN where the
        two never co-occur — then ``n_groups`` (groups where they co-occur) and
        ``range`` (max − min logDice over those groups).  Sorted by ``n_groups``
        descending, mean logDice descending, collocate.  ``df.attrs`` holds the node,
        the groups, and each group's node frequency.

    Examples
    --------
    >>> import pandas as pd, discoursekit as dk
    >>> corpus = dk.Corpus.from_frame(pd.DataFrame({
    ...     "text": ["Russia backs Serbia. Russia backs Serbia.",
    ...              "Russia threatens Kosovo. Russia threatens Kosovo."],
    ...     "author": ["A", "B"]}))
    >>> collocate_differences(corpus, "Russia", window=2)[["collocate", "A", "B"]]
       collocate     A     B
    0      backs  14.0   NaN
    1     kosovo   NaN  14.0
    2     serbia  14.0   NaN
    3  threatens   NaN  14.0
    """
    if not (isinstance(top, (int, np.integer)) and top >= 1):
        raise ValueError(f"top must be a positive integer; got {top!r}.")
    if by is None:
        raise ValueError("collocate_differences compares groups: pass by='group' (the "
                         "corpus's grouping) or a metadata column.")
    long = collocates(corpus, node, window, by=by, min_freq=1, stopwords=stopwords)
    groups = sorted(set(document_groups(corpus, by)))
    strong = long[long["freq"] >= min_freq]
    chosen = strong.groupby("group", sort=True).head(top)["collocate"].unique()
    sel = long[long["collocate"].isin(chosen)]
    wide = sel.pivot(index="collocate", columns="group", values="logdice")
    wide = wide.reindex(columns=groups)
    wide.columns.name = None
    values = wide.to_numpy(dtype=float)
    present = ~np.isnan(values)
    wide["n_groups"] = present.sum(axis=1)
    with np.errstate(all="ignore"):
        wide["range"] = np.nanmax(values, axis=1) - np.nanmin(values, axis=1) \
            if len(wide) else []
        mean = np.nanmean(values, axis=1) if len(wide) else np.array([])
    wide = wide.reset_index()
    wide["_mean"] = mean
    wide = wide.sort_values(["n_groups", "_mean", "collocate"], ascending=[False, False, True],
                            kind="mergesort").drop(columns="_mean").reset_index(drop=True)
    wide = wide.copy()    # one block: with many groups, columns added one by one fragment it
    wide.attrs.update({"node": long.attrs["node"], "groups": groups, "by": by,
                       "window": window, "min_freq": min_freq, "top": top,
                       "node_freq": long.attrs["node_freq"]})
    return wide


def nodes_to_show(corpus, preferred=(), *, by: str = "group", k: int = 3,
                  min_freq: int = 10) -> list[str]:
    """Up to ``k`` nodes for :func:`collocate_differences`: the ``preferred`` ones the
    corpus can compare, in that order, then its most frequent comparable words.

    A node is comparable if it is not a stopword, occurs at least ``min_freq`` times in
    all and in at least two groups (every group, if there is only one).  A notebook
    written about one corpus names its nodes ("Russia", "Serbia", "Kosovo"); on another
    corpus that never mentions them, the figure shows that corpus's own frequent words
    (ties broken by the word) instead of empty panels.  Preferred nodes are returned as
    given, the others as their counting form.  If no word qualifies (a tiny corpus), the
    first ``k`` preferred nodes are returned anyway: their panels then say that they have
    no collocates.
    """
    from .keywords import frequencies

    freq = frequencies(corpus, by=by, stopwords=True)
    n_groups = freq["group"].nunique()
    per_term = freq.groupby("term").agg(freq=("freq", "sum"), groups=("group", "nunique"))
    usable = per_term[(per_term["freq"] >= min_freq)
                      & (per_term["groups"] >= min(2, max(n_groups, 1)))]["freq"]
    return preferred_then_most(usable, preferred, k, key=term_norm,
                               fn="nodes_to_show") or list(preferred)[:k]
