"""Key word in context (KWIC): every occurrence of a term with the words around it.

Terms are matched on normalised forms, so "kosovo" finds "Kosova" too, while ``match``
shows each occurrence as written.  Context comes from the cleaned text (``docs.text``)
through the tokens' character offsets, and the columns ``L1``…``R5`` hold the
normalised neighbours for AntConc-style sorting.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ._validate import check_choice
from .corpus import document_groups
from .terms import match_term, term_parts

__all__ = ["kwic"]

_SPACE = re.compile(r"\s+")


def kwic(corpus, term: str, window: int = 5, sort=("R1", "L1"), *,
         by: str = "group") -> pd.DataFrame:
    """Concordance lines of a term: one row per occurrence, with ``window`` words each side.

    Parameters
    ----------
    corpus : Corpus
    term : str
        A word or phrase as written; it is normalised like the tokens, so "kosovo" and
        "Kosova" find the same occurrences, "Vucic" finds "Vučić", and a multi-word
        name ("Western Balkans") or phrase ("the West") is matched within a sentence.
    window : int, default 5
        Words of context each side (counted in tokens; context may run into the
        neighbouring sentence but never into another document).
    sort : sequence of str, str or None, default ("R1", "L1")
        Sort keys, AntConc style: ``"L1"`` is the first word to the left, ``"R2"`` the
        second to the right (up to ``window``), ``"match"`` the form as written.  Ties
        keep text order; ``None`` gives text order.
    by : str, default "group"
        Metadata column for the ``group`` column.

    Returns
    -------
    DataFrame
        ``group, author, doc_id, sent_id, position, start, end, left, match, right``,
        then ``L<window>`` … ``L1``, ``R1`` … ``R<window>``: character offsets into
        ``docs.text``, the left and right context as written (white space collapsed),
        the match as written, and the normalised neighbours ("" beyond the document).

    Raises
    ------
    ValueError
        For an empty term, a window below 1 or an unknown sort key.

    Examples
    --------
    >>> import pandas as pd, discoursekit as dk
    >>> corpus = dk.Corpus.from_frame(pd.DataFrame({
    ...     "text": ["Serbia watches Kosova. Russia courts Kosovo Serbs."],
    ...     "author": ["A"]}))
    >>> kwic(corpus, "kosovo", window=2)[["left", "match", "right"]]
                 left   match            right
    0  Serbia watches  Kosova  . Russia courts
    1   Russia courts  Kosovo            Serbs
    """
    if isinstance(window, bool) or not (isinstance(window, (int, np.integer)) and window >= 1):
        raise ValueError(f"window must be a positive integer (words each side); got {window!r}.")
    lefts = [f"L{j}" for j in range(window, 0, -1)]
    rights = [f"R{j}" for j in range(1, window + 1)]
    keys = [] if sort is None else ([sort] if isinstance(sort, str) else list(sort))
    for key in keys:
        check_choice("sort key", key, lefts[::-1] + rights + ["match"], what="kwic",
                     hint="(L1 is the word just left of the match; keys go up to window.)")
    parts = term_parts(term)

    tok = corpus.tokens
    docs = corpus.docs
    first, k = match_term(tok, parts)
    last = first + k - 1
    pos = tok["position"].to_numpy()
    doc_col = tok["doc_id"].to_numpy(dtype=object)
    n_doc = tok.groupby("doc_id", sort=False)["position"].transform("size").to_numpy()
    doc_first = first - pos[first]
    doc_last = doc_first + n_doc[first] - 1
    starts, ends = tok["start"].to_numpy(), tok["end"].to_numpy()
    norms = tok["norm"].to_numpy(dtype=object)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    lo = np.maximum(first - window, doc_first)
    hi = np.minimum(last + window, doc_last)
    left, match, right = [], [], []
    for f, l, a, b in zip(first, last, lo, hi):
        text = texts[doc_col[f]]
        left.append(_SPACE.sub(" ", text[starts[a]:starts[f]]).strip() if a < f else "")
        match.append(_SPACE.sub(" ", text[starts[f]:ends[l]]))
        right.append(_SPACE.sub(" ", text[ends[l]:ends[b]]).strip() if b > l else "")
    group_of = dict(zip(docs["doc_id"], document_groups(corpus, by)))
    author_of = dict(zip(docs["doc_id"], docs["author"]))
    ids = doc_col[first]
    df = pd.DataFrame({
        "group": [group_of[d] for d in ids], "author": [author_of[d] for d in ids],
        "doc_id": ids.astype(str) if len(ids) else np.array([], dtype=str),
        "sent_id": tok["sent_id"].to_numpy()[first], "position": pos[first],
        "start": starts[first], "end": ends[last],
        "left": left, "match": match, "right": right,
    })
    for j in range(window, 0, -1):
        row = first - j
        df[f"L{j}"] = np.where(row >= doc_first, norms[np.clip(row, 0, None)], "") \
            if len(first) else []
    for j in range(1, window + 1):
        row = last + j
        df[f"R{j}"] = np.where(row <= doc_last, norms[np.clip(row, None, len(norms) - 1)], "") \
            if len(first) else []
    doc_order = {d: i for i, d in enumerate(docs["doc_id"])}
    df["_doc"] = df["doc_id"].map(doc_order)
    sort_cols = [("_match" if c == "match" else c) for c in keys]
    if "match" in keys:
        df["_match"] = df["match"].str.casefold()
    df = df.sort_values(sort_cols + ["_doc", "start"], kind="mergesort")
    df = df.drop(columns=[c for c in ("_doc", "_match") if c in df.columns])
    df = df.reset_index(drop=True)
    df.attrs.update({"term": " ".join(parts), "window": window, "sort": keys})
    return df
