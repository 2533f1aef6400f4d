"""The corpus at a glance: documents, sentence lengths, lexical diversity, spellings."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .text import fold

__all__ = ["describe_documents", "sentence_lengths", "mattr", "lexical_diversity",
           "spelling_variants", "varied_norms"]


def describe_documents(corpus) -> pd.DataFrame:
    """One row per document: metadata, counts of words and sentences, what cleaning removed.

    ``words`` counts counting units (a multi-word name counts once); ``removed_lines``
    and ``removed_rules`` summarise ``corpus.removed``.
    """
    docs = corpus.docs
    words = corpus.tokens.groupby("doc_id").size()
    sents = corpus.sentences.groupby("doc_id").size()
    removed = corpus.removed.groupby("doc_id")
    n_removed = removed.size()
    rules = removed["rule"].agg(lambda r: ", ".join(sorted(set(r))))
    out = docs[["doc_id", "group", "author", "outlet", "date"]].copy()
    out["words"] = out["doc_id"].map(words).fillna(0).astype(int)
    out["sentences"] = out["doc_id"].map(sents).fillna(0).astype(int)
    out["removed_lines"] = out["doc_id"].map(n_removed).fillna(0).astype(int)
    out["removed_rules"] = out["doc_id"].map(rules).fillna("")
    return out.reset_index(drop=True)


def sentence_lengths(corpus) -> pd.DataFrame:
    """One row per sentence: ``doc_id, group, sent_id, words`` (counting units)."""
    from .corpus import sentence_words

    out = corpus.sentences[["doc_id", "sent_id"]].copy()
    out["words"] = sentence_words(corpus).astype(int)
    out.insert(1, "group", out["doc_id"].map(corpus.docs.set_index("doc_id")["group"]))
    return out.reset_index(drop=True)


def mattr(tokens, window: int = 100) -> float:
    """Moving-average type/token ratio (Covington & McFall 2010).

    The mean, over every window of ``window`` consecutive tokens, of the window's
    type/token ratio.  Unlike the raw type/token ratio it does not fall as a text gets
    longer.  A text shorter than the window gets its plain type/token ratio.

    Examples
    --------
    >>> mattr(["a", "b", "a", "c"], window=2)   # windows ab, ba, ac: all 2 types / 2
    1.0
    >>> mattr(["a", "a", "b"], window=2)        # windows aa (0.5), ab (1.0)
    0.75
    """
    tokens = list(tokens)
    n = len(tokens)
    if n == 0:
        raise ValueError("mattr() needs at least one token.")
    codes = pd.factorize(pd.Series(tokens, dtype=object))[0]
    types, total = _window_types(codes, np.array([n]), window)
    return float(types[0] / n) if n <= window else float(total[0] / ((n - window + 1) * window))


def _window_types(codes: np.ndarray, lengths: np.ndarray, window: int):
    """Types of each text, and the sum over its windows of ``window`` tokens of the
    types in the window, for texts whose word codes follow one another in ``codes``.

    A token adds one type to every window that holds it but no earlier occurrence of its
    word in the text: the windows starting after that occurrence, up to the token itself.
    So the sum over windows is a sum over tokens, counted all at once.
    """
    lengths = np.asarray(lengths, dtype=np.int64)
    n_tok = int(lengths.sum())
    text = np.repeat(np.arange(len(lengths)), lengths)
    local = np.arange(n_tok) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    order = np.lexsort((local, codes, text))        # each text's word's tokens in order
    prev = np.full(n_tok, -1, dtype=np.int64)       # the word's previous place in the text
    same = (codes[order][1:] == codes[order][:-1]) & (text[order][1:] == text[order][:-1])
    prev[order[1:][same]] = local[order[:-1][same]]
    types = np.bincount(text, weights=prev < 0, minlength=len(lengths)).astype(np.int64)
    n = lengths[text]
    lo = np.maximum(np.maximum(local - window + 1, prev + 1), 0)
    hi = np.minimum(local, n - window)
    windows = np.bincount(text, weights=np.maximum(hi - lo + 1, 0),
                          minlength=len(lengths)).astype(np.int64)
    return types, windows


def lexical_diversity(corpus, window: int = 100) -> pd.DataFrame:
    """Per document: tokens, types, raw type/token ratio and MATTR over ``norm``."""
    u = corpus._doc_units                        # the tokens' norms as codes, per document
    doc_ids = corpus.docs["doc_id"].to_numpy(dtype=object)
    lengths = np.asarray(u.n_unit, dtype=np.int64)
    types, windows = _window_types(np.asarray(u.norm_code, dtype=np.int64), lengths, window)
    out = pd.DataFrame({"doc_id": doc_ids, "group": corpus.docs["group"].to_numpy(),
                        "tokens": lengths, "types": types})
    out["ttr"] = out["types"] / out["tokens"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["mattr"] = np.where(lengths <= window, types / lengths,
                                windows / ((lengths - window + 1) * window))
    out = out[lengths > 0].sort_values("doc_id", kind="stable").reset_index(drop=True)
    out.attrs["window"] = window
    return out


def _spelling(tokens: pd.Series) -> pd.Series:
    """A token's spelling as the variant tables compare it: lower case, one apostrophe."""
    return tokens.str.lower().str.replace("[’‘]", "'", regex=True)


def varied_norms(corpus) -> list[str]:
    """The counting forms the corpus writes in more than one way, sorted.

    Spellings are compared as :func:`spelling_variants` compares them (case aside,
    diacritics kept: "Vučić" and "Vucic" differ; straight and typographic apostrophes
    alike, since "n't" and "n’t" are one spelling set in two typefaces); forms that start
    with an apostrophe ("'s") are left out.
    """
    toks = corpus.tokens
    spellings = toks.assign(spelling=_spelling(toks["token"])).groupby("norm")["spelling"]
    n = spellings.nunique()
    return sorted(t for t in n[n > 1].index if not t.startswith(("'", "’")))


def spelling_variants(corpus, norms: list[str] | None = None) -> pd.DataFrame:
    """How each group spells the given terms: one row per group × norm × surface form.

    Surface forms are compared case-insensitively but with diacritics kept, so "Vučić"
    and "Vucic" are distinct while "Kosovo" at a sentence start is not; straight and
    typographic apostrophes are one ("O’Brien" is "o'brien").  Without
    ``norms``, every term the corpus spells in more than one way (:func:`varied_norms`).
    """
    wanted = {fold(n) for n in (varied_norms(corpus) if norms is None else norms)}
    toks = corpus.tokens[corpus.tokens["norm"].isin(wanted)].copy()
    toks["group"] = toks["doc_id"].map(corpus.docs.set_index("doc_id")["group"])
    toks["spelling"] = _spelling(toks["token"])
    out = (toks.groupby(["norm", "spelling", "group"]).size().rename("count").reset_index()
           .sort_values(["norm", "spelling", "group"]).reset_index(drop=True))
    return out
