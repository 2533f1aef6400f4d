"""Sentences, tokens with character offsets, and the normalised forms used for counting.

Everything here works on plain strings and returns offsets into them, so that every count
made later can be traced back to the characters it came from.  Sentence splitting uses
NLTK's Punkt algorithm with parameters this project controls (no downloaded model); word
tokenisation is a regular expression applied through NLTK's ``RegexpTokenizer``.
"""
from __future__ import annotations

import csv
import functools
import re
import unicodedata
from importlib import resources
from itertools import accumulate, chain, compress, repeat
from operator import and_, itemgetter, not_, or_
from typing import NamedTuple

import numpy as np
from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

__all__ = [
    "split_sentences",
    "tokenize",
    "fold",
    "normalize",
    "stopwords",
    "variant_table",
    "multiword_terms",
]

# --- word tokens -------------------------------------------------------------------------
# Order matters: the first alternative that matches at a position wins.
_APOS = "'\u2019\u2018"
_TOKEN_PATTERN = rf"""
    (?:[A-Za-z]\.){{2,}}                          # abbreviations with inner periods: U.S., D.C.
  | \d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?                # 1,100 and 3,700.5
  | \d+(?:\.\d+)+                                 # 1.5, 2.0.1
  | \w+(?=n[{_APOS}]t\b)                          # do|n't
  | n[{_APOS}]t\b                                 # n't
  | (?<=\w)[{_APOS}](?:s|re|ve|ll|d|m)\b          # clitics: 's 're 've 'll 'd 'm
  | \w+(?:[-\u2010\u2011]\w+)*                    # words, hyphenated compounds: MiG-29, de-escalation
"""
_WORD_TOKENIZER = RegexpTokenizer(_TOKEN_PATTERN, flags=re.UNICODE | re.VERBOSE)
# The same pattern as one capturing group: ``re.split`` then returns gap, token, gap, …
# in a single C-level pass, and the offsets follow from the cumulative piece lengths.
# Every alternative starts with a word character or an apostrophe: the lookahead skips
# other positions at once (same matches, fewer attempts).
_TOKEN_SPLIT = re.compile(f"(?=[\\w{_APOS}])({_TOKEN_PATTERN})", re.UNICODE | re.VERBOSE)


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Word tokens of ``text`` as ``(start, end, surface)`` triples.

    Punctuation, quotation marks and dashes separate tokens and are not returned.
    Typographic and straight apostrophes are handled alike: "Serbia’s" gives
    "Serbia" + "’s".  Hyphenated compounds ("MiG-29", "de-escalation") and numbers with
    thousands separators or decimals ("1,100", "1.5") stay whole.

    Examples
    --------
    >>> [t for _, _, t in tokenize("Serbia’s MiG-29s—close to Niš, 1,100 km")]
    ['Serbia', '’s', 'MiG-29s', 'close', 'to', 'Niš', '1,100', 'km']
    """
    pieces = _TOKEN_SPLIT.split(text)
    ends = list(accumulate(map(len, pieces)))
    return [(ends[k] - len(pieces[k]), ends[k], pieces[k]) for k in range(1, len(pieces), 2)]


def _token_spans(text: str, offset: int = 0) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """:func:`tokenize` as arrays: starts, ends (int64, plus ``offset``) and surfaces.

    One ``re.split`` over the whole text instead of a Python step per match; the tokens
    are exactly those of :func:`tokenize` (same pattern, same leftmost scanning).
    """
    pieces = _TOKEN_SPLIT.split(text)
    lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
    ends = np.cumsum(lengths)[1::2] + offset
    return ends - lengths[1::2], ends, pieces[1::2]


# --- sentences -----------------------------------------------------------------------------
def _read_lines(name: str) -> list[str]:
    raw = resources.files("discoursekit.data").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]


@functools.lru_cache(maxsize=1)
def _sentence_tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    # Punkt stores abbreviations lower-cased and without the final period.
    abbrevs = {a.lower().rstrip(".") for a in _read_lines("abbreviations.txt")}
    abbrevs |= set("abcdefghijklmnopqrstuvwxyz")  # initials: "David L. Phillips"
    params.abbrev_types = abbrevs
    return PunktSentenceTokenizer(params)


_WORDLIKE = re.compile(r"\w")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``; sentences never cross a blank line.

    Punkt (Kiss & Strunk 2006) runs with the project's abbreviation list
    (``data/abbreviations.txt``: "U.S.", "Gen.", "Dr.", "Jan." …) and every single
    letter as an initial, instead of a downloaded model.  Paragraphs (separated by a
    blank line) are split separately, so a heading or caption never merges with a
    sentence.

    Examples
    --------
    >>> text = "Gen. Smith met Richard C. Holbrooke. They talked."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Gen. Smith met Richard C. Holbrooke.', 'They talked.']
    """
    tok = _sentence_tokenizer()
    spans = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        base = para.start()
        for s, e in tok.span_tokenize(para.group()):
            if spans and spans[-1][0] >= base and not _WORDLIKE.search(para.group(), s, e):
                spans[-1] = (spans[-1][0], base + e)  # a lone "…" or quote joins its sentence
            else:
                spans.append((base + s, base + e))
    return spans


