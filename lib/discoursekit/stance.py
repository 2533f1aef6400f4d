"""Stance: stance markers, sentence sentiment, the evaluation of actors, and who is quoted.

* :func:`stance_markers` counts Hyland's (2005) stance and engagement markers and Biber et
  al.'s (1999) epistemic/deontic modality in strings, from the editable lexicon
  ``lexicons/stance.yaml`` plus the disambiguation rules named there;
  :func:`sentence_stance` and :func:`stance_rates` apply it to a corpus and give rates per
  1,000 words with bootstrap intervals over texts.
* :func:`sentiment` is VADER (Hutto & Gilbert 2014) on each string;
  :func:`sentence_sentiment` scores a corpus sentence by sentence.
* :func:`actor_evaluation` crosses the actor mentions of :mod:`discoursekit.actors` with
  sentence sentiment.
* :func:`obligation_targets` finds whom each deontic marker obliges.
* :func:`quotations` and :func:`voice` find direct quotations, their speakers and words.
* :func:`coding_samples` draws the hand-coding samples; :func:`stance_agreement`,
  :func:`tone_agreement`, :func:`agency_agreement` and :func:`quotation_agreement`
  compare hand codes with the output.
"""
from __future__ import annotations

import functools
import re
from importlib import resources

import numpy as np
import pandas as pd
import yaml

from ._filecache import cached_on_file
from . import resampling as _resampling
from ._validate import check_choice
from .sampling import stratified_sample
from .text import _greedy_matches, _longest_from, fold, tokenize

__all__ = ["STANCE_CATEGORIES", "REPORTING_VERBS", "stance_lexicon", "stance_markers",
           "stance_matches", "sentence_stance", "stance_rates", "block_bootstrap",
           "obligation_targets", "sentiment", "sentence_sentiment", "actor_evaluation",
           "quotations", "voice", "quotation_agreement", "coding_samples",
           "stance_agreement", "tone_agreement", "agency_agreement"]

STANCE_CATEGORIES = ("hedge", "booster", "attitude", "self_mention", "reader_engagement",
                     "epistemic", "deontic")
SAMPLE_SEED = 3031
BOOT_SEED = 20261122


# --- lexicon -------------------------------------------------------------------------------
def _tok_key(s: str) -> tuple[str, ...]:
    return tuple(fold(t) for _, _, t in tokenize(s))


@cached_on_file(maxsize=4)
def stance_lexicon(path: str | None = None) -> dict[str, dict]:
    """The stance lexicon: for each category its items, source, and the rules.

    Parameters
    ----------
    path : str, optional
        A YAML file laid out like the bundled ``lexicons/stance.yaml`` (default).

    Returns
    -------
    dict
        ``{category: {"items": [...], "source": str}}`` for the seven categories, plus
        ``"rules"``: ``{rule_name: description}``.

    Raises
    ------
    ValueError
        If a category is missing or has no items.
    """
    if path is None:
        raw = resources.files("discoursekit").joinpath("lexicons", "stance.yaml").read_text(
            encoding="utf-8")
        name = "lexicons/stance.yaml"
    else:
        with open(path, encoding="utf-8") as fh:
            raw, name = fh.read(), path
    data = yaml.safe_load(raw) or {}
    cats = data.get("categories") or {}
    missing = [c for c in STANCE_CATEGORIES if c not in cats or not cats[c].get("items")]
    if missing:
        raise ValueError(f"{name}: category {missing[0]!r} is missing or has no items; the "
                         f"lexicon needs: {', '.join(STANCE_CATEGORIES)}.")
    out = {c: {"items": [str(i) for i in cats[c]["items"]], "source": cats[c].get("source", "")}
           for c in STANCE_CATEGORIES}
    out["rules"] = dict(data.get("rules") or {})
    return out


@cached_on_file(maxsize=4)
def _compiled(path: str | None):
    lex = stance_lexicon(path)
    comp = {}
    for cat in STANCE_CATEGORIES:
        entries = {}
        for item in lex[cat]["items"]:
            key = _tok_key(item)
            if key:
                entries[key] = item
        comp[cat] = (entries, _longest_from(entries))
    return comp


# --- disambiguation rules ------------------------------------------------------------------
_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty",
                 "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand",
                 "thousands", "million", "millions", "billion", "billions", "dozen",
                 "dozens", "half", "quarter", "third", "twice", "double", "a"}
_BE_FORMS = {"is", "are", "was", "were", "be", "been", "being", "'s", "seems", "seem",
             "appears", "appear", "seemed", "appeared", "became", "become", "becomes"}
_MONTH_PREP = {"in", "since", "until", "of", "by", "early", "late", "mid", "last", "next",
               "this", "during", "from", "through"}
_PARTICIPLE_IRREG = {"been", "had", "done", "known", "seen", "taken", "given", "gone",
                     "made", "said", "thought", "felt", "meant", "led", "won", "lost"}


def _is_numberish(tok: str) -> bool:
    return bool(re.match(r"^[\d$€£]", tok)) or tok in _NUMBER_WORDS


