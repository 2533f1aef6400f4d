"""Search terms as the corpus counts them: what a typed term ("Kosova", "the West",
"Western Balkans") stands for among the normalised tokens, and where it occurs.

Shared by the concordance, collocation, dispersion and keyness modules, so that none of
them needs another's private helpers.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .text import join_multiword, normalize, tokenize

__all__ = ["term_parts", "term_norm", "match_term"]


def term_parts(term) -> list[str]:
    """The counting units of a search term: "Kosova" -> ["kosovo"], "the West" -> ["the", "west"].

    Multi-word names become one unit, as in ``corpus.tokens`` ("Western Balkans" ->
    ["western balkans"]).

    >>> term_parts("the West"), term_parts("Western Balkans")
    (['the', 'west'], ['western balkans'])
    """
    if not isinstance(term, str) or not term.strip():
        raise ValueError(f"term must be a non-empty string such as 'Kosovo'; got {term!r}.")
    norms = [normalize(t) for _, _, t in tokenize(term)]
    if not norms:
        raise ValueError(f"term {term!r} has no word in it; pass a word such as 'Kosovo'.")
    return [n for _, _, n in join_multiword(norms)]


def term_norm(term: str) -> str:
    """The counting form of a term as typed: "Kosova" -> "kosovo", "Western Balkans".

    >>> term_norm("Kosova")
    'kosovo'
    """
    return " ".join(term_parts(term))


def match_term(tokens: pd.DataFrame, parts: list[str]) -> tuple[np.ndarray, int]:
    """Row numbers of the first token of every occurrence of ``parts`` within one
    sentence of the token table, and the number of tokens an occurrence spans."""
    norms = tokens["norm"].to_numpy(dtype=object)
    k = len(parts)
    n = len(norms)
    if n < k:
        return np.array([], dtype=np.int64), k
    ok = norms[: n - k + 1] == parts[0]
    if k > 1:
        doc = tokens["doc_id"].to_numpy(dtype=object)
        sent = tokens["sent_id"].to_numpy()
        for j in range(1, k):
            ok &= (norms[j: n - k + 1 + j] == parts[j])
            ok &= (doc[j: n - k + 1 + j] == doc[: n - k + 1])
            ok &= (sent[j: n - k + 1 + j] == sent[: n - k + 1])
    return np.flatnonzero(ok), k
