"""Web furniture found by repetition, and a report of what cleaning removed and may have missed.

Line rules (``data/cleaning_rules.csv``) name furniture by its words; an outlet the rules
have never seen has furniture they do not name.  Boilerplate detectors (jusText,
trafilatura) reason instead from repetition, and so does this module:

- **repeated in an outlet**: a line found in at least :data:`OUTLET_MIN_DOCS` (2)
  documents of the same outlet is the outlet's furniture (a newsletter block, a support
  appeal, a standard caption), whatever its words;
- **repeated in the corpus**: a line found in at least :data:`CORPUS_MIN_DOCS` (3)
  documents, whatever their outlets, is furniture too ("Skip to content", a wire
  service's credit line);
- **duplicated in a document**: a line printed twice in one document (a caption or a
  headline shown twice) is removed where it repeats; a short one (at most
  :data:`DUPLICATE_SHORT_WORDS` words) is removed in every copy, a longer one only in its
  later copies.

Lines are compared after folding case, quotes and diacritics and writing every number
as 0, so "Published 3 May" and "Published 14 May" are one line.  Documents that are
copies of one story (syndicated to several outlets, or a file saved twice) are counted
once, so their common article text is not taken for furniture: two documents are copies
when the lines they share hold at least half of the shorter one's words
(:data:`NEAR_DUPLICATE_SHARE`) and at least :data:`COPY_MIN_LONG_LINES` of those lines
are paragraphs of :data:`LONG_LINE_WORDS` words or more (furniture is short).
The outlet is the ``outlet`` column of the metadata, or else the host name of a ``url``
column; documents whose outlet is unknown take part only in the corpus-wide count.

A line can be kept on purpose with a ``keep`` rule in the corpus's ``cleaning.csv``
(``rule`` = ``keep``, ``pattern`` = the start of the line): no rule removes a kept line.

:func:`furniture_report` gives the share of lines each rule removed per outlet, and
:func:`leftover_furniture` the sentences of each document most likely to be furniture
that no rule caught, for a researcher to check.
"""
from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import urlparse

import numpy as np
import pandas as pd

from .text import fold

__all__ = ["COPY_MIN_LONG_LINES", "CORPUS_MIN_DOCS", "DUPLICATE_SHORT_WORDS", "LONG_LINE_WORDS",
           "NEAR_DUPLICATE_SHARE", "OUTLET_MIN_DOCS", "furniture_report", "leftover_furniture",
           "line_key", "outlets_of", "repeated_lines"]

#: A line in this many documents of one outlet is that outlet's furniture.
OUTLET_MIN_DOCS = 2
#: A line in this many documents of the corpus, whatever their outlets, is furniture.
CORPUS_MIN_DOCS = 3
#: A line printed twice in a document is removed in every copy up to this many words.
DUPLICATE_SHORT_WORDS = 40
#: Documents whose shared lines hold this share of the shorter one's words are copies...
NEAR_DUPLICATE_SHARE = 0.5
#: ... if at least this many of the shared lines are paragraphs of LONG_LINE_WORDS words.
COPY_MIN_LONG_LINES = 2
LONG_LINE_WORDS = 12
#: Lines found in more documents than this are not used to find near-duplicates (furniture
#: that every page carries says nothing about two documents being copies).
_PAIR_MAX_DOCS = 8

_DIGIT = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_EDGE_PUNCT = " \t.,;:!?|·•-–—\"'“”‘’()[]"

REPEATED_RULES = {
    "repeated_in_outlet": "line found in {n} documents of the same outlet ({outlet}): "
                          "the outlet's web furniture",
    "repeated_in_corpus": "line found in {n} documents of the corpus: web furniture",
    "duplicate_line": "line printed more than once in the document (a caption or "
                      "headline shown twice)",
}


def line_key(line: str) -> str:
    """The form in which lines are compared: folded, digits as 0, spaces collapsed.

    >>> line_key("  Published 3 May 2023 | ") == line_key("Published 14 May 2023")
    True
    """
    return _SPACE.sub(" ", _DIGIT.sub("0", fold(line))).strip(_EDGE_PUNCT)


def outlets_of(meta: pd.DataFrame) -> list[str | None]:
    """Each document's outlet: the ``outlet`` column, else the host of ``url``, else None."""
    n = len(meta)
    out: list[str | None] = [None] * n
    for col in ("outlet", "url"):
        if col not in meta.columns:
            continue
        for i, value in enumerate(meta[col].tolist()):
            if out[i] is not None or not isinstance(value, str):
                continue
            value = value.strip()
            if col == "url":
                host = urlparse(value if "//" in value else "//" + value).hostname or ""
                value = host[4:] if host.startswith("www.") else host
            if value and fold(value) not in {"unknown", "nan", "none", "n/a"}:
                out[i] = value
    return out