def _rule_ok(cat: str, key: tuple[str, ...], i: int, toks: list[str], surf: list[str]) -> bool:
    """Whether the item ``key`` at token ``i`` survives the disambiguation rules."""
    n = len(key)
    prev = toks[i - 1] if i > 0 else ""
    nxt = toks[i + n] if i + n < len(toks) else ""
    nxt2 = toks[i + n + 1] if i + n + 1 < len(toks) else ""
    first = key[0]
    if first == "may" and cat in ("hedge", "epistemic"):  # may_month
        s = surf[i]
        if s == "May" and i > 0:
            return False
        if s == "May" and (nxt == "" or _is_numberish(nxt) or re.match(r"^\d", nxt)):
            return False
        if prev in _MONTH_PREP:
            return False
    if key in {("about",), ("around",), ("some",)}:  # approximation_needs_number
        return _is_numberish(nxt) and not (nxt == "a" and nxt2 not in _NUMBER_WORDS)
    if cat == "epistemic" and key == ("must", "have"):  # must_epistemic
        return nxt in _PARTICIPLE_IRREG or nxt.endswith(("ed", "en"))
    if cat == "epistemic" and key == ("must", "be"):
        return prev in {"it", "that", "this", "there"}
    if cat == "deontic" and key == ("must",):
        if nxt == "have" and (nxt2 in _PARTICIPLE_IRREG or nxt2.endswith(("ed", "en"))):
            return False
        if nxt == "be" and prev in {"it", "that", "this", "there"}:
            return False
    if key == ("clear",):  # clear_is_booster_only_after_be
        return prev in _BE_FORMS
    if key == ("even",):  # even_emphatic
        return nxt not in {"if", "though", "when", "as", "so", "it", "though", "while"}
    if key in {("show",), ("shows",), ("showed",), ("shown",)}:  # show_as_verb
        return prev not in {"a", "another", "the", "this", "that", "his", "its", "their"}
    if key in {("prove",), ("proves",), ("proved",), ("proven",)}:
        return nxt != "to"
    if key == ("concerning",):
        return prev in {"more", "most", "is", "are", "was", "were", "deeply", "very",
                        "particularly"}
    if key == ("us",) and surf[i] == "US":  # us_is_not_the_country
        return False
    if key == ("i",) and prev == "war":  # roman_numeral_i
        return False
    if cat == "reader_engagement" and first in {"consider", "note", "imagine", "remember",
                                                "think", "look"}:
        return i == 0  # directive_sentence_initial
    if key == ("certain",):
        return prev in _BE_FORMS or prev in {"almost", "nearly", "quite", "fairly"}
    return True


