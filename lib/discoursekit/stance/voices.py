"""Whose voice a stretch of text is: the author's, a quoted speaker's, or a reported one.

An op-ed's "must" is the author's stance; the same "must" inside a politician's quoted
words, or in "the minister said that the council must…", is somebody else's.  Each
character of a document is given one voice:

* ``quoted`` -- inside a direct quotation (:func:`quote_regions`);
* ``reported`` -- outside quotation marks, in a clause governed by a reporting verb:
  "X said (that) …", "X argues …", "…, X said.", "…, said X.", "according to X, …"
  (:func:`reported_regions`);
* ``author`` -- everything else.

The speaker is given where one is found: for a quotation, the speaker that
:func:`discoursekit.stance.quotations` attributes it to; for a reported clause, the words
before the reporting verb (or after it, or after "according to").  A first-person
speaker ("I would argue that…", "we said") is the author.

This is a surface reading, as quotation-attribution work does it (Pareti 2016; Bednarek &
Caple 2012); indirect speech without a reporting verb ("For the minister, the cap is
unfair") stays the author's.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..text import fold
from .quotations import REPORTED_CLAUSE_VERBS, trim_speaker
from ..memo import on_corpus

__all__ = ["VOICES", "chosen_voices", "quote_regions", "reported_regions", "voice_regions",
           "voice_of"]

VOICES = ("author", "quoted", "reported")

_MARK = re.compile(r"[“”\"]")
_PARAGRAPH = re.compile(r"\n\s*\n")

#: Verbs that report speech or thought: those that start an obliged clause in
#: :mod:`.quotations` (``REPORTED_CLAUSE_VERBS``) and their other forms, less those that
#: also mean something else ("continued", "maintained").  "Claims", "states", "calls"
#: and "demand" are often nouns; "claims" is kept, with the determiner check below.
REPORTED_SPEECH_VERBS = frozenset(REPORTED_CLAUSE_VERBS | set(
    "say warned warns stated told tells predicted predicts suggested suggests contended "
    "contends acknowledged admitted reported reports asserted asserts conceded concedes "
    "estimated estimates argue warn insist predict suggest tell write explain contend "
    "acknowledge admit announce assert urge declare concede claims".split())) - {
    "continued", "maintain", "maintained", "maintains", "recalled", "replied", "asked", "asks"}
#: Before these words a verb form is a noun ("her claims", "the reports").
_NOUN_BEFORE = frozenset({"her", "his", "their", "its", "the", "these", "those", "such",
                          "our", "my", "your", "a", "an", "this", "that", "of"})
_FIRST_PERSON = frozenset({"i", "we", "i'd", "we'd", "i've", "we've"})
_BOUNDARY = {",", ";", ":", "(", "—", "–"}
_CLAUSE_START = {"that", "while", "and", "when", "but", "which", "who", "as", "because",
                 "if", "although", "though", "where", "so"}
_WORDS = re.compile(r"[\w’'.-]+|[,;:()—–]")
#: A word before a reporting verb that makes it no report: an infinitive ("unwilling to
#: acknowledge"), a passive ("can be said", "is believed to"), a modal ("would say").
_NOT_REPORTING_BEFORE = frozenset({"to", "be", "been", "being", "is", "are", "was", "were"})
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those", "such"})
_SUBORDINATORS = frozenset({"while", "although", "though", "whereas", "if", "since",
                            "because", "when", "as"})
_COORDINATORS = frozenset({"and", "but", "while", "so", "yet", "although", "though",
                           "whereas", "which"})
_HAS_VERB = re.compile(r"\b(%s|according to)\b" % "|".join(sorted(REPORTED_SPEECH_VERBS)),
                       re.I)


def chosen_voices(voice) -> frozenset[str]:
    """The voices counted: "author" (default), "all", or an iterable of voices."""
    if voice == "all":
        return frozenset(VOICES)
    chosen = frozenset([voice] if isinstance(voice, str) else voice)
    bad = sorted(chosen - set(VOICES))
    if bad or not chosen:
        raise ValueError(f"voice must be 'all' or one or more of {', '.join(VOICES)}; "
                         f"got {voice!r}.")
    return chosen


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Direct quotations in a text, as ``(start, end)`` character offsets (marks included).

    Curly (“…”) and straight ("…") double quotation marks.  A quotation within a
    quotation (‘…’ inside “…”) is part of the outer one; single quotation marks alone are
    not read as quotations (they are also apostrophes).  An opening mark that is not
    closed runs to the end of its paragraph, as in news style, where a quotation over
    several paragraphs reopens each one without closing it; a closing mark without an
    opening one starts at its paragraph's start (or after the previous quotation).

    >>> quote_regions('He said: “We will ‘never’ pay.” Then he left.')
    [(9, 31)]
    >>> quote_regions('“Rents must fall.\\n\\nThey must.” Nobody disagreed.')
    [(0, 17), (19, 30)]
    """
    out = []
    for para in _paragraphs(text):
        a, b = para
        open_at, last_end = None, a
        for m in _MARK.finditer(text, a, b):
            pos, ch = m.start(), m.group()
            if open_at is None:
                if ch == "”":                      # closing without an opener
                    out.append((last_end, pos + 1))
                    last_end = pos + 1
                else:
                    open_at = pos
            elif ch != "“":                        # ” or " closes; a second “ is nested
                out.append((open_at, pos + 1))
                open_at, last_end = None, pos + 1
        if open_at is not None:
            out.append((open_at, b))
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in _PARAGRAPH.finditer(text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return [(a, b) for a, b in bounds if b > a]


def _masked(text: str, regions) -> str:
    """``text`` with every quoted character replaced by a space (offsets unchanged)."""
    if not regions:
        return text
    chars = list(text)
    for a, b in regions:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def reported_regions(sentence: str, quoted=None) -> list[tuple[int, int, str, str]]:
    """Clauses of one sentence governed by a reporting verb, outside quotation marks.

    Parameters
    ----------
    sentence : str
    quoted : list of (start, end), optional
        Quotation regions in the sentence (default: :func:`quote_regions` of it); they
        are left to the quoted voice.

    Returns
    -------
    list of (start, end, speaker, verb)
        ``speaker`` may be "" where none is found.

    Examples
    --------
    >>> s = "The minister said that councils must cut rents."
    >>> [(s[a:b], who, verb) for a, b, who, verb in reported_regions(s)]
    [(' that councils must cut rents.', 'The minister', 'said')]
    >>> s = "Rents will fall, the agency predicts."
    >>> [(s[a:b], who) for a, b, who, _ in reported_regions(s)]
    [('Rents will fall', 'the agency')]
    >>> reported_regions("I would argue that we must act.")
    []
    """
    quoted = quote_regions(sentence) if quoted is None else quoted
    plain = _masked(sentence, quoted)
    if not _HAS_VERB.search(plain):
        return []
    words = list(_WORDS.finditer(plain))
    end = len(sentence.rstrip())
    out = []
    for k, w in enumerate(words):
        fw = fold(w.group()).strip(".")
        if fw == "according" and k + 1 < len(words) and fold(words[k + 1].group()) == "to":
            speaker, after = _according_speaker(words, k + 2)
            if not speaker or fold(speaker.split()[0]) in _DEMONSTRATIVES:
                continue                   # "according to this logic": the author's framing
            before = [x for x in words[:k] if x.group() == ","]
            if before and k > 1:           # "CLAUSE, according to X."
                return [(0, before[-1].start(), speaker, "according to")]
            return [(after, _clause_end(plain, words, after, end), speaker, "according to")]
        if fw not in REPORTED_SPEECH_VERBS:
            continue
        if k and fold(words[k - 1].group()) in _NOT_REPORTING_BEFORE:
            continue                       # "to acknowledge", "can be said", "is believed"
        if k and fold(words[k - 1].group()) in _NOUN_BEFORE:
            continue                       # "her claims", "the reports": nouns
        after = plain[w.end():].strip()
        if not after or after[0] in ".!?":
            # "…, the agency predicts."  /  "…, said Marta Lind."  (trailing attribution)
            found = _trailing(plain, words, k)
            if found:
                return [found]
            continue
        speaker = _subject(words, k)
        if speaker is None:
            # inverted order at the end: "…, said the minister, who …"
            found = _trailing(plain, words, k)
            if found:
                return [found]
            continue
        if _first_person(speaker):
            continue
        out.append((w.end(), _clause_end(plain, words, w.end(), end), speaker, w.group()))
        break
    return out


def _first_person(speaker: str) -> bool:
    """ "I", "we", "I would", "We have long": the author speaking of themselves."""
    words = fold(speaker).split()
    return bool(words) and words[0] in _FIRST_PERSON


def _according_speaker(words, k: int) -> tuple[str, int]:
    """The source after "according to" and the offset after it (and its comma)."""
    span, after = [], words[k - 1].end()
    for w in words[k:]:
        if w.group() in _BOUNDARY:
            after = w.end()
            break
        span.append(w.group())
        after = w.end()
    return " ".join(span).rstrip("."), after


def _clause_end(plain: str, words, start: int, end: int) -> int:
    """Where the reported clause that starts at ``start`` ends: at a semicolon or dash, at
    ", and" / ", but" / ", while" …, or at the first comma when the sentence opens with a
    subordinator ("While X says …, this claim is false"); else at the sentence's end."""
    subordinate = bool(words) and fold(words[0].group()) in _SUBORDINATORS
    for i, w in enumerate(words):
        if w.start() < start:
            continue
        g = w.group()
        if g in {";", "—", "–"}:
            return w.start()
        if g == ",":
            nxt = fold(words[i + 1].group()) if i + 1 < len(words) else ""
            then = fold(words[i + 2].group()) if i + 2 < len(words) else ""
            if nxt == "and" and then == "that":
                continue                   # "says X, and that Y": the report goes on
            if subordinate or nxt in _COORDINATORS:
                return w.start()
    return end


def _subject(words, k: int) -> str | None:
    """The speaker before reporting verb ``k``: the words back to a clause boundary, if
    they read as one (a capitalised word, a pronoun or an article first); else None."""
    span = []
    j = k - 1
    while j >= 0:
        w = words[j].group()
        if w in _BOUNDARY or fold(w) in _CLAUSE_START:
            break
        span.append(w)
        j -= 1
    span = span[::-1]
    if not span:
        return None
    first = span[0]
    if not (first[:1].isupper() or fold(first) in {"he", "she", "they", "it", "the", "a",
                                                     "an", "its", "their", "his", "her"}
            | _FIRST_PERSON):
        return None
    return trim_speaker(" ".join(span))


def _trailing(plain: str, words, k: int):
    """``(0, end of the clause, speaker, verb)`` for "CLAUSE, SPEAKER VERB." or
    "CLAUSE, VERB SPEAKER[, who …]."; None if the verb does not follow the sentence's
    last comma before it, or the speaker is the author ("…, I think.")."""
    commas = [i for i in range(k) if words[i].group() == ","]
    if not commas:
        return None
    c = commas[-1]
    before = [w.group() for w in words[c + 1:k]]
    if before:                                    # ", the agency predicts."
        speaker = trim_speaker(" ".join(before))
    else:                                         # ", said Marta Lind."
        after = []
        for w in words[k + 1:]:
            if w.group() in _BOUNDARY or fold(w.group()) in _CLAUSE_START:
                break
            after.append(w.group())
        speaker = " ".join(after).rstrip(".")
    if not speaker or len(speaker.split()) > 8 or _first_person(speaker):
        return None
    first = speaker.split()[0]
    if not (first[:1].isupper() or fold(first) in {"he", "she", "they", "it", "the", "a",
                                                     "an", "its", "their", "his", "her"}):
        return None
    return (0, words[c].start(), speaker, words[k].group())


@on_corpus()
def voice_regions(corpus, quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """The quoted and reported stretches of every document, with their speakers.

    Parameters
    ----------
    corpus : Corpus
    quotes : DataFrame, optional
        :func:`discoursekit.stance.quotations` of the corpus (computed if not given),
        whose speakers name the quoted regions.

    Returns
    -------
    DataFrame
        ``doc_id, start, end, voice, speaker, verb`` -- offsets into ``docs.text``;
        ``voice`` is ``quoted`` or ``reported``; everything outside is the author's.
    """
    from ..corpus import _in_parallel
    from .quotations import quotations

    quotes = quotations(corpus) if quotes is None else quotes
    said_of: dict = {}
    for d, s, who, verb in zip(quotes["doc_id"], quotes["start"], quotes["speaker"],
                               quotes["reporting_verb"]):
        said_of.setdefault(d, {})[int(s)] = (who, verb)
    sents = corpus.sentences
    sents_of = sents.groupby("doc_id", sort=False).indices
    starts, ends = sents["start"].to_numpy(), sents["end"].to_numpy()
    doc_ids = corpus.docs["doc_id"].tolist()
    spans = [(starts[sents_of[d]], ends[sents_of[d]]) if d in sents_of else
             (starts[:0], ends[:0]) for d in doc_ids]
    # every document on its own, so documents run in parallel (and on Dask), in order
    rows = [row for part in _in_parallel(_voice_rows, corpus.docs["text"].tolist(), per_doc={
        "doc_ids": doc_ids, "spans": spans, "said": [said_of.get(d, {}) for d in doc_ids]})
        for row in part]
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "voice", "speaker", "verb"])


