"""Sentence sentiment (VADER) and the evaluation of actors."""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from .._validate import check_choice
from ..memo import on_corpus
from ..text import fold, tokenize

from .common import BOOT_SEED, check_texts


# --- sentiment -----------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentiment(texts) -> pd.DataFrame:
    """VADER sentiment of each string: ``neg, neu, pos, compound``.

    Identical to ``vaderSentiment``'s ``SentimentIntensityAnalyzer().polarity_scores``
    (one analyser is reused).  Score sentences, not whole articles: the compound score
    saturates on long texts (Hutto & Gilbert 2014).

    Parameters
    ----------
    texts : list of str

    Returns
    -------
    DataFrame
        One row per input, columns ``neg, neu, pos, compound`` (floats).

    Examples
    --------
    >>> sentiment(["NATO is a good ally."])["compound"].round(3).tolist()
    [0.44]
    """
    from ..corpus import _in_parallel

    texts = check_texts(texts, "sentiment")
    rows = [r for part in _in_parallel(_scores, texts) for r in part]   # on every core
    return pd.DataFrame(rows, columns=["neg", "neu", "pos", "compound"]).astype(float)


def _scores(texts: list[str]) -> list[dict]:
    """VADER's scores of each text (one task for a worker process)."""
    sia = _analyzer()
    return [sia.polarity_scores(t) for t in texts]


@on_corpus()
def sentence_sentiment(corpus) -> pd.DataFrame:
    """VADER scores for every sentence: ``doc_id, sent_id, group, text, neg, neu, pos,
    compound``, and ``tone`` (positive if compound ≥ 0.05, negative if ≤ −0.05)."""
    return _scored(corpus, corpus.sentences)


def _scored(corpus, sents: pd.DataFrame) -> pd.DataFrame:
    """:func:`sentence_sentiment`'s table for the sentences ``sents`` (rows of
    ``corpus.sentences``)."""
    groups = dict(zip(corpus.docs["doc_id"], corpus.docs["group"]))
    out = sents[["doc_id", "sent_id", "text"]].reset_index(drop=True).copy()
    out.insert(2, "group", out["doc_id"].map(groups))
    out = pd.concat([out, sentiment(out["text"].tolist())], axis=1)
    out["tone"] = tone_of(out["compound"])
    return out


def tone_of(compound: pd.Series) -> pd.Series:
    return pd.Series(np.select([compound >= 0.05, compound <= -0.05],
                               ["positive", "negative"], "neutral"), index=compound.index)


# --- evaluation of actors ------------------------------------------------------------------
def _vader_words(text: str, exclude: set[str]) -> list[str]:
    lex = _analyzer().lexicon
    return [w for w in (fold(t) for _, _, t in tokenize(text)) if w in lex and w not in exclude]


def _scored_sentences(corpus, keys: pd.DataFrame) -> pd.DataFrame:
    """:func:`sentence_sentiment`'s rows of the sentences ``keys`` (``doc_id, sent_id``)
    only, scored now unless the whole corpus's scores are kept already."""
    from ..memo import kept

    whole = kept(sentence_sentiment, corpus)
    if whole is not None:
        return whole
    from ..corpus import sentence_rows

    rows = sentence_rows(corpus, keys["doc_id"], keys["sent_id"])
    return _scored(corpus, corpus.sentences.iloc[np.unique(rows[rows >= 0])])


def actor_evaluation(corpus, mentions: pd.DataFrame | None = None, *, by: str = "group",
                     n_boot: int = 2000, seed: int = BOOT_SEED, ci: float = 0.95,
                     n_words: int = 8) -> pd.DataFrame:
    """How each group evaluates each actor: VADER tone of the sentences that mention it.

    Parameters
    ----------
    corpus : Corpus
    mentions : DataFrame, optional
        :func:`discoursekit.actors.actor_mentions` output (computed if omitted).
    by : {"group", "doc_id"}, default "group"
    n_boot : int, default 2000
        Bootstrap replicates over the cell's sentences (percentile interval).
    seed : int
    ci : float, default 0.95
    n_words : int, default 8
        Evaluative words listed per cell.

    Returns
    -------
    DataFrame
        ``<by>, actor, n_sentences, mean_compound, lo, hi, share_negative,
        share_positive, evaluative_words, most_negative, most_negative_compound,
        most_positive, most_positive_compound`` ordered by group and actor.
        ``evaluative_words`` lists the VADER-lexicon words in the cell's sentences with
        their valence sign and count, e.g. ``"threat− (3); support+ (2)"``, leaving out
        the words of the actor mentions themselves.

    Notes
    -----
    A sentence counts once per actor however often the actor is named in it; a sentence
    mentioning two actors counts for both, so the tone is that of the sentence, not a
    targeted sentiment towards the actor — read the evidence sentences.
    """
    check_choice("by", by, ("group", "doc_id"))
    from ..actors import actor_mentions

    mentions = actor_mentions(corpus) if mentions is None else mentions
    return _evaluation(corpus, mentions, by=by, n_boot=n_boot, seed=seed, ci=ci,
                       n_words=n_words)


@on_corpus()
def _evaluation(corpus, mentions: pd.DataFrame, *, by: str, n_boot: int, seed: int,
                ci: float, n_words: int) -> pd.DataFrame:
    """:func:`actor_evaluation` of the mentions given (kept per corpus and mentions, so a
    call without them and one with ``actor_mentions(corpus)`` share the result).  Only the
    sentences that mention an actor are scored."""
    ss = _scored_sentences(corpus, mentions)
    cells = mentions[["doc_id", "sent_id", "actor"]].drop_duplicates().merge(
        ss, on=["doc_id", "sent_id"], how="left")
    lex = _analyzer().lexicon
    mention_words = {fold(t) for s in mentions["surface"] for _, _, t in tokenize(s)}
    rng = np.random.default_rng(seed)
    rows = []
    for (g, actor), part in cells.groupby([by, "actor"], sort=True):
        comp = part["compound"].to_numpy()
        idx = rng.integers(0, len(comp), size=(n_boot, len(comp)))
        means = comp[idx].mean(axis=1)
        lo, hi = np.percentile(means, [50 * (1 - ci), 100 - 50 * (1 - ci)])
        counts: dict[str, int] = {}
        for t in part["text"]:
            for w in _vader_words(t, mention_words):
                counts[w] = counts.get(w, 0) + 1
        top = sorted(counts.items(), key=lambda kv: (-kv[1], -abs(lex[kv[0]]), kv[0]))[:n_words]
        words = "; ".join(f"{w}{'+' if lex[w] > 0 else '−'} ({n})" for w, n in top)
        ordered = part.sort_values(["compound", "doc_id", "sent_id"], kind="stable")
        neg, pos = ordered.iloc[0], ordered.iloc[-1]
        rows.append({by: g, "actor": actor, "n_sentences": len(part),
                     "mean_compound": comp.mean(), "lo": lo, "hi": hi,
                     "share_negative": float((comp <= -0.05).mean()),
                     "share_positive": float((comp >= 0.05).mean()),
                     "evaluative_words": words,
                     "most_negative": neg["text"], "most_negative_compound": neg["compound"],
                     "most_positive": pos["text"], "most_positive_compound": pos["compound"]})
    out = pd.DataFrame(rows, columns=[  # the columns even when no actor is named
        by, "actor", "n_sentences", "mean_compound", "lo", "hi", "share_negative",
        "share_positive", "evaluative_words", "most_negative", "most_negative_compound",
        "most_positive", "most_positive_compound"])
    out.attrs.update({"n_boot": n_boot, "seed": seed, "ci": ci})
    return out