# --- quotation spans -----------------------------------------------------------------------
_QUOTE_RE = re.compile(r"“[^”“]*(?:”|$)|\"[^\"]*(?:\"|$)|^[^“”]*”", re.S)


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans in curly or straight double quotation marks (an unclosed mark runs to the end;
    a closing mark without an opener starts at the beginning)."""
    return [(m.start(), m.end()) for m in _QUOTE_RE.finditer(text) if m.end() > m.start()]


def _inside(pos: int, spans) -> bool:
    return any(a <= pos < b for a, b in spans)


# --- markers -------------------------------------------------------------------------------
def _check_texts(texts, func: str) -> list[str]:
    if isinstance(texts, str):
        raise TypeError(f"{func}: texts must be a list of strings, not a single string; "
                        f"wrap it: {func}([text]).")
    try:
        texts = list(texts)
    except TypeError:
        raise TypeError(f"{func}: texts must be a list of strings; got "
                        f"{type(texts).__name__}.") from None
    bad = [i for i, t in enumerate(texts) if not isinstance(t, str)]
    if bad:
        raise TypeError(f"{func}: texts[{bad[0]}] is {type(texts[bad[0]]).__name__}, not str; "
                        "pass strings (e.g. corpus.sentences['text'].tolist()).")
    return texts


def _matches_one(text: str, comp) -> list[dict]:
    toks3 = tokenize(text)
    toks = [fold(t) for _, _, t in toks3]
    surf = [t for _, _, t in toks3]
    quotes = _quote_spans(text)
    out = []
    for cat in STANCE_CATEGORIES:
        entries, longest_from = comp[cat]

        def accept(key, j, cat=cat):
            return _rule_ok(cat, key, j, toks, surf) and not _inside(toks3[j][0], quotes)

        for j, size, key in _greedy_matches(toks, entries, longest_from, accept):
            s, e = toks3[j][0], toks3[j + size - 1][1]
            out.append({"category": cat, "item": entries[key], "start": s, "end": e,
                        "surface": text[s:e]})
    for m in re.finditer(r"\?", text):  # questions outside quotation marks
        if not _inside(m.start(), quotes):
            out.append({"category": "reader_engagement", "item": "?", "start": m.start(),
                        "end": m.end(), "surface": "?"})
    for m in re.finditer(r"\(([^()]*)\)", text):  # asides of four or more words
        if len(tokenize(m.group(1))) >= 4 and not _inside(m.start(), quotes):
            out.append({"category": "reader_engagement", "item": "(…)", "start": m.start(),
                        "end": m.end(), "surface": m.group()})
    return sorted(out, key=lambda d: (d["start"], _CATEGORY_ORDER[d["category"]], d["end"]))


_CATEGORY_ORDER = {c: k for k, c in enumerate(STANCE_CATEGORIES)}


def stance_markers(texts, *, lexicon: str | None = None) -> pd.DataFrame:
    """Counts of stance and engagement markers in each of a list of strings.

    Parameters
    ----------
    texts : list of str
        Sentences (recommended) or any strings.
    lexicon : str, optional
        Path of a YAML lexicon laid out like the bundled ``lexicons/stance.yaml``.

    Returns
    -------
    DataFrame
        One row per input, in input order, with integer columns ``hedge, booster,
        attitude, self_mention, reader_engagement, epistemic, deontic`` and ``matches``:
        a list of ``{"category", "item", "start", "end", "surface"}`` dicts, offsets into
        the input string.

    Raises
    ------
    TypeError
        If ``texts`` is a single string or holds a non-string.

    See Also
    --------
    stance_matches : the same matches, one row each.
    stance_rates : rates per 1,000 words per group, with intervals.

    Notes
    -----
    Categories follow Hyland (2005) (hedges, boosters, attitude markers, self-mention,
    reader engagement: reader pronouns, sentence-initial directives, questions, appeals to
    shared knowledge, parenthetical asides) and Biber et al. (1999) for modality
    (epistemic vs deontic).  Multi-word items match before single words within a
    category; a word may count in two categories (*may* is hedge and epistemic).
    Nothing inside direct quotation marks is counted.  The disambiguation rules are
    listed under ``rules`` in the lexicon file: "May" the month, "about" + number, "must
    have" (epistemic) vs "must" (deontic), "make it clear" (not a booster), "will" (never
    a booster), and more.

    Examples
    --------
    >>> df = stance_markers(["In May, Serbia may act.", "NATO must create a coalition."])
    >>> df[["hedge", "epistemic", "deontic"]].values.tolist()
    [[1, 1, 0], [0, 0, 1]]
    """
    from .corpus import _in_parallel

    texts = _check_texts(texts, "stance_markers")
    _compiled(lexicon)                 # a bad lexicon fails here, before any worker
    rows = []                          # a large input is matched on every core, in order
    for found in (f for part in _in_parallel(_markers_of, texts, lexicon=lexicon)
                  for f in part):
        counts = {c: 0 for c in STANCE_CATEGORIES}
        for m in found:
            counts[m["category"]] += 1
        rows.append({**counts, "matches": found})
    return pd.DataFrame(rows, columns=[*STANCE_CATEGORIES, "matches"]).astype(
        {c: "int64" for c in STANCE_CATEGORIES})


def _markers_of(texts: list[str], *, lexicon) -> list[list[dict]]:
    """:func:`_matches_one` of each text (one task for a worker process)."""
    comp = _compiled(lexicon)
    return [_matches_one(t, comp) for t in texts]


def stance_matches(texts, *, lexicon: str | None = None) -> pd.DataFrame:
    """Every stance match as a row: ``text_id, category, item, start, end, surface``."""
    df = stance_markers(texts, lexicon=lexicon)
    rows = [{"text_id": i, **m} for i, ms in enumerate(df["matches"]) for m in ms]
    return pd.DataFrame(rows, columns=["text_id", "category", "item", "start", "end", "surface"])


def sentence_stance(corpus, *, lexicon: str | None = None) -> pd.DataFrame:
    """Stance counts for every sentence of a corpus, with its word count and group.

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, group, text, n_words`` and the seven category counts; ``n_words``
        counts the corpus's counting units (``corpus.tokens``) in the sentence.
    """
    sents = corpus.sentences
    counts = stance_markers(sents["text"].tolist(), lexicon=lexicon)
    n_words = corpus.tokens.groupby(["doc_id", "sent_id"]).size().rename("n_words")
    groups = dict(zip(corpus.docs["doc_id"], corpus.docs["group"]))
    out = sents[["doc_id", "sent_id", "text"]].reset_index(drop=True).copy()
    out.insert(2, "group", out["doc_id"].map(groups))
    out = out.join(n_words, on=["doc_id", "sent_id"])
    out["n_words"] = out["n_words"].fillna(0).astype("int64")
    return pd.concat([out, counts.drop(columns="matches")], axis=1)


# --- bootstrap -----------------------------------------------------------------------------
# One implementation for every per-sentence measure: see discoursekit.resampling.
block_bootstrap = _resampling.block_bootstrap  # kept here for existing callers


def stance_rates(corpus, *, by: str = "group", block: int = 5, n_boot: int = 2000,
                 seed: int = BOOT_SEED, ci: float = 0.95,
                 lexicon: str | None = None) -> pd.DataFrame:
    """Stance markers per 1,000 words per group, with bootstrap intervals over its texts.

    A group with one article resamples blocks of its sentences; a group with several
    resamples whole articles (:func:`discoursekit.resampling.text_bootstrap`), and each
    replicate's rate is its markers over its words.

    Parameters
    ----------
    corpus : Corpus
    by : {"group", "doc_id"}, default "group"
    block : int, default 5
        Sentences per bootstrap block (consecutive sentences within an article, for a group
        of one article), so that dependence between neighbouring sentences is kept
        (Lijffijt et al. 2016).
    n_boot : int, default 2000
    seed : int
    ci : float, default 0.95
        Percentile interval.
    lexicon : str, optional

    Returns
    -------
    DataFrame
        ``<by>, category, n, n_words, rate, lo, hi`` — ``rate`` per 1,000 words; ordered by
        group then category (in the order of :data:`STANCE_CATEGORIES`).  ``attrs`` hold
        the bootstrap settings.

    Examples
    --------
    >>> import pandas as pd, discoursekit as dk
    >>> corpus = dk.Corpus.from_frame(pd.DataFrame({"author": ["A"], "text": [
    ...     "NATO must act now. The Kremlin sends weapons. Kosovo was attacked by Serbia."]}))
    >>> stance_rates(corpus).query("category == 'deontic'")[["group", "category", "n"]]
      group category  n
    6     A  deontic  1
    """
    check_choice("by", by, ("group", "doc_id"))
    if not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1 (e.g. 0.95). Got {ci!r} instead.")
    ss = sentence_stance(corpus, lexicon=lexicon)
    cols = list(STANCE_CATEGORIES) + ["n_words"]
    rows, no_interval = [], {}
    for g, part in ss.groupby(by, sort=True):
        boot = _resampling.text_bootstrap(part[cols].to_numpy(), part["doc_id"].to_numpy(),
                                          block=block, n_boot=n_boot, seed=seed)
        words = part["n_words"].sum()
        with np.errstate(divide="ignore", invalid="ignore"):
            rates = boot[:, :-1] / boot[:, -1:] * 1000
        lo, hi = np.nanpercentile(rates, [50 * (1 - ci), 100 - 50 * (1 - ci)], axis=0)
        reason = _resampling.interval_reason(*_resampling.resampling_units(
            part["doc_id"].to_numpy(), block=block))
        if reason:                 # too few distinct resamples for a percentile interval
            lo, hi = np.full_like(lo, np.nan), np.full_like(hi, np.nan)
            no_interval[g] = reason
        for k, cat in enumerate(STANCE_CATEGORIES):
            n = int(part[cat].sum())
            rows.append({by: g, "category": cat, "n": n, "n_words": int(words),
                         "rate": n / words * 1000 if words else np.nan,
                         "lo": lo[k], "hi": hi[k]})
    out = pd.DataFrame(rows)
    out.attrs.update({"block": block, "n_boot": n_boot, "seed": seed, "ci": ci,
                      "no_interval": no_interval})
    return out


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
    texts = _check_texts(texts, "sentiment")
    sia = _analyzer()
    rows = [sia.polarity_scores(t) for t in texts]
    return pd.DataFrame(rows, columns=["neg", "neu", "pos", "compound"]).astype(float)


def sentence_sentiment(corpus) -> pd.DataFrame:
    """VADER scores for every sentence: ``doc_id, sent_id, group, text, neg, neu, pos,
    compound``, and ``tone`` (positive if compound ≥ 0.05, negative if ≤ −0.05)."""
    sents = corpus.sentences
    groups = dict(zip(corpus.docs["doc_id"], corpus.docs["group"]))
    out = sents[["doc_id", "sent_id", "text"]].reset_index(drop=True).copy()
    out.insert(2, "group", out["doc_id"].map(groups))
    out = pd.concat([out, sentiment(out["text"].tolist())], axis=1)
    out["tone"] = _tone(out["compound"])
    return out


def _tone(compound: pd.Series) -> pd.Series:
    return pd.Series(np.select([compound >= 0.05, compound <= -0.05],
                               ["positive", "negative"], "neutral"), index=compound.index)


# --- evaluation of actors ------------------------------------------------------------------
def _vader_words(text: str, exclude: set[str]) -> list[str]:
    lex = _analyzer().lexicon
    return [w for w in (fold(t) for _, _, t in tokenize(text)) if w in lex and w not in exclude]


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
    from .actors import actor_mentions

    mentions = actor_mentions(corpus) if mentions is None else mentions
    ss = sentence_sentiment(corpus)
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


# --- obligation: who must act ------------------------------------------------------------
_CLAUSE_WORDS = {"that", "which", "who", "if", "and", "but", "while", "when", "because",
                 "so", "then", "therefore", "however", "also", "still", "thus", "where"}


def obligation_targets(corpus, *, lexicon: str | None = None,
                       table=None) -> pd.DataFrame:
    """Who each deontic marker obliges: the subject before "must", "should", "need to"…

    Parameters
    ----------
    corpus : Corpus
    lexicon : str, optional
        Stance lexicon (see :func:`stance_markers`).
    table : str or Path, optional
        Actor table used to map the subject to an actor.

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, group, item, subject, target, text`` — one row per deontic
        marker.  ``subject`` is the words between the previous clause boundary (a comma,
        semicolon, dash, or a conjunction such as *that*, *if*, *and* — except an *and*
        joining two names) and the marker; ``target`` is the first actor of the subject in
        the actor table, else ``"(pronoun)"`` for *they/we/it/he…*, ``"(impersonal)"`` for
        *it is essential that…, it is time…*, or ``"(other)"``.

    Notes
    -----
    A word-order proxy for the agent of a directive (Hyland 2005, directives; van
    Leeuwen 2008, activation): in "The United States and Europe must make it clear…"
    the target is US (the first actor named).  Pronouns are not resolved.

    Examples
    --------
    >>> import pandas as pd, discoursekit as dk
    >>> corpus = dk.Corpus.from_frame(pd.DataFrame({"author": ["A"], "text": [
    ...     "NATO must act now. The Kremlin sends weapons. Kosovo was attacked by Serbia."]}))
    >>> obligation_targets(corpus)[["group", "item", "target"]]
      group  item target
    0     A  must   NATO
    """
    from .actors import find_actors

    ss = corpus.sentences
    m = stance_matches(ss["text"].tolist(), lexicon=lexicon)
    m = m[m["category"] == "deontic"].reset_index(drop=True)
    groups = dict(zip(corpus.docs["doc_id"], corpus.docs["group"]))
    texts, doc_ids, sent_ids = (ss[c].to_numpy()[m["text_id"].to_numpy(dtype=np.int64)]
                                for c in ("text", "doc_id", "sent_id"))
    subjects = []
    for text, start in zip(texts, m["start"]):
        before = text[:start]
        words = re.findall(r"[\w’'.-]+|[,;:—–()“”\"]", before)
        span: list[str] = []
        for k in range(len(words) - 1, -1, -1):
            w = words[k]
            joins_names = (fold(w) in {"and", "or"} and span and span[-1][:1].isupper()
                           and k > 0 and words[k - 1][:1].isupper())
            if not joins_names and (w in {",", ";", ":", "—", "–", "(", ")", "“", "”", '"'}
                                    or fold(w) in _CLAUSE_WORDS or fold(w) in _REPORTED_CLAUSE):
                if span:
                    break
                continue
            span.append(w)
        subjects.append(" ".join(reversed(span)))
    # the first actor named in each subject: one pass over all of them (the table is
    # checked even when no sentence has a deontic marker)
    mentions = find_actors(subjects, table=table)
    first_actor = dict(zip(mentions["text_id"][::-1], mentions["actor"][::-1]))
    rows = []
    for k, (item, subject) in enumerate(zip(m["item"], subjects)):
        key = fold(item)
        if key.startswith("it ") or key.endswith(" that") or key == "is necessary":
            target = "(impersonal)"
        elif k in first_actor:
            target = first_actor[k]
        elif fold(subject) in {"they", "we", "it", "he", "she", "you", "i", "all they"}:
            target = "(pronoun)"
        else:
            target = "(other)"
        rows.append({"doc_id": doc_ids[k], "sent_id": int(sent_ids[k]),
                     "group": groups[doc_ids[k]], "item": item, "subject": subject,
                     "target": target, "text": texts[k]})
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "group", "item", "subject",
                                       "target", "text"])


# --- voice: direct quotations --------------------------------------------------------------
REPORTING_VERBS = (
    "said", "says", "say", "saying", "stated", "states", "declared", "declares", "warned",
    "warns", "called", "calls", "claimed", "claims", "claiming", "charged", "labeled",
    "labelled", "emphasized", "emphasised", "stressed", "insisted", "argued", "added",
    "told", "wrote", "announced", "proclaim", "proclaims", "proclaimed", "read", "reads",
    "thanked", "alleging", "alleged", "demand", "demanded", "threatened", "asserted",
    "noted", "remarked", "according", "words")
_REPORTING = set(REPORTING_VERBS)
_PRONOUNS = {"he", "she", "they", "it"}
_PREPOSITIONS_STOP = {"with", "in", "on", "of", "for", "from", "by", "to", "at", "the", "a",
                      "an", "its", "their", "his", "her"}
_SPEAKER_TRAIL = {"has", "have", "had", "even", "also", "then", "again", "repeatedly",
                  "has", "been", "once", "publicly", "already", "later", "first", "is", "was"}


def _trim_speaker(words: str) -> str:
    """Drop auxiliaries and adverbs between a speaker and the verb ("Vucic has" -> "Vucic")."""
    parts = words.split()
    while parts and fold(parts[-1]) in _SPEAKER_TRAIL:
        parts.pop()
    return " ".join(parts)


#: Verbs that news writing puts before the speaker after a quotation ("…," said Lind).
_INVERTED_VERBS = ("said", "says", "added", "adds", "asked", "asks", "wrote", "writes",
                   "warned", "warns", "stated", "declared", "insisted", "argued", "noted",
                   "claimed", "explained", "explains", "replied", "recalled", "continued")
_INVERTED = re.compile(r"\s*,?\s*(%s)\s+" % "|".join(_INVERTED_VERBS))
# a reporting verb also starts the obliged clause ("The bank said both countries must…"
# obliges both countries): the verbs above and a few more, none of them ever a noun
# ("states" and "calls" can be: "member states must")
_REPORTED_CLAUSE = set(_INVERTED_VERBS) | {
    "argues", "insists", "stresses", "stressed", "notes", "declares", "announced", "urged",
    "urges", "believes", "believe", "believed", "thinks", "think", "thought"}
# words that end the speaker after an inverted verb: a relative clause, a time or place
_INVERTED_STOP = {"who", "which", "whose", "that", "on", "in", "at", "during", "after",
                  "before", "when", "while", "last", "this", "yesterday", "today", "to",
                  "and", "of"}


def _inverted_speaker(text_after: str):
    """The speaker of ‘…,” said Marta Lind, who…’: the capitalised words after the verb
    ("Marta Lind", "Zoë Ōtake") or an article and the words up to a comma, a sentence
    mark or a word of :data:`_INVERTED_STOP` ("the city's transport chief"); or None."""
    m = _INVERTED.match(text_after)
    if not m:
        return None
    words = re.findall(r"[\w.’'-]+|[,;:!?()“”\"]", text_after[m.end():])[:7]
    name = []
    if words and fold(words[0]) in {"the", "a", "an"}:
        for w in words:
            if not re.match(r"\w", w) or (len(name) > 1 and fold(w) in _INVERTED_STOP):
                break
            name.append(w)
        name = name if len(name) > 1 else []
    else:
        for w in words[:5]:
            if not w[:1].isupper():
                break
            name.append(w)
    if not name:
        return None
    if name[-1].endswith(".") and len(name[-1]) > 2 and "." not in name[-1][:-1]:
        # "Lind." ends the sentence; "P." is an initial and "U.S." an abbreviation
        name[-1] = name[-1].rstrip(".")
    return " ".join(name), m.group(1)


def _speaker_after(text_after: str):
    """‘…,” Lavrov said’ → ("Russian Foreign Minister Sergei Lavrov", "said"); also the
    inverted order of news writing, ‘…,” said Marta Lind, who…’ → ("Marta Lind", "said")."""
    inverted = _inverted_speaker(text_after)
    if inverted:
        return inverted
    m = re.match(r"\s*,?\s*((?:[\w.’'-]+\s+){0,6}?)(%s)\b" % "|".join(REPORTING_VERBS),
                 text_after)
    if not m or not m.group(1).strip() or re.search(r"[;:!?]", m.group(1)):
        return None
    first = m.group(1).split()[0]
    if not (first[:1].isupper() or fold(first) in _PRONOUNS | {"the", "a", "an"}):
        return None  # "… and have stressed": not a speaker before a verb
    return _trim_speaker(m.group(1)), m.group(2)


def _speaker_before(sentence_before: str):
    """The last reporting verb before the quote in its sentence, and the words before it."""
    words = list(re.finditer(r"[\w’'.-]+|[,;:()—–]", sentence_before))
    for k in range(len(words) - 1, -1, -1):
        w = fold(words[k].group()).strip(".")
        if w in _REPORTING or (w.startswith("believe") and sentence_before.rstrip().endswith(":")):
            if w == "words" and not (k > 1 and fold(words[k - 2].group()) == "in"):
                continue
            if w == "according":
                rest = sentence_before[words[k].end():]
                m = re.match(r"\s+to\s+([^,]+)", rest)
                return (m.group(1).strip() if m else ""), "according to"
            if w == "words":
                rest = sentence_before[words[k].end():]
                m = re.match(r"\s+of\s+([^)]+)", rest)
                return (m.group(1).strip() if m else ""), "in the words of"
            # speaker: the words after the previous clause boundary
            j = k - 1
            span = []
            while j >= 0:
                w = words[j].group()
                fw = fold(w)
                if w in {",", ";", ":", "(", "—", "–"} or fw in {
                        "that", "while", "and", "when", "but", "by", "which", "who", "as"}:
                    break
                if fw == "to" and not words[j + 1].group()[:1].isupper():
                    break  # an infinitive ("to demand"), not "ambassador to Serbia"
                span.append(w)
                j -= 1
            span = span[::-1]
            if not span and j >= 1 and words[j].group() == ",":
                # appositive speaker: "The US diplomat, Richard C. Holbrooke, said"
                i = j - 1
                while i >= 0 and words[i].group() not in {",", ";", ":", "(", "—"}:
                    i -= 1
                appositive = [w.group() for w in words[i + 1:j]]
                if appositive and appositive[0][:1].isupper():
                    span = appositive
            elif not span and j >= 1 and fold(words[j].group()) in {"that", "which", "who"}:
                # relative clause: "graffiti that read" -> "graffiti"
                i = j - 1
                while i >= 0 and fold(words[i].group()) not in _PREPOSITIONS_STOP \
                        and words[i].group() not in {",", ";", ":"} and j - i <= 3:
                    i -= 1
                span = [w.group() for w in words[i + 1:j]]
            return _trim_speaker(" ".join(span)), words[k].group()
    return None


def quotations(corpus, *, min_words: int = 6, table=None) -> pd.DataFrame:
    """Direct quotations in each document, with the speaker and the words quoted.

    Parameters
    ----------
    corpus : Corpus
    min_words : int, default 6
        A quoted span without a reporting verb counts as a direct quotation only if it has
        at least this many words (reproduced words from an unnamed source); shorter
        unattributed spans are scare quotes or terms ("little green men").
    table : str or Path, optional
        Actor table used to map speakers to actors.

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, group, start, end, quote, n_words, reporting_verb, speaker,
        speaker_actor`` — one row per direct quotation (offsets into ``docs.text``,
        including the quotation marks).  ``speaker`` is the phrase before the reporting
        verb or between the quotation and the verb; a pronoun speaker ("he stated") is
        resolved to the most recent person mention of the document; a sentence that is
        only a quotation continues the previous quotation's speaker.  ``speaker_actor``
        maps the speaker through the actor table ("" if none).

    Notes
    -----
    Detection: text in “…” or "…" (Bednarek & Caple 2012 on attribution; the rule of
    thumb of quotation-attribution work such as Pareti 2016): attributed if a reporting
    verb (:data:`REPORTING_VERBS`) follows the closing mark or precedes the quote in
    the same sentence.  Checked against a hand list of every quotation in the seed corpus
    (tests/test_stance.py).
    """
    from .actors import find_actors

    find_actors([], table=table)        # a bad actor table fails here, before any work
    sents = corpus.sentences
    groups = dict(zip(corpus.docs["doc_id"], corpus.docs["group"]))
    # each document's sentences by position, found once (not by scanning all sentences
    # for every document)
    sents_of = sents.groupby("doc_id", sort=False).indices
    all_starts, all_ends = sents["start"].to_numpy(), sents["end"].to_numpy()
    all_ids = sents["sent_id"].to_numpy()
    rows = []
    for doc, text in zip(corpus.docs["doc_id"], corpus.docs["text"]):
        quote_marks = list(re.finditer(r"“[^”]*”|\"[^\"\n]*\"", text))
        if not quote_marks:
            continue
        mine = sents_of[doc]
        starts, ends, ids = all_starts[mine], all_ends[mine], all_ids[mine]
        persons = None                  # the document's named persons, if a pronoun speaks
        prev_quote = None
        for m in quote_marks:
            a, b = m.span()
            k = int(np.searchsorted(starts, a, side="right") - 1)
            s_start, s_end, sid = int(starts[k]), int(ends[k]), int(ids[k])
            inner = text[a + 1:b - 1]
            n_words = len(tokenize(inner))
            found = _speaker_after(text[b:s_end])
            if found is None:
                found = _speaker_before(text[s_start:a])
            only_quote = not re.search(r"\w", text[s_start:a] + text[b:s_end])
            if found is None and only_quote and prev_quote is not None \
                    and prev_quote["sent_id"] in (sid - 1, sid):
                found = (prev_quote["speaker"], prev_quote["reporting_verb"])
            if found is None:
                if n_words < min_words:
                    continue
                found = ("", "")
            inner_words = [t for _, _, t in tokenize(inner)]
            if n_words <= 2 and all(w[:1].isupper() for w in inner_words):
                continue  # a capitalised label ("Slavic Brotherhood") is a name, not a quote
            speaker, verb = found
            if verb and not speaker:
                # "to demand", "alleging": the speaker is the sentence's first actor subject
                sent_actors = find_actors([text[s_start:a]], table=table)
                sent_text = text[s_start:a]
                subj = [r for r in sent_actors.itertuples()
                        if not re.match(r"\s*[’']s\b", sent_text[r.end:])]
                if subj:
                    speaker = subj[0].surface
            if fold(speaker) in _PRONOUNS and speaker:
                if persons is None:
                    persons = find_actors([text], table=table)
                    persons = persons[persons["naming"].isin(["person", "official"])]
                before = persons[persons["start"] < a]
                if len(before):
                    speaker = before.iloc[-1]["surface"]
            actors_ = find_actors([speaker], table=table)["actor"].tolist() if speaker else []
            row = {"doc_id": doc, "sent_id": sid, "group": groups[doc], "start": a, "end": b,
                   "quote": inner.strip(), "n_words": n_words, "reporting_verb": verb,
                   "speaker": speaker, "speaker_actor": actors_[0] if actors_ else ""}
            rows.append(row)
            prev_quote = row
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "group", "start", "end", "quote",
                                       "n_words", "reporting_verb", "speaker",
                                       "speaker_actor"])


def voice(quotes: pd.DataFrame, *, by: str = "group") -> pd.DataFrame:
    """Who gets quoted, per group: quotations and quoted words per speaker (actor).

    Parameters
    ----------
    quotes : DataFrame
        The output of :func:`quotations`.
    by : str, default "group"

    Returns
    -------
    DataFrame
        ``<by>, speaker_actor, n_quotes, n_words, share_words`` (the speaker's share of the
        group's quoted words); speakers outside the actor table are ``"(other)"`` and
        unnamed sources ``"(unattributed)"``.  Ordered by group, then words descending.
    """
    for c in (by, "speaker", "speaker_actor", "n_words"):
        if c not in quotes.columns:
            raise ValueError(f"voice: column {c!r} missing; pass the output of quotations().")
    df = quotes.copy()
    df["speaker_actor"] = np.where(df["speaker"] == "", "(unattributed)",
                                   np.where(df["speaker_actor"] == "", "(other)",
                                            df["speaker_actor"]))
    out = df.groupby([by, "speaker_actor"]).agg(n_quotes=("n_words", "size"),
                                                n_words=("n_words", "sum")).reset_index()
    out["share_words"] = out["n_words"] / out.groupby(by)["n_words"].transform("sum")
    return out.sort_values([by, "n_words", "speaker_actor"], ascending=[True, False, True],
                           kind="stable").reset_index(drop=True)


def quotation_agreement(quotes: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Detected quotations against a hand list: recall, precision and speaker accuracy.

    Parameters
    ----------
    quotes : DataFrame
        :func:`quotations` output.
    gold : DataFrame
        ``doc_id, quote_start, speaker_actor``: every direct quotation, by the first words
        of the quoted text ("" for a speaker outside the actor table or unnamed).

    Returns
    -------
    DataFrame
        ``doc_id, quote, status`` (``found``, ``missed``, ``extra``), ``speaker_actor``
        (detected) and ``gold_speaker``; ``attrs``: ``recall``, ``precision``,
        ``speaker_accuracy`` (over found quotations), ``n_gold``, ``n_found``.
    """
    for c in ("doc_id", "quote_start", "speaker_actor"):
        if c not in gold.columns:
            raise ValueError(f"quotation_agreement: the hand list needs the column {c!r}.")
    gold = gold.fillna("")
    used: set[int] = set()
    rows = []
    for doc, start, spk in zip(gold["doc_id"], gold["quote_start"], gold["speaker_actor"]):
        k = next((i for i, (d, q) in enumerate(zip(quotes["doc_id"], quotes["quote"]))
                  if i not in used and d == doc and q.startswith(start)), None)
        if k is None:
            rows.append({"doc_id": doc, "quote": start, "status": "missed",
                         "speaker_actor": "", "gold_speaker": spk})
        else:
            used.add(k)
            rows.append({"doc_id": doc, "quote": quotes["quote"].iloc[k], "status": "found",
                         "speaker_actor": quotes["speaker_actor"].iloc[k], "gold_speaker": spk})
    for i in range(len(quotes)):
        if i not in used:
            rows.append({"doc_id": quotes["doc_id"].iloc[i], "quote": quotes["quote"].iloc[i],
                         "status": "extra", "speaker_actor": quotes["speaker_actor"].iloc[i],
                         "gold_speaker": ""})
    out = pd.DataFrame(rows, columns=["doc_id", "quote", "status", "speaker_actor",
                                      "gold_speaker"])
    found = out[out["status"] == "found"]
    out.attrs.update({
        "n_gold": len(gold), "n_found": len(quotes),
        "recall": len(found) / len(gold) if len(gold) else np.nan,
        "precision": len(found) / len(quotes) if len(quotes) else np.nan,
        "speaker_accuracy": float((found["speaker_actor"] == found["gold_speaker"]).mean())
        if len(found) else np.nan})
    return out


# --- hand-coding samples and agreement -----------------------------------------------------
def coding_samples(corpus, *, seed: int = SAMPLE_SEED, n_stance: int = 72,
                   n_sentiment: int = 48, n_agency: int = 120) -> dict[str, pd.DataFrame]:
    """The three hand-coding samples given to an independent coder.

    Drawn from the corpus only (sentences, and mention spans from the actor table), with
    :func:`discoursekit.sampling.stratified_sample` by document and fixed seeds
    (``seed``, ``seed + 1``, ``seed + 2``).  No stance, sentiment or agency output is
    used.

    Returns
    -------
    dict of DataFrame
        ``"stance"``: ``sample_id, doc_id, sent_id, text`` (all sentences eligible);
        ``"sentiment"``: the same columns, sentences that mention an actor;
        ``"agency"``: ``sample_id, doc_id, sent_id, text, mention`` with the mention wrapped
        in ``[[…]]`` in ``text``.
    """
    from .actors import actor_mentions

    sents = corpus.sentences
    st = stratified_sample(sents, n_stance, by="doc_id", seed=seed)
    st["sample_id"] = st["sample_id"].str.replace("s", "st", n=1)
    mentions = actor_mentions(corpus)
    with_actor = sents.merge(mentions[["doc_id", "sent_id"]].drop_duplicates(),
                             on=["doc_id", "sent_id"])
    se = stratified_sample(with_actor, n_sentiment, by="doc_id", seed=seed + 1)
    se["sample_id"] = se["sample_id"].str.replace("s", "se", n=1)
    m = mentions.merge(sents[["doc_id", "sent_id", "start", "text"]].rename(
        columns={"start": "sent_start"}), on=["doc_id", "sent_id"])
    ag = stratified_sample(m, n_agency, by="doc_id", seed=seed + 2)
    a, b = ag["start"] - ag["sent_start"], ag["end"] - ag["sent_start"]
    ag["text"] = [t[:x] + "[[" + t[x:y] + "]]" + t[y:] for t, x, y in zip(ag["text"], a, b)]
    ag["mention"] = ag["surface"]
    ag["sample_id"] = ag["sample_id"].str.replace("s", "ag", n=1)
    cols = ["sample_id", "doc_id", "sent_id", "text"]
    return {"stance": st[cols].reset_index(drop=True),
            "sentiment": se[cols].reset_index(drop=True),
            "agency": ag[cols + ["mention"]].reset_index(drop=True)}


def _split_items(cell) -> list[str]:
    if not isinstance(cell, str) or not cell.strip():
        return []
    return [" ".join(_tok_key(x)) if _tok_key(x) else x.strip() for x in cell.split("|")
            if x.strip()]


def _canon(item: str) -> str:
    if item.strip() in {"?", "(…)"}:
        return item.strip()
    if item.strip().startswith("("):
        return "(…)"
    return " ".join(_tok_key(item))


def stance_agreement(sample: pd.DataFrame, hand: pd.DataFrame, *,
                     lexicon: str | None = None) -> pd.DataFrame:
    """Precision and recall of each stance category against hand codes.

    Parameters
    ----------
    sample : DataFrame
        ``sample_id, text`` (the coded sentences).
    hand : DataFrame
        ``sample_id`` and one column per category holding the coder's markers separated by
        ``|``.

    Returns
    -------
    DataFrame
        ``category, tp, fp, fn, precision, recall, f1``.  Markers are compared per sentence
        as multisets of normalised items (so "Clearly" = "clearly"); an aside counts as
        "(…)".  A hand-coded item that is a multi-word phrase containing the automatic
        item (or the reverse) counts as a match.
    """
    missing = [c for c in STANCE_CATEGORIES if c not in hand.columns]
    if missing or "sample_id" not in hand.columns:
        raise ValueError(f"stance_agreement: hand codes need 'sample_id' and the columns "
                         f"{', '.join(STANCE_CATEGORIES)}; missing: "
                         f"{', '.join(missing) or 'sample_id'}.")
    merged = sample[["sample_id", "text"]].merge(hand, on="sample_id", how="inner")
    auto = stance_markers(merged["text"].tolist(), lexicon=lexicon)
    rows = []
    for cat in STANCE_CATEGORIES:
        tp = fp = fn = 0
        for cell, matches in zip(merged[cat], auto["matches"]):
            gold = [_canon(x) for x in (cell.split("|") if isinstance(cell, str) else [])
                    if x.strip()]
            pred = [_canon(m["item"]) for m in matches if m["category"] == cat]
            for p in pred:
                hit = next((g for g in gold if g == p or f" {p} " in f" {g} "
                            or f" {g} " in f" {p} "), None)
                if hit is not None:
                    gold.remove(hit)
                    tp += 1
                else:
                    fp += 1
            fn += len(gold)
        prec = tp / (tp + fp) if tp + fp else np.nan
        rec = tp / (tp + fn) if tp + fn else np.nan
        f1 = 2 * prec * rec / (prec + rec) if tp else (0.0 if tp + fp + fn else np.nan)
        rows.append({"category": cat, "tp": tp, "fp": fp, "fn": fn, "precision": prec,
                     "recall": rec, "f1": f1})
    out = pd.DataFrame(rows)
    out.attrs["n_sentences"] = len(merged)
    return out


def _kappa(a, b) -> float:
    from sklearn.metrics import cohen_kappa_score

    return float(cohen_kappa_score(a, b))


def tone_agreement(sample: pd.DataFrame, hand: pd.DataFrame) -> pd.DataFrame:
    """VADER's sign against hand-coded tone: one row per sentence with both labels.

    Returns ``sample_id, text, compound, vader, tone`` with ``attrs`` ``accuracy``,
    ``kappa`` (Cohen 1960, via scikit-learn) and ``n``.  VADER's label uses the
    conventional thresholds: positive ≥ 0.05, negative ≤ −0.05 (Hutto & Gilbert 2014).
    """
    if not {"sample_id", "tone"} <= set(hand.columns):
        raise ValueError("tone_agreement: hand codes need the columns 'sample_id' and 'tone'.")
    bad = sorted(set(hand["tone"].dropna()) - {"positive", "negative", "neutral"})
    if bad:
        raise ValueError(f"tone_agreement: tone must be one of {{positive, negative, neutral}}; "
                         f"found {bad[0]!r}.")
    df = sample[["sample_id", "text"]].merge(hand[["sample_id", "tone"]], on="sample_id")
    df = df.dropna(subset=["tone"]).reset_index(drop=True)
    df["compound"] = sentiment(df["text"].tolist())["compound"]
    df["vader"] = _tone(df["compound"])
    df = df[["sample_id", "text", "compound", "vader", "tone"]]
    df.attrs.update({"accuracy": float((df["vader"] == df["tone"]).mean()),
                     "kappa": _kappa(df["vader"], df["tone"]), "n": len(df)})
    return df


def agency_agreement(sample: pd.DataFrame, hand: pd.DataFrame) -> pd.DataFrame:
    """The agency rules against hand-coded labels for the marked mentions.

    The rules (:func:`discoursekit.actors.actor_agency`) are applied to the ``[[…]]``
    span of each sample sentence.  Returns ``sample_id, text, rule, role, label`` with
    ``attrs`` ``accuracy``, ``kappa`` and ``n``.
    """
    from .actors import _agency_one

    if not {"sample_id", "label"} <= set(hand.columns):
        raise ValueError("agency_agreement: hand codes need the columns 'sample_id' and "
                         "'label'.")
    df = sample[["sample_id", "text"]].merge(hand[["sample_id", "label"]], on="sample_id")
    df = df.dropna(subset=["label"]).reset_index(drop=True)
    out = []
    for t in df["text"]:
        a = t.index("[[")
        b = t.index("]]") - 2
        clean = t.replace("[[", "", 1).replace("]]", "", 1)
        out.append(_agency_one(clean, a, b)[:2])
    df["rule"] = [o[0] for o in out]
    df["role"] = [o[1] for o in out]
    df = df[["sample_id", "text", "rule", "role", "label"]]
    df.attrs.update({"accuracy": float((df["rule"] == df["label"]).mean()),
                     "kappa": _kappa(df["rule"], df["label"]), "n": len(df)})
    return df