def _copies(doc_keys: list[set[str]], docs_of: dict[str, list[int]]) -> np.ndarray:
    """A label per document; documents that are copies of one story share a label."""
    n = len(doc_keys)
    words = {k: len(k.split()) for k in docs_of}
    doc_words = [sum(words[k] for k in keys) for keys in doc_keys]
    parent = list(range(n))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    shared: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for key, docs in docs_of.items():
        if 2 <= len(docs) <= _PAIR_MAX_DOCS:
            for a in range(len(docs)):
                for b in range(a + 1, len(docs)):
                    pair = shared[docs[a], docs[b]]
                    pair[0] += words[key]
                    pair[1] += words[key] >= LONG_LINE_WORDS
    for (a, b), (n_words, n_long) in shared.items():
        if (n_long >= COPY_MIN_LONG_LINES
                and n_words >= NEAR_DUPLICATE_SHARE * min(doc_words[a], doc_words[b])):
            parent[root(a)] = root(b)
    return np.array([root(i) for i in range(n)])


def repeated_lines(lines_per_doc: list[list[str]], outlets: list[str | None], *,
                   outlet_min_docs: int = OUTLET_MIN_DOCS,
                   corpus_min_docs: int = CORPUS_MIN_DOCS) -> list[dict[str, tuple[str, str]]]:
    """The lines of each document that recur in other documents, with the rule and reason.

    Parameters
    ----------
    lines_per_doc : list of list of str
        The non-empty lines of each document, as cleaning sees them.
    outlets : list
        Each document's outlet, or None where it is not known (see :func:`outlets_of`).
    outlet_min_docs, corpus_min_docs : int
        The thresholds (documents, near-duplicates counted once).

    Returns
    -------
    list of dict
        Per document, ``{line_key: (rule, reason)}`` for its repeated lines.

    Examples
    --------
    >>> docs = [["Join the Quill club.", "Rents rose."], ["Join the Quill club.", "Rents fell."],
    ...         ["Rents rose sharply."]]
    >>> [sorted(d) for d in repeated_lines(docs, ["Quill", "Quill", "Post"])]
    [['join the quill club'], ['join the quill club'], []]
    """
    doc_keys = [{line_key(ln) for ln in lines} - {""} for lines in lines_per_doc]
    docs_of: dict[str, list[int]] = defaultdict(list)
    for d, keys in enumerate(doc_keys):
        for k in keys:
            docs_of[k].append(d)
    copy = _copies(doc_keys, docs_of)
    out: list[dict[str, tuple[str, str]]] = [{} for _ in lines_per_doc]
    for k, docs in docs_of.items():
        if len(docs) < min(outlet_min_docs, corpus_min_docs):
            continue
        distinct = {int(copy[d]) for d in docs}
        by_outlet: dict[str, set[int]] = defaultdict(set)
        for d in docs:
            if outlets[d] is not None:
                by_outlet[outlets[d]].add(int(copy[d]))
        for d in docs:        # the outlet's own furniture, else the corpus's
            o = outlets[d]
            if o is not None and len(by_outlet[o]) >= outlet_min_docs:
                out[d][k] = ("repeated_in_outlet", REPEATED_RULES["repeated_in_outlet"].format(
                    n=len(by_outlet[o]), outlet=o))
            elif len(distinct) >= corpus_min_docs:
                out[d][k] = ("repeated_in_corpus",
                             REPEATED_RULES["repeated_in_corpus"].format(n=len(distinct)))
    return out


# ---------------------------------------------------------------------------------------
# The report