def _voice_rows(texts: list[str], *, doc_ids, spans, said) -> list[tuple]:
    """The quoted and reported regions of several documents, as rows of
    :func:`voice_regions` (one task for a worker process)."""
    rows = []
    for doc, text, (starts, ends), said_here in zip(doc_ids, texts, spans, said):
        regions = quote_regions(text)
        for a, b in regions:
            who, verb = "", ""
            for s in range(a, min(b, a + 2)):      # the quotation table's start, if any
                if s in said_here:
                    who, verb = said_here[s]
                    break
            rows.append((doc, a, b, "quoted", who, verb))
        for s0, s1 in zip(starts.tolist(), ends.tolist()):
            sentence = text[s0:s1]
            if not _HAS_VERB.search(sentence):
                continue
            inner = [(max(a, s0) - s0, min(b, s1) - s0) for a, b in regions if a < s1 and b > s0]
            for a, b, who, verb in reported_regions(sentence, inner):
                rows.append((doc, s0 + a, s0 + b, "reported", who, verb))
    return rows


def voice_of(doc_ids, starts, regions: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The voice and speaker at each ``(doc_id, start)``: quoted before reported, else
    the author's (speaker "")."""
    doc_ids, starts = np.asarray(doc_ids, dtype=object), np.asarray(starts, dtype=np.int64)
    voice = np.full(len(starts), "author", dtype=object)
    speaker = np.full(len(starts), "", dtype=object)
    if not len(regions) or not len(starts):
        return voice, speaker
    for (doc, kind), part in regions.groupby(["doc_id", "voice"], sort=False):
        here = np.flatnonzero((doc_ids == doc) & (voice == "author"))
        if not len(here):
            continue
        a, b = part["start"].to_numpy(), part["end"].to_numpy()
        pos = starts[here]
        k = np.searchsorted(a, pos, side="right") - 1
        ok = (k >= 0) & (pos < b[np.clip(k, 0, None)])
        voice[here[ok]] = kind
        speaker[here[ok]] = part["speaker"].to_numpy()[k[ok]]
    return voice, speaker