# --- normalisation -------------------------------------------------------------------------
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                         "\u2010": "-", "\u2011": "-"})


def fold(text: str) -> str:
    """Case-fold, unify quotes and hyphens, and strip diacritics: "Vučić’s" -> "vucic's"."""
    if text.isascii():  # nothing to unify or decompose: the same result, much faster
        return text.casefold()
    text = text.translate(_QUOTES)
    decomposed = text if text.isascii() else unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed.casefold()
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@functools.lru_cache(maxsize=1)
def variant_table() -> dict[tuple[str, bool], str]:
    """The editable spelling-variant table (``data/variants.csv``).

    Keys are ``(surface, case_sensitive)``: case-insensitive entries are stored folded
    ("kosova"), case-sensitive ones as written ("US", so that the pronoun "us" is not
    mistaken for the country).
    """
    path = resources.files("discoursekit.data").joinpath("variants.csv")
    table = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            sensitive = row["case_sensitive"].strip().lower() == "yes"
            key = row["variant"] if sensitive else fold(row["variant"])
            table[(key, sensitive)] = fold(row["norm"])
    return table


def normalize(surface: str) -> str:
    """The counting form of one token: folded, then mapped through the variant table.

    Each part of a hyphenated compound is mapped too ("Kosova-Serbia" -> "kosovo-serbia").

    Examples
    --------
    >>> normalize("Kosova"), normalize("Vučić"), normalize("US"), normalize("us")
    ('kosovo', 'vucic', 'u.s.', 'us')
    """
    table = variant_table()
    if (surface, True) in table:
        return table[(surface, True)]
    folded = fold(surface)
    if "-" in folded:
        return "-".join(table.get((p, False), p) for p in folded.split("-"))
    return table.get((folded, False), folded)


@functools.lru_cache(maxsize=1 << 20)
def _normalize_cached(surface: str) -> str:
    """:func:`normalize`, memoised per distinct surface form (the tables are fixed data)."""
    return normalize(surface)


@functools.lru_cache(maxsize=1)
def multiword_terms() -> dict[tuple[str, ...], str]:
    """Editable multi-word names (``data/multiword_terms.txt``) as folded token tuples.

    Each maps to its joined counting form, e.g. ``("western", "balkans")`` ->
    ``"western balkans"``.  Entries are normalised like single tokens, so
    "Bosnia-Herzegovina" style variants belong in the variant table instead.
    """
    terms = {}
    for line in _read_lines("multiword_terms.txt"):
        parts = tuple(normalize(t) for _, _, t in tokenize(line))
        if len(parts) > 1:
            terms[parts] = " ".join(parts)
    return terms


def _longest_from(keys) -> dict[str, int]:
    """First token -> the length of the longest key (a tuple of tokens) it starts."""
    out: dict[str, int] = {}
    for key in keys:
        out[key[0]] = max(out.get(key[0], 0), len(key))
    return out


def _greedy_matches(tokens: list[str], entries, longest_from: dict[str, int], accept=None):
    """Greedy longest-first matching of the keys of ``entries`` (token tuples) over
    ``tokens``, left to right: yields ``(start, size, key)``; the search goes on after
    each match.  ``accept(key, start)`` may refuse a match (a shorter key is then tried).
    Only positions whose token starts a key are tried (``longest_from``,
    :func:`_longest_from`), so most tokens cost one set lookup.
    """
    if longest_from.keys().isdisjoint(tokens):
        return
    i, n = 0, len(tokens)
    for j in [k for k, t in enumerate(tokens) if t in longest_from]:
        if j < i:                                  # inside the previous match
            continue
        for size in range(min(longest_from[tokens[j]], n - j), 0, -1):
            key = tuple(tokens[j:j + size])
            if key in entries and (accept is None or accept(key, j)):
                yield j, size, key
                i = j + size
                break