def furniture_report(corpus, *, by: str = "outlet") -> pd.DataFrame:
    """Share of each group's lines that each cleaning rule removed.

    Parameters
    ----------
    corpus : Corpus
    by : str, default "outlet"
        A metadata column.  By default the outlet (:func:`outlets_of`: the ``outlet``
        column, else the host of ``url``); a document whose outlet is unknown is shown
        under its own group, "<group> (outlet unknown)".

    Returns
    -------
    DataFrame
        One row per group and rule: ``group``, ``rule``, ``lines`` removed, ``lines_total``
        (non-empty lines of the group's files) and ``share`` = lines / lines_total; the
        rule ``kept`` gives the lines left in the text.  Sorted by group, then by lines.
    """
    docs = corpus.docs
    if by == "outlet":          # the outlet, else the host of the url, else the document's group
        labels = [o if o is not None else f"{g} (outlet unknown)"
                  for o, g in zip(outlets_of(docs), docs["group"].astype(str))]
        col = "outlet"
    else:
        col = by if by in docs.columns else "group"
        labels = docs[col].astype(str).tolist()
    group_of = dict(zip(docs["doc_id"], labels))
    totals = defaultdict(int)
    for doc_id, raw in zip(docs["doc_id"], docs["raw"]):
        totals[group_of[doc_id]] += sum(1 for ln in str(raw).split("\n") if ln.strip())
    removed = corpus.removed.assign(group=corpus.removed["doc_id"].map(group_of))
    rows = removed.groupby(["group", "rule"]).size().rename("lines").reset_index()
    gone = rows.groupby("group")["lines"].sum()
    kept = pd.DataFrame({"group": list(totals), "rule": "kept",
                         "lines": [totals[g] - int(gone.get(g, 0)) for g in totals]})
    out = pd.concat([rows, kept], ignore_index=True)
    out["lines_total"] = out["group"].map(totals).astype(int)
    out["share"] = out["lines"] / out["lines_total"]
    out = out.sort_values(["group", "lines", "rule"], ascending=[True, False, True])
    out.attrs["by"] = col
    return out.reset_index(drop=True)[["group", "rule", "lines", "lines_total", "share"]]


#: Words that show a clause has a finite verb (auxiliaries, modals, common verbs of
#: saying and being) -- with words ending in -ed, a cheap stand-in for a tagger.
_VERBISH = frozenset(
    "is are was were be been being am has have had do does did will would shall should "
    "can could may might must says said say tells told think thinks thought want wants "
    "wanted need needs make makes made take takes took get gets got go goes went come "
    "comes came see sees saw know knows knew seems seem give gives gave show shows find "
    "finds found keep keeps kept believe believes argue argues added adds warned warns "
    "claim claims called calls became become becomes remains remain means mean include "
    "includes work works worked plan plans expect expects".split())
_IMPERATIVE = frozenset(
    "sign subscribe click follow share read watch listen download join register log "
    "support donate contribute get receive learn discover explore visit tap scroll see "
    "continue enable allow".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_LINKISH = re.compile(r"https?://|www\.|@\w|\.com\b|\.co\.uk\b|\.org\b", re.I)


def leftover_furniture(corpus, *, per_doc: int = 3, min_score: int = 2) -> pd.DataFrame:
    """The sentences of each document most likely to be furniture that cleaning kept.

    Each sentence scores one point per sign of furniture: **short** (under 8 words),
    **no verb** (none of a list of auxiliaries and common verbs, and no word ending in
    -ed), **repeated** (the same sentence elsewhere in the corpus), **like removed
    lines** (at least half of its words occur in lines cleaning removed and in at most a
    tenth of the kept sentences), **prompt** (starts with an imperative such as "Sign",
    "Click", "Follow", "Read") and **link** (a web address, an e-mail or @handle).

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, text, score, signs``: up to ``per_doc`` sentences per
        document with a score of at least ``min_score``, highest first.  A sentence is
        shown, never removed: add its start to the corpus's ``cleaning.csv`` to remove it.
    """
    sents = corpus.sentences
    texts = sents["text"].astype(str).tolist()
    words = [[w.casefold() for w in _WORD.findall(t)] for t in texts]
    keys = [line_key(t) for t in texts]
    seen = defaultdict(set)
    for k, d in zip(keys, sents["doc_id"]):
        seen[k].add(d)
    removed_words = set()
    for t in corpus.removed["text"].astype(str):
        removed_words.update(w.casefold() for w in _WORD.findall(t))
    doc_freq = defaultdict(int)
    for ws in words:
        for w in set(ws):
            doc_freq[w] += 1
    common = max(1, len(texts) // 10)
    rows = []
    for i, (t, ws, k) in enumerate(zip(texts, words, keys)):
        signs = []
        if len(ws) < 8:
            signs.append("short")
        if not any(w in _VERBISH or (w.endswith("ed") and len(w) > 4) for w in ws):
            signs.append("no verb")
        if len(seen[k]) > 1:
            signs.append("repeated")
        if ws and sum(w in removed_words and doc_freq[w] <= common for w in ws) >= len(ws) / 2:
            signs.append("like removed lines")
        if ws and ws[0] in _IMPERATIVE:
            signs.append("prompt")
        if _LINKISH.search(t):
            signs.append("link")
        if len(signs) >= min_score:
            rows.append((i, len(signs), ", ".join(signs)))
    out = sents.iloc[[r[0] for r in rows]][["doc_id", "sent_id", "text"]].copy()
    out["score"] = [r[1] for r in rows]
    out["signs"] = [r[2] for r in rows]
    out = out.sort_values(["doc_id", "score", "sent_id"], ascending=[True, False, True])
    return out.groupby("doc_id", sort=False).head(per_doc).reset_index(drop=True)
