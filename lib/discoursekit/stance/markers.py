"""Stance and engagement markers in strings and in a corpus, and their rates per group."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .. import resampling as _resampling
from .._validate import check_choice
from ..text import _greedy_matches, fold, tokenize

from .common import BOOT_SEED, STANCE_CATEGORIES, check_texts
from .lexicon import compiled_lexicon, rule_ok
from .voices import VOICES, chosen_voices, quote_regions, reported_regions, voice_regions
from ..corpus import sentence_rows, sentence_words
from ..memo import on_corpus


# --- voices ---------------------------------------------------------------------------------
def _regions_of(text: str) -> list[tuple[int, int, str, str]]:
    """The quoted and reported stretches of one string: ``(start, end, voice, speaker)``."""
    quoted = quote_regions(text)
    return ([(a, b, "quoted", "") for a, b in quoted]
            + [(a, b, "reported", who) for a, b, who, _ in reported_regions(text, quoted)])


def _voice_at(pos: int, regions) -> tuple[str, str]:
    for kind in ("quoted", "reported"):
        for a, b, voice, speaker in regions:
            if voice == kind and a <= pos < b:
                return voice, speaker
    return "author", ""


# --- markers -------------------------------------------------------------------------------
def _matches_one(text: str, comp, regions=None) -> list[dict]:
    """Every marker in ``text``, each with its ``voice`` and ``speaker`` (``regions``:
    the text's quoted and reported stretches, found in the text itself if not given)."""
    toks3 = tokenize(text)
    toks = [fold(t) for _, _, t in toks3]
    surf = [t for _, _, t in toks3]
    regions = _regions_of(text) if regions is None else regions
    out = []
    for cat in STANCE_CATEGORIES:
        entries, longest_from = comp[cat]

        def accept(key, j, cat=cat):
            return rule_ok(cat, key, j, toks, surf)

        for j, size, key in _greedy_matches(toks, entries, longest_from, accept):
            s, e = toks3[j][0], toks3[j + size - 1][1]
            out.append({"category": cat, "item": entries[key], "start": s, "end": e,
                        "surface": text[s:e]})
    for m in re.finditer(r"\?", text):  # questions
        out.append({"category": "reader_engagement", "item": "?", "start": m.start(),
                    "end": m.end(), "surface": "?"})
    for m in re.finditer(r"\(([^()]*)\)", text):  # asides of four or more words
        if len(tokenize(m.group(1))) >= 4:
            out.append({"category": "reader_engagement", "item": "(…)", "start": m.start(),
                        "end": m.end(), "surface": m.group()})
    for m in out:
        m["voice"], m["speaker"] = _voice_at(m["start"], regions) if regions else ("author", "")
    return sorted(out, key=lambda d: (d["start"], _CATEGORY_ORDER[d["category"]], d["end"]))


_CATEGORY_ORDER = {c: k for k, c in enumerate(STANCE_CATEGORIES)}


def stance_markers(texts, *, lexicon: str | None = None, voice="author") -> pd.DataFrame:
    """Counts of stance and engagement markers in each of a list of strings.

    Parameters
    ----------
    texts : list of str
        Sentences (recommended) or any strings.
    lexicon : str, optional
        Path of a YAML lexicon laid out like the bundled ``lexicons/stance.yaml``.
    voice : {"author", "quoted", "reported", "all"} or a list of them, default "author"
        Whose markers the counts count (see :mod:`discoursekit.stance.voices`): by
        default the author's own, not those inside a direct quotation or in a clause
        governed by a reporting verb ("X said that…", "according to X").

    Returns
    -------
    DataFrame
        One row per input, in input order, with integer columns ``hedge, booster,
        attitude, self_mention, reader_engagement, epistemic, deontic`` (markers of the
        chosen voices) and ``matches``: a list of ``{"category", "item", "start", "end",
        "surface", "voice", "speaker"}`` dicts for every marker whatever its voice,
        offsets into the input string.

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
    Markers in quoted or reported voice are listed but, by default, not counted.  The
    disambiguation rules are
    listed under ``rules`` in the lexicon file: "May" the month, "about" + number, "must
    have" (epistemic) vs "must" (deontic), "make it clear" (not a booster), "will" (never
    a booster), and more.

    Examples
    --------
    >>> df = stance_markers(["In May, Serbia may act.", "NATO must create a coalition."])
    >>> df[["hedge", "epistemic", "deontic"]].values.tolist()
    [[1, 1, 0], [0, 0, 1]]
    """

    texts = check_texts(texts, "stance_markers")
    return _stance_table(texts, lexicon=lexicon, voice=voice)


def _stance_table(texts: list[str], *, lexicon, voice, regions=None,
                  doc_bounds=None) -> pd.DataFrame:
    """:func:`stance_markers`, with each text's quoted and reported stretches given
    (``regions``, as :func:`_matches_one` takes them) or found in the text."""
    from ..corpus import _in_parallel

    wanted = chosen_voices(voice)
    compiled_lexicon(lexicon)                 # a bad lexicon fails here, before any worker
    rows = []                          # a large input is matched on every core, in order
    for found in (f for part in _in_parallel(_markers_of, texts, lexicon=lexicon,
                                             per_doc={"regions": regions},
                                             doc_bounds=doc_bounds)
                  for f in part):
        counts = {c: 0 for c in STANCE_CATEGORIES}
        for m in found:
            if m["voice"] in wanted:
                counts[m["category"]] += 1
        rows.append({**counts, "matches": found})
    return pd.DataFrame(rows, columns=[*STANCE_CATEGORIES, "matches"]).astype(
        {c: "int64" for c in STANCE_CATEGORIES})


def _markers_of(texts: list[str], *, lexicon, regions=None) -> list[list[dict]]:
    """:func:`_matches_one` of each text (one task for a worker process)."""
    comp = compiled_lexicon(lexicon)
    regions = [None] * len(texts) if regions is None else regions
    return [_matches_one(t, comp, r) for t, r in zip(texts, regions)]


_MATCH_COLUMNS = ["category", "item", "start", "end", "surface", "voice", "speaker"]


def stance_matches(texts, *, lexicon: str | None = None, voice="author") -> pd.DataFrame:
    """Every stance match as a row: ``text_id, category, item, start, end, surface,
    voice, speaker``; the author's own by default (``voice`` as in
    :func:`stance_markers`; ``voice="all"`` for every match)."""
    wanted = chosen_voices(voice)
    df = stance_markers(texts, lexicon=lexicon)
    rows = [{"text_id": i, **m} for i, ms in enumerate(df["matches"]) for m in ms
            if m["voice"] in wanted]
    return pd.DataFrame(rows, columns=["text_id", *_MATCH_COLUMNS])


def _sentence_regions(corpus, regions: pd.DataFrame | None = None) -> list:
    """Each sentence's quoted and reported stretches, in the sentence's offsets, from the
    document-level :func:`~discoursekit.stance.voices.voice_regions` (so a sentence in
    the middle of a quotation over several sentences is quoted)."""
    regions = voice_regions(corpus) if regions is None else regions
    sents = corpus.sentences
    out: list = [[] for _ in range(len(sents))]
    if not len(regions) or not len(sents):
        return out
    # Each region overlaps a run of consecutive sentences of its document: the first whose
    # end is after the region's start up to the last that starts before its end.  Found
    # for every region at once on keys (document number, offset), which rise through the
    # corpus because sentences are in document order and do not overlap.
    doc_ids = sents["doc_id"].to_numpy()
    first = np.flatnonzero(np.r_[True, doc_ids[1:] != doc_ids[:-1]])
    number = {d: k for k, d in enumerate(doc_ids[first])}
    doc_no = np.repeat(np.arange(len(first), dtype=np.int64), np.diff(np.r_[first, len(sents)]))
    width = int(max(sents["end"].max(), regions["end"].max())) + 1
    s0, s1 = sents["start"].to_numpy(np.int64), sents["end"].to_numpy(np.int64)
    reg_doc = np.array([number.get(d, -1) for d in regions["doc_id"]], dtype=np.int64)
    a, b = regions["start"].to_numpy(np.int64), regions["end"].to_numpy(np.int64)
    known = np.flatnonzero(reg_doc >= 0)
    lo = np.searchsorted(doc_no * width + s1, reg_doc[known] * width + a[known], side="right")
    hi = np.searchsorted(doc_no * width + s0, reg_doc[known] * width + b[known], side="left")
    n = np.maximum(hi - lo, 0)
    reg = np.repeat(known, n)                                  # (region, sentence) pairs,
    sent = np.repeat(lo, n) + (np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n))
    order = np.argsort(sent, kind="stable")                    # regions in table order
    reg, sent = reg[order], sent[order]
    voices, speakers = regions["voice"].to_numpy(), regions["speaker"].to_numpy()
    starts = (np.maximum(a[reg], s0[sent]) - s0[sent]).tolist()
    ends = (np.minimum(b[reg], s1[sent]) - s0[sent]).tolist()
    for i, x, y, v, sp in zip(sent.tolist(), starts, ends, voices[reg], speakers[reg]):
        out[i].append((x, y, v, sp))
    return out