def join_multiword(norms: list[str]) -> list[tuple[int, int, str]]:
    """Greedy longest-first matching of multi-word terms over a sentence's token norms.

    Returns ``(first, last_exclusive, norm)`` index ranges covering every token once.
    """
    terms = multiword_terms()
    longest = max((len(k) for k in terms), default=1)
    starts = _name_starts()
    out, i, n = [], 0, len(norms)
    while i < n:
        if norms[i] not in starts:          # most tokens start no name
            out.append((i, i + 1, norms[i]))
            i += 1
            continue
        for size in range(min(longest, n - i), 1, -1):
            key = tuple(norms[i:i + size])
            if key in terms:
                out.append((i, i + size, terms[key]))
                i += size
                break
        else:
            out.append((i, i + 1, norms[i]))
            i += 1
    return out


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """scikit-learn's English stop-word list (318 words) plus clitics such as "'s".

    The list is scikit-learn's ``ENGLISH_STOP_WORDS`` (Glasgow Information Retrieval
    Group), named here so that a notebook can say exactly what was excluded.
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"'s", "'re", "'ve", "'ll", "'d", "'m", "n't"}


# --- fast analysis of many documents at once (used by Corpus, chunked counting) -------------
_AMBIGUOUS_GAP = re.compile(r"[.?!]|\n\s*\n")


def _word_at(text: str, i: int) -> bool:
    return 0 <= i < len(text) and _WORDLIKE.match(text, i) is not None


def _doc_tokens(text: str, spans) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
    """Word tokens of one document assigned to its sentences ``spans``.

    One regex pass over the whole text, then ``np.searchsorted`` on the sentence starts.
    This gives the tokens of each sentence tokenised on its own (the original
    definition) unless a sentence edge touches a word character or a token straddles an
    edge; such a document (Punkt does not produce one from ordinary text) is tokenised
    sentence by sentence instead, so the result is always the same.
    """
    ss = np.fromiter((s for s, _ in spans), dtype=np.int64, count=len(spans))
    se = np.fromiter((e for _, e in spans), dtype=np.int64, count=len(spans))
    starts, ends, surf = _token_spans(text)
    safe = not any(_word_at(text, s - 1) or _word_at(text, e) for s, e in spans)
    if safe and len(starts):
        edges = np.sort(np.concatenate([ss, se]))
        straddle = np.searchsorted(edges, ends, "left") - np.searchsorted(edges, starts, "right")
        safe = not straddle.any()
    if safe:
        idx = np.searchsorted(ss, starts, "right") - 1
        inside = (idx >= 0) & (ends <= se[np.maximum(idx, 0)])
        if not inside.all():
            keep = np.flatnonzero(inside)
            starts, ends, idx = starts[keep], ends[keep], idx[keep]
            surf = [surf[k] for k in keep]
        return starts, ends, surf, idx
    parts = [_token_spans(text[s:e], offset=s) for s, e in spans]
    starts = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int64)
    ends = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int64)
    surf = [t for p in parts for t in p[2]]
    idx = np.repeat(np.arange(len(parts)), [len(p[0]) for p in parts])
    return starts, ends, surf, idx


def _factorize(values: list[str]) -> tuple[np.ndarray, list[str]]:
    """Integer codes (int32, first-seen order) and the distinct values of a list of strings."""
    table: dict[str, int] = {}
    codes = np.fromiter((table.setdefault(v, len(table)) for v in values), dtype=np.int32,
                        count=len(values))
    return codes, list(table)


def _analyse_texts(texts: list[str], *, sentences: bool = True, spans: list | None = None):
    """Counting units of several documents, compactly, as :class:`Corpus` defines them.

    Parameters
    ----------
    texts : list of str
        Cleaned document texts.
    sentences : bool
        Split sentences (Punkt) and keep each unit's sentence; if False, sentences are
        not computed: units are the same except that a multi-word name is joined across a
        gap that could hold a sentence end (a ``.?!`` or a blank line) only after that
        document's sentences have been split to check.
    spans : list of lists of (start, end), optional
        Sentence spans already known (skips Punkt).

    Returns
    -------
    dict of numpy arrays: ``n_unit`` (units per document), ``start``, ``end`` (offsets in
    the document), ``surf_code``/``surf_vocab`` (the surface as written),
    ``norm_code``/``norm_vocab`` (the counting form), and with sentences ``n_sent``,
    ``sent_start``, ``sent_end`` and ``sent`` (each unit's sentence within its document).
    """
    if spans is None and sentences:
        spans = [split_sentences(t) for t in texts]
    starts, ends, surf, seg, doc_of = [], [], [], [], []
    for d, text in enumerate(texts):
        if sentences:
            s, e, w, idx = _doc_tokens(text, spans[d])
            seg.append(idx)
        else:
            s, e, w = _token_spans(text)
        starts.append(s)
        ends.append(e)
        surf += w
        doc_of.append(np.full(len(s), d, dtype=np.int64))
    cat = (lambda xs: np.concatenate(xs) if xs else np.zeros(0, np.int64))
    start, end, doc = cat(starts), cat(ends), cat(doc_of)
    surf_code, surf_vocab = _factorize(surf)
    del surf
    norm_of_surf, norm_vocab = _factorize([_normalize_cached(u) for u in surf_vocab])
    norm_code = norm_of_surf[surf_code] if len(surf_code) else np.zeros(0, np.int32)
    sent = cat(seg) if sentences else None

    # Multi-word names: only where the first word of one occurs.
    terms = multiword_terms()
    firsts = {k[0] for k in terms}
    longest = max((len(k) for k in terms), default=1)
    is_first = np.array([n in firsts for n in norm_vocab], dtype=bool)
    candidates = np.flatnonzero(is_first[norm_code]) if len(norm_code) else np.zeros(0, int)
    checked: dict[int, np.ndarray] = {}   # doc -> sentence of each token (no-sentence mode)

    def join(segment_of):
        matches, flagged, nxt = [], set(), 0
        for i in candidates:
            if i < nxt:
                continue
            d = doc[i]
            for size in range(longest, 1, -1):
                j = i + size
                if j > len(doc) or doc[j - 1] != d or segment_of(i) != segment_of(j - 1):
                    continue
                key = tuple(norm_vocab[c] for c in norm_code[i:j])
                if key in terms:
                    if not sentences and d not in checked:
                        text = texts[d]
                        if any(surf_vocab[surf_code[k]].endswith(".")
                               or _AMBIGUOUS_GAP.search(text, end[k], start[k + 1])
                               for k in range(i, j - 1)):
                            flagged.add(d)
                    matches.append((i, j, terms[key]))
                    nxt = j
                    break
        return matches, flagged

    if sentences:
        matches, _ = join(lambda k: sent[k])
    else:
        matches, flagged = join(lambda k: -1)
        if flagged:  # a name may straddle a sentence end: split these documents to check
            sent_of = np.full(len(doc), -1, dtype=np.int64)
            drop = np.zeros(len(doc), dtype=bool)
            for d in sorted(flagged):
                rows = np.flatnonzero(doc == d)
                sp = split_sentences(texts[d])
                ss = np.array([a for a, _ in sp], dtype=np.int64)
                se = np.array([b for _, b in sp], dtype=np.int64)
                idx = np.searchsorted(ss, start[rows], "right") - 1
                inside = (idx >= 0) & (end[rows] <= se[np.maximum(idx, 0)])
                sent_of[rows] = idx
                drop[rows[~inside]] = True
                checked[d] = idx
            sent_of[drop] = -2 - np.flatnonzero(drop)   # outside every sentence: never joined
            matches, _ = join(lambda k: sent_of[k] if doc[k] in checked else -1)
    keep = np.ones(len(doc), dtype=bool)
    if not sentences and checked:
        keep &= ~drop                             # as the sentence path drops them
    if matches:
        surf_index = {w: k for k, w in enumerate(surf_vocab)}
        norm_index = {w: k for k, w in enumerate(norm_vocab)}
        end = end.copy()
        for i, j, term in matches:
            keep[i + 1:j] = False
            end[i] = end[j - 1]
            written = texts[doc[i]][start[i]:end[i]]
            surf_code[i] = surf_index.setdefault(written, len(surf_index))
            norm_code[i] = norm_index.setdefault(term, len(norm_index))
        surf_vocab, norm_vocab = list(surf_index), list(norm_index)
    out = {"n_unit": np.bincount(doc[keep], minlength=len(texts)).astype(np.int64),
           "start": start[keep], "end": end[keep],
           "surf_code": surf_code[keep], "surf_vocab": surf_vocab,
           "norm_code": norm_code[keep], "norm_vocab": norm_vocab}
    if sentences:
        out["sent"] = sent[keep]
        out["n_sent"] = np.array([len(s) for s in spans], dtype=np.int64)
        out["sent_start"] = np.array([a for s in spans for a, _ in s], dtype=np.int64)
        out["sent_end"] = np.array([b for s in spans for _, b in s], dtype=np.int64)
    return out


def _split_many(texts: list[str]) -> list[list[tuple[int, int]]]:
    """:func:`split_sentences` of several texts (one task for a worker process)."""
    return [split_sentences(t) for t in texts]


# --- counting without a table of tokens ---------------------------------------------------
# Punctuation that can stand around a word in a chunk ("(Kosovo),", "“Serbia’s"): none is
# a word character, so around a core of letters (``str.isalpha``) the token pattern
# finds exactly that core: the clitic and "n't" alternatives need a letter next to the
# apostrophe, abbreviations two letter-period pairs, numbers digits.
_EDGE = "!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~\u2010\u2011\u2012\u2013\u2014\u2015\u2018\u2019" \
        "\u201a\u201c\u201d\u201e\u2026\u00ab\u00bb\u2022\u00b7"


def _plain_word(chunk: str) -> tuple[str, str, str] | None:
    """``(before, word, after)`` if the chunk is one word of letters with punctuation
    around it, else None (the chunk then needs the token pattern)."""
    core = chunk.strip(_EDGE)
    if not core.isalpha():
        return None
    i = len(chunk) - len(chunk.lstrip(_EDGE))
    return chunk[:i], core, chunk[i + len(core):]


_SENTENCE_MARK = re.compile(r"[.?!]")
_BLANK_LINE = re.compile(r"\n\s*\n")


@functools.lru_cache(maxsize=1)
def _name_starts() -> frozenset[str]:
    return frozenset(k[0] for k in multiword_terms())


def _chunk_info(chunk: str) -> tuple:
    """What cleaning and counting need to know of one chunk, from one tokenisation.

    ``(norms, dots, gaps, before, starts_name, folded)``: the norm of each token, whether
    each ends with "." and whether a ".?!" follows it inside the chunk, whether one comes
    before the first token, whether a token may start a multi-word name, and the folded
    tokens (what cleaning compares).
    """
    if chunk.isalpha():               # a bare word (most chunks)
        norm = _normalize_cached(chunk)
        return (norm,), (False,), (False,), False, norm in _name_starts(), (fold(chunk),)
    plain = _plain_word(chunk)
    if plain is not None:             # one word with punctuation around: no pattern needed
        norm = _normalize_cached(plain[1])
        return ((norm,), (False,), (_SENTENCE_MARK.search(plain[2]) is not None,),
                _SENTENCE_MARK.search(plain[0]) is not None, norm in _name_starts(),
                (fold(plain[1]),))
    pieces = _TOKEN_SPLIT.split(chunk)
    norms = tuple(_normalize_cached(t) for t in pieces[1::2])
    return (norms, tuple(t.endswith(".") for t in pieces[1::2]),
            tuple(_SENTENCE_MARK.search(g) is not None for g in pieces[2::2]),
            _SENTENCE_MARK.search(pieces[0]) is not None, not _name_starts().isdisjoint(norms),
            tuple(fold(t) for t in pieces[1::2]))


#: :func:`_chunk_info` per distinct chunk, kept by each process across its tasks and
#: filled by :func:`_chunk_infos` (emptied when it would pass :data:`_CHUNK_INFO_LIMIT`
#: entries: a corpus with more distinct chunks recomputes some).
_CHUNK_INFO: dict[str, tuple] = {}
_CHUNK_INFO_LIMIT = 250_000


@functools.lru_cache(maxsize=1)
def _variant_maps() -> tuple[dict[str, str], dict[str, str]]:
    """:func:`variant_table` as two dicts, case-sensitive and folded, for ``map``."""
    table = variant_table()
    return ({k: v for (k, sensitive), v in table.items() if sensitive},
            {k: v for (k, sensitive), v in table.items() if not sensitive})


def _chunk_infos(distinct: list[str]) -> list[tuple]:
    """``[_CHUNK_INFO[c] for c in distinct]``, computing the missing ones in one batch.

    Most chunks a corpus adds are one ASCII word with or without punctuation around it
    ("Kosovo", "(Serbia),"); their :func:`_chunk_info` (the folded word, its norm, a
    name flag and whether a ".?!" stands before or after it) comes from ``map`` over str
    methods and dicts at C speed, where one by one each new chunk costs ~5 µs.  The
    word is ``chunk.strip(_EDGE)``, exactly as in :func:`_plain_word`.  The other new
    chunks are tokenised together (:func:`_other_chunk_infos`).
    """
    infos = list(map(_CHUNK_INFO.get, distinct))
    new = list(compress(distinct, map(not_, infos)))       # not cached yet
    if not new:
        return infos
    cores = list(map(str.strip, new, repeat(_EDGE)))
    plain = list(map(and_, map(str.isalpha, cores), map(str.isascii, cores)))
    chunks = list(compress(new, plain))
    words = list(compress(cores, plain))
    folded = list(map(str.casefold, words))       # fold() of an ASCII word
    norms = _norms_of(words, folded)
    rest = list(map(str.lstrip, chunks, repeat(_EDGE)))
    before = _marked(list(map(str.removesuffix, chunks, rest)))
    after = _marked(list(map(str.removeprefix, rest, words)))
    computed = dict(zip(chunks, zip(
        zip(norms), repeat((False,)), zip(after), before,
        map(_name_starts().__contains__, norms), zip(folded))))
    others = list(compress(new, map(not_, plain)))
    computed.update(zip(others, _other_chunk_infos(others)))
    if len(_CHUNK_INFO) + len(new) > _CHUNK_INFO_LIMIT:
        _CHUNK_INFO.clear()
    _CHUNK_INFO.update(computed)
    return list(map(computed.get, distinct, infos))


def _other_chunk_infos(chunks: list[str]) -> list[tuple]:
    """:func:`_chunk_info` of chunks that are not one ASCII word, tokenised in one pass.

    Tokens never contain or touch whitespace (see :func:`_chunk_table`), so the chunks
    joined by spaces split into the same tokens as one by one; a gap's spaces say where
    one chunk ends and the next begins.  A chunk without a token ("—") goes through
    :func:`_chunk_info` itself.
    """
    if not chunks:
        return []
    pieces = _TOKEN_SPLIT.split(" " + " ".join(chunks) + " ")
    tokens, gaps = pieces[1::2], pieces[0::2]          # gaps[k] comes before tokens[k]
    spaces = np.fromiter(map(str.count, gaps, repeat(" ")), np.int64, len(gaps))
    tok_chunk = np.cumsum(spaces[:-1]) - 1
    ptr = np.searchsorted(tok_chunk, np.arange(len(chunks) + 1)).tolist()
    folded = list(map(fold, tokens))
    norms = _norms_of(tokens, folded)
    dots = list(map(str.endswith, tokens, repeat(".")))
    ends = _marked(list(map(itemgetter(0), map(str.partition, gaps[1:], repeat(" ")))))
    leads = _marked(list(map(itemgetter(2), map(str.rpartition, gaps, repeat(" ")))))
    starts = _name_starts()
    out = []
    for chunk, a, b in zip(chunks, ptr[:-1], ptr[1:]):
        if a == b:
            out.append(_chunk_info(chunk))
            continue
        mine = tuple(norms[a:b])
        out.append((mine, tuple(dots[a:b]), tuple(ends[a:b]), leads[a],
                    not starts.isdisjoint(mine), tuple(folded[a:b])))
    return out


def _norms_of(tokens: list[str], folded: list[str]) -> list[str]:
    """``[normalize(t) for t in tokens]``, given ``folded = [fold(t) ...]``, at C speed.

    :func:`normalize` of a token that is not in the case-sensitive table and has no
    hyphen is a lookup of its folded form; only the others go through it.
    """
    sensitive, insensitive = _variant_maps()
    norms = list(map(insensitive.get, folded, folded))
    special = map(or_, map(str.__contains__, folded, repeat("-")),
                  map(sensitive.__contains__, tokens))
    for k in compress(range(len(tokens)), special):
        norms[k] = _normalize_cached(tokens[k])
    return norms


def _marked(pieces: list[str]) -> list[bool]:
    """Whether each piece of text holds a ".?!" (each distinct piece searched once)."""
    marks = {p: _SENTENCE_MARK.search(p) is not None for p in set(pieces)}
    return list(map(marks.__getitem__, pieces))


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``starts[0], starts[0] + 1, …`` (``lengths[0]`` values), then the same for each
    following start: the positions of several runs in a flat array, concatenated."""
    return np.repeat(starts - (np.cumsum(lengths) - lengths), lengths) + \
        np.arange(int(lengths.sum()))


def _items_of(ptr: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Positions in a flat array of the items of ``rows`` in turn, where row ``r`` holds
    ``ptr[r]:ptr[r + 1]`` (CSR): the words of each chunk of a text, say."""
    return _ranges(ptr[rows], ptr[rows + 1] - ptr[rows])


def _first_seen(items, n: int) -> tuple[np.ndarray, list]:
    """Number ``n`` items 0, 1, 2, … by first occurrence: ``(ids, distinct items)``.

    ``pandas.factorize`` numbers the items of an object array in order of first
    occurrence in one C pass over a hash table (equality as in a dict), so the numbers
    do not depend on the hash seed and no Python call is made per item.  The table starts
    at an eighth of ``n`` and grows as needed: pandas' default, room for every item, is
    the slowest choice here (a text has far fewer distinct chunks than chunks; measured
    at 0.1 M and 1 M tokens, the lookups took 30-50% less time).
    """
    import pandas as pd

    codes, distinct = pd.factorize(np.fromiter(items, object, n), size_hint=max(n // 8, 1))
    return codes.astype(np.int64, copy=False), distinct.tolist()


def _chunk_table(chunks: list[str]) -> tuple["_ChunkArrays", dict[str, int], np.ndarray]:
    """The distinct whitespace-delimited chunks of some texts, each tokenised once.

    A token never contains or touches whitespace (every alternative of the token pattern
    starts with a word character or an apostrophe, and the look-arounds only test for
    word characters), so the tokens of a text are the tokens of its chunks
    (``text.split()``) in turn.  Per chunk this keeps the norm of each token (a flat
    array with a pointer per chunk, as in CSR) and what the multi-word check needs to
    know about the characters around each token.  Built in one pass over all the chunks
    (``map`` and ``chain`` over :data:`_CHUNK_INFO`), not one Python call per chunk.

    Returns the arrays, the norm numbering (norm -> id, in order of first occurrence)
    and whether each chunk has a token that may start a multi-word name.
    """
    infos = _chunk_infos(chunks)
    norms = list(map(itemgetter(0), infos))
    ntok = np.fromiter(map(len, norms), np.int64, len(norms))
    ptr = np.zeros(len(ntok) + 1, dtype=np.int64)
    np.cumsum(ntok, out=ptr[1:])
    n = int(ptr[-1])
    norm_ids, vocab = _first_seen(chain.from_iterable(norms), n)
    norm_index = dict(zip(vocab, range(len(vocab))))
    flat = (lambda k, dtype: np.fromiter(chain.from_iterable(map(itemgetter(k), infos)),
                                         dtype, n))
    arrays = _ChunkArrays(ptr, ntok, norm_ids, flat(1, bool), flat(2, bool),
                          np.fromiter(map(itemgetter(3), infos), bool, len(infos)))
    starts_name = np.fromiter(map(itemgetter(4), infos), bool, len(infos))
    return arrays, norm_index, starts_name


class _ChunkArrays(NamedTuple):
    """The chunks of :func:`_chunk_table`: token ``k`` of chunk ``c`` is ``ptr[c] + k``."""

    ptr: np.ndarray        # first token of each chunk, in the flat arrays
    ntok: np.ndarray       # tokens per chunk
    norm: np.ndarray       # norm id of each token
    dot: np.ndarray        # the token ends with "."
    gap: np.ndarray        # a ".?!" after the token, before the next one or the chunk end
    lead: np.ndarray       # a ".?!" before the chunk's first token


def _count_texts(texts: list[str]) -> dict:
    """Document × norm counts of the counting units of ``texts``, without a token table.

    The counts, and the units per document, are exactly those of
    ``_analyse_texts(texts, sentences=False)`` (and so of :attr:`Corpus.tokens`), but
    the work per token is a ``str.split`` and numbering its chunk (one C pass,
    :func:`_first_seen`): each distinct chunk is tokenised and normalised once (:func:`_count_ids`).

    Returns
    -------
    dict with ``counts`` (scipy.sparse.csr_matrix, documents × ``norm_vocab``, int64),
    ``norm_vocab`` (list of str) and ``n_unit`` (int64 units per document).
    """
    chunks = [text.split() for text in texts]
    lengths = np.fromiter(map(len, chunks), np.int64, len(chunks))
    ids, distinct = _first_seen(chain.from_iterable(chunks), int(lengths.sum()))
    return _count_ids(texts, ids, lengths, distinct)


def _count_ids(texts: list[str], ids: np.ndarray, lengths: np.ndarray, distinct: list[str],
               paragraphs: list[list[int]] | None = None) -> dict:
    """:func:`_count_texts` from the texts' chunks as numbers: ``ids`` (all texts in
    turn, ``lengths`` chunks each) index ``distinct``, numbered in order of first
    occurrence (so the vocabulary's order is that of first occurrence, as in the token
    table).

    Multi-word names are found on the chunk sequence of the documents that contain a
    chunk whose token can start one; a document where a name would straddle a gap that
    could end a sentence (a ``.?!``, a token ending in ".", or a blank line) is counted
    by ``_analyse_texts`` itself, which then splits its sentences to decide.
    """
    import scipy.sparse as sp

    arrays, norm_index, starts_name = _chunk_table(distinct)
    ptr, ntok, flat_norm = arrays.ptr, arrays.ntok, arrays.norm
    n_docs = len(texts)
    doc_of = np.repeat(np.arange(n_docs), lengths)
    at = np.concatenate([[0], np.cumsum(lengths)])
    named = np.flatnonzero(np.bincount(doc_of[starts_name[ids]], minlength=n_docs))
    sequences = {d: ids[at[d]:at[d + 1]] for d in named.tolist()}

    (jdoc, jsize, jparts, jterm), exact = _multiword_joins(texts, sequences, paragraphs,
                                                           norm_index, arrays)
    fast = np.ones(n_docs, dtype=bool)
    fast[sorted(exact)] = False
    # documents × chunks, straight from the chunk sequence (documents are contiguous);
    # a chunk seen twice in a document is two entries, which the products below add up
    indptr = np.concatenate([[0], np.cumsum(np.where(fast, lengths, 0))])
    C = sp.csr_matrix((np.ones(int(indptr[-1]), np.int64), ids[fast[doc_of]], indptr),
                      shape=(n_docs, len(ntok)))
    M = sp.csr_matrix((np.ones(len(flat_norm), np.int64), flat_norm, ptr),
                      shape=(len(ntok), max(len(norm_index), 1)))
    n_unit = np.asarray(C @ ntok, dtype=np.int64)
    # a joined name replaces its words: -1 for each of its words, +1 for the name
    jid = np.fromiter((norm_index.setdefault(t, len(norm_index)) for t in jterm), np.int64,
                      len(jterm))
    rows, cols = [np.repeat(jdoc, jsize), jdoc], [jparts, jid]
    vals = [np.full(len(jparts), -1, np.int64), np.ones(len(jdoc), np.int64)]
    n_unit -= np.bincount(jdoc, weights=jsize - 1, minlength=n_docs).astype(np.int64)
    for d in sorted(exact):
        u = _analyse_texts([texts[d]], sentences=False)
        mapping = np.array([norm_index.setdefault(w, len(norm_index)) for w in u["norm_vocab"]],
                           np.int64)
        codes, freq = np.unique(u["norm_code"], return_counts=True)
        rows.append(np.full(len(codes), d, np.int64))
        cols.append(mapping[codes])
        vals.append(freq.astype(np.int64))
        n_unit[d] = int(u["n_unit"][0])
    rows, cols, vals = (np.concatenate(x) for x in (rows, cols, vals))
    n_norm = len(norm_index)
    X = (C @ M).tocsr()
    X.resize((n_docs, n_norm))
    if len(rows):
        X = X + sp.csr_matrix((vals, (rows, cols)), shape=(n_docs, n_norm))
    X = X.tocsr().astype(np.int64)
    X.eliminate_zeros()
    return {"counts": X, "norm_vocab": list(norm_index), "n_unit": n_unit}


def _multiword_joins(texts, sequences, paragraphs, norm_index, arrays: _ChunkArrays):
    """Multi-word names in the documents ``sequences`` (doc -> chunk ids), as joins.

    The same greedy longest-first matching as ``_analyse_texts`` over each document's
    norm sequence.  Returns the names as arrays, ``(document, number of words, the words'
    norm ids one name after another, joined norms)``, and the set of documents to count
    exactly instead (a name there may straddle a sentence end).
    """
    terms = multiword_terms()
    ptr, ntok, flat_norm, flat_dot, flat_gap, lead = arrays
    coded = {}                                     # tuple of norm ids -> joined norm
    for parts, joined in terms.items():
        if all(p in norm_index for p in parts):
            coded[tuple(norm_index[p] for p in parts)] = joined
    none = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64), [])
    if not coded or not sequences:
        return none, set()
    docs = sorted(sequences)
    seq = np.concatenate([sequences[d] for d in docs])
    breaks = np.zeros(len(seq), dtype=np.int64)   # 1 where a paragraph starts
    at = 0
    for d in docs:
        sizes = paragraphs[d] if paragraphs is not None else \
            [len(p.split()) for p in _BLANK_LINE.split(texts[d])]
        starts = np.cumsum(sizes[:-1], dtype=np.int64)
        breaks[at + starts[starts < len(sequences[d])]] = 1
        at += len(sequences[d])
    seq_doc = np.repeat(np.asarray(docs, np.int64), [len(sequences[d]) for d in docs])
    nt = ntok[seq]
    tok_pos = np.repeat(np.arange(len(seq)), nt)               # chunk position of each token
    flat_i = _items_of(ptr, seq)
    tok_norm = flat_norm[flat_i]
    tok_doc = seq_doc[tok_pos]
    n = len(tok_norm)
    is_first = np.zeros(len(norm_index), dtype=bool)
    is_first[[k[0] for k in coded]] = True
    cand = np.flatnonzero(is_first[tok_norm])
    best = np.zeros(len(cand), dtype=np.int64)     # size of the longest name starting here
    which = np.zeros(len(cand), dtype=np.int64)    # and which name (index into coded)
    keys = list(coded)
    for size in sorted({len(k) for k in coded}, reverse=True):
        room = np.flatnonzero((best == 0) & (cand + size <= n))
        at = cand[room]
        if not len(at):
            continue
        same_doc = tok_doc[at + size - 1] == tok_doc[at]
        for key_index in (j for j, k in enumerate(keys) if len(k) == size):
            hit = same_doc.copy()
            for offset, part in enumerate(keys[key_index]):
                hit &= tok_norm[at + offset] == part
            new = room[hit & (best[room] == 0)]
            best[new], which[new] = size, key_index
    found = np.flatnonzero(best > 0)
    start, length = cand[found], best[found]
    if (start[1:] < start[:-1] + length[:-1]).any():     # names overlap: greedy, left to right
        kept, nxt = [], -1
        for j, i, m in zip(found.tolist(), start.tolist(), length.tolist()):
            if i >= nxt:
                kept.append(j)
                nxt = i + m
        found = np.asarray(kept, dtype=np.int64)
    if not len(found):
        return none, set()
    first, size = cand[found], best[found]
    # every pair of neighbouring words inside a name: could a sentence end between them?
    owner = np.repeat(np.arange(len(first)), size - 1)
    k = _ranges(first, size - 1)                   # the first word of each such pair
    a, b = tok_pos[k], tok_pos[k + 1]
    lead_cum = np.cumsum(lead[seq])
    paragraph = np.cumsum(breaks)                  # paragraph number of each chunk position
    risky = flat_dot[flat_i[k]] | flat_gap[flat_i[k]] | (
        (a != b) & ((lead_cum[b] - lead_cum[a] > 0) | (paragraph[a] != paragraph[b])))
    doc_of_match = tok_doc[first]
    exact = set(doc_of_match[np.unique(owner[risky])].tolist())
    ok = ~np.isin(doc_of_match, list(exact))
    first, size = first[ok], size[ok]
    joined = list(coded.values())
    return (doc_of_match[ok], size, tok_norm[_ranges(first, size)],
            [joined[j] for j in which[found][ok].tolist()]), exact
