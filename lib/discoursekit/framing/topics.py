"""An NMF topic model of the sentences, as a cross-check on the lexicon's frames."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..text import join_multiword, normalize, stopwords, tokenize
from .common import categories_of

__all__ = ["sentence_topics", "topic_terms", "topic_frame_overlap"]


# --- topics ----------------------------------------------------------------------------
def _topic_analyzer(text: str) -> list[str]:
    units = tokenize(text)
    norms = [normalize(t) for _, _, t in units]
    stop = stopwords()
    out = []
    for first, last, norm in join_multiword(norms):
        if norm in stop or len(norm) < 3 or not re.search(r"[a-z]", norm):
            continue
        out.append(norm)
    return out


def _analyse_all(texts: list[str]) -> list[list[str]]:
    """:func:`_topic_analyzer` of each text (one task for a worker process)."""
    return [_topic_analyzer(t) for t in texts]


#: The most sentences a topic model is fitted on (a seeded sample of them beyond).
FIT_SENTENCES = 50_000


def sentence_topics(coded: pd.DataFrame, *, n_topics: int = 8, min_df: int = 2,
                    random_state: int = 0) -> pd.DataFrame:
    """An NMF topic model over the sentences, as a cross-check on the lexicon.

    TF-IDF over normalised tokens and multi-word names (stop words: scikit-learn's
    English list, :func:`discoursekit.stopwords`), then non-negative matrix factorisation
    (Lee & Seung 1999) with ``init="nndsvda"`` and a fixed ``random_state``, so the
    result is deterministic.  On more than :data:`FIT_SENTENCES` sentences the topics
    are fitted on a seeded random sample of that many (the vocabulary and weights are of
    every sentence), which keeps the fit's cost from growing with the corpus.

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, group`` (when present), ``topic`` (the sentence's strongest
        topic, ``"T1"``…; ``"none"`` when every weight is 0) and one weight column per
        topic.  ``attrs["terms"]`` maps each topic to its 15 highest-weighted terms.
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    if "text" not in coded.columns:
        raise ValueError("sentence_topics(): pass a DataFrame with a 'text' column, e.g. from "
                         "code_corpus_frames(corpus).")
    if int(n_topics) < 1:
        raise ValueError(f"sentence_topics(): n_topics must be at least 1; got {n_topics!r}.")
    from ..corpus import _in_parallel

    texts = coded["text"].tolist()
    # each sentence's terms, found on every core; then weighted as they are
    terms_of = [t for part in _in_parallel(_analyse_all, texts) for t in part]
    vec = TfidfVectorizer(analyzer=list, min_df=min_df, sublinear_tf=True)
    try:
        x = vec.fit_transform(terms_of)
    except ValueError:
        raise ValueError(f"sentence_topics(): no term occurs in at least min_df={min_df} "
                         "sentences; try a lower min_df or a larger corpus.") from None
    k = min(int(n_topics), x.shape[0], x.shape[1])
    model = NMF(n_components=k, init="nndsvda", random_state=random_state, max_iter=1000)
    # scikit-learn takes the square root of the squared reconstruction error, which
    # rounding can leave a hair below zero when a small corpus is fitted almost exactly
    with np.errstate(invalid="ignore"):
        if x.shape[0] > FIT_SENTENCES:      # fitted on a seeded sample, applied to all
            rows = np.sort(np.random.default_rng(random_state).choice(
                x.shape[0], FIT_SENTENCES, replace=False))
            w = model.fit(x[rows]).transform(x)
        else:
            w = model.fit_transform(x)
    terms = np.array(vec.get_feature_names_out())
    labels = [f"T{i + 1}" for i in range(k)]
    keep = [c for c in ("doc_id", "sent_id", "group") if c in coded.columns]
    out = coded[keep].copy().reset_index(drop=True)
    out["topic"] = np.where(w.max(axis=1) > 0, np.array(labels, dtype=object)[
        w.argmax(axis=1)], "none").tolist() if len(w) else []
    for i, lab in enumerate(labels):
        out[lab] = np.round(w[:, i], 10)
    out.attrs["terms"] = {lab: terms[np.argsort(-model.components_[i], kind="stable")[:15]]
                          .tolist() for i, lab in enumerate(labels)}
    return out


def topic_terms(topics: pd.DataFrame, *, n_terms: int = 8) -> pd.DataFrame:
    """Each topic's top terms and how many sentences have it as their strongest topic."""
    terms = topics.attrs.get("terms")
    if not terms:
        raise ValueError("topic_terms(): pass the DataFrame returned by sentence_topics(); its "
                         "attrs['terms'] is missing (attrs are lost by some pandas operations).")
    counts = topics["topic"].value_counts()
    return pd.DataFrame([(t, int(counts.get(t, 0)), ", ".join(ts[:n_terms]))
                         for t, ts in terms.items()],
                        columns=["topic", "n_sentences", "top_terms"])


def topic_frame_overlap(topics: pd.DataFrame, coded: pd.DataFrame, categories=None
                        ) -> pd.DataFrame:
    """How strongly each topic overlaps each frame.

    Returns
    -------
    DataFrame
        ``topic, category``, ``correlation`` (Pearson correlation between the sentence's
        topic weight and the 0/1 frame code, i.e. the point-biserial correlation; NaN
        when either is constant), ``share_in_topic`` (share of the sentences whose
        strongest topic this is that carry the frame) and ``share_overall``.
    """
    cats = categories_of(coded, categories, "topic_frame_overlap")
    if len(topics) != len(coded):
        raise ValueError("topic_frame_overlap(): topics and coded must describe the same "
                         f"sentences in the same order ({len(topics)} vs {len(coded)} rows).")
    labels = list(topics.attrs.get("terms") or [c for c in topics.columns
                                                 if re.fullmatch(r"T\d+", str(c))])
    rows = []
    for t in labels:
        w = topics[t].to_numpy(dtype=float)
        mask = (topics["topic"] == t).to_numpy()
        for cat in cats:
            y = coded[cat].to_numpy(dtype=float)
            r = (np.corrcoef(w, y)[0, 1] if w.std() > 0 and y.std() > 0 else np.nan)
            rows.append((t, cat, r, y[mask].mean() if mask.any() else np.nan, y.mean()))
    return pd.DataFrame(rows, columns=["topic", "category", "correlation", "share_in_topic",
                                       "share_overall"])