@on_corpus(files=("lexicon",))
def corpus_markers(corpus, *, lexicon: str | None = None,
                   regions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every stance marker of a corpus, with whose voice it is.

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, group, category, item, start, end, surface, voice, speaker``;
        ``start``/``end`` are offsets into the sentence; ``voice`` is ``author``,
        ``quoted`` or ``reported`` (:mod:`discoursekit.stance.voices`), ``speaker`` the
        quoted or reported speaker where one is found.
    """
    sents = corpus.sentences
    table = _stance_table(sents["text"].tolist(), lexicon=lexicon, voice="all",
                          regions=_sentence_regions(corpus, regions),
                          doc_bounds=np.flatnonzero(sents["sent_id"].to_numpy() == 0))
    groups = dict(zip(corpus.docs["doc_id"], corpus.docs["group"]))
    doc_ids, sent_ids = sents["doc_id"].to_numpy(), sents["sent_id"].to_numpy()
    rows = [(doc_ids[i], int(sent_ids[i]), groups[doc_ids[i]], *(m[c] for c in _MATCH_COLUMNS))
            for i, ms in enumerate(table["matches"]) for m in ms]
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "group", *_MATCH_COLUMNS])


def borrowed_stance(corpus, *, by: str = "group", lexicon: str | None = None,
                    markers: pd.DataFrame | None = None) -> pd.DataFrame:
    """How much of each group's stance is its own and how much is borrowed.

    Returns
    -------
    DataFrame
        ``<by>, category, author, quoted, reported, total, share_borrowed`` -- markers per
        voice, and (quoted + reported) / total; one row per group and category (in the
        order of :data:`STANCE_CATEGORIES`), and a row ``all`` per group.
    """
    m = corpus_markers(corpus, lexicon=lexicon) if markers is None else markers
    if by not in m.columns:
        docs = corpus.docs.set_index("doc_id")
        if by not in docs.columns:
            raise ValueError(f"by={by!r} is not a metadata column of the corpus.")
        m = m.assign(**{by: m["doc_id"].map(docs[by])})
    groups = sorted(corpus.docs[by].unique()) if by in corpus.docs.columns else sorted(
        m[by].unique())
    counts = m.groupby([by, "category", "voice"]).size()
    rows = []
    for g in groups:
        for cat in [*STANCE_CATEGORIES, "all"]:
            row = {by: g, "category": cat}
            for v in VOICES:
                row[v] = int(sum(counts.get((g, c, v), 0) for c in (
                    STANCE_CATEGORIES if cat == "all" else [cat])))
            row["total"] = row["author"] + row["quoted"] + row["reported"]
            row["share_borrowed"] = ((row["quoted"] + row["reported"]) / row["total"]
                                     if row["total"] else np.nan)
            rows.append(row)
    return pd.DataFrame(rows, columns=[by, "category", *VOICES, "total", "share_borrowed"])


def sentence_stance(corpus, *, lexicon: str | None = None, voice="author",
                    regions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Stance counts for every sentence of a corpus, with its word count and group.

    ``voice`` chooses whose markers are counted (default: the author's own; see
    :func:`stance_markers`); quotations are found in the whole document, so a sentence
    inside a quotation of several sentences is quoted.  ``regions`` may pass
    :func:`~discoursekit.stance.voices.voice_regions` computed already.

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, group, text, n_words`` and the seven category counts; ``n_words``
        counts the corpus's counting units (``corpus.tokens``) in the sentence.
    """
    sents = corpus.sentences
    wanted = chosen_voices(voice)
    # the counts of the corpus's markers (found once per corpus, every voice) by sentence
    m = corpus_markers(corpus, lexicon=lexicon, regions=regions)
    m = m[m["voice"].isin(wanted)]
    row = sentence_rows(corpus, m["doc_id"], m["sent_id"])
    cat = pd.Categorical(m["category"], categories=STANCE_CATEGORIES).codes
    counts = np.zeros((len(sents), len(STANCE_CATEGORIES)), dtype=np.int64)
    np.add.at(counts, (row, cat), 1)
    groups = dict(zip(corpus.docs["doc_id"], corpus.docs["group"]))
    out = sents[["doc_id", "sent_id", "text"]].reset_index(drop=True).copy()
    out.insert(2, "group", out["doc_id"].map(groups))
    out["n_words"] = sentence_words(corpus)
    return pd.concat([out, pd.DataFrame(counts, columns=list(STANCE_CATEGORIES))], axis=1)


# --- bootstrap -----------------------------------------------------------------------------
# One implementation for every per-sentence measure: see discoursekit.resampling.
block_bootstrap = _resampling.block_bootstrap  # kept here for existing callers


def stance_rates(corpus, *, by: str = "group", block: int = 5, n_boot: int = 2000,
                 seed: int = BOOT_SEED, ci: float = 0.95,
                 lexicon: str | None = None, voice="author") -> pd.DataFrame:
    """Stance markers per 1,000 words per group, with bootstrap intervals over its texts.

    Counts the author's own markers by default (``voice``, as in :func:`stance_markers`).

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
    ss = sentence_stance(corpus, lexicon=lexicon, voice=voice)
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
    out.attrs.update({"block": block, "n_boot": n_boot, "seed": seed, "ci": ci, "voice": voice,
                      "no_interval": no_interval})
    return out
