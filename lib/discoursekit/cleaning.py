"""Cleaning: from a file as read to the text of the author's argument, keeping a record.

A document is handled one non-empty line at a time (each line of these files is a
paragraph).  Markdown markup is stripped (link anchors and heading text are kept), then
each line is kept or removed by a rule.  The rules are data where they can be
(``data/cleaning_rules.csv``, plus an optional ``cleaning.csv`` in a corpus folder for
corpus-specific lines), and a few generic mechanisms that need the document's metadata or
its other lines: the title line, bylines and author bios, pull quotes that repeat a body
sentence, short lines without sentence punctuation (captions, credits, subheadings), and
lines repeated across documents or within one (:mod:`discoursekit.furniture`).
Lines broken in the middle of a sentence are joined.  Every removed line is returned
with its line number, the rule and the reason, so a reader sees exactly what was dropped.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import numpy as np

from .furniture import DUPLICATE_SHORT_WORDS, REPEATED_RULES, line_key
from .text import _chunk_infos, _first_seen, _items_of, _ranges, fold

__all__ = ["CleaningRule", "clean_text", "doc_lines", "load_rules"]

_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")
_HEADING = re.compile(r"^#{1,6}\s+")
_BOLD = re.compile(r"\*\*([^*\n]+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_SENTENCE_END = frozenset(".!?…:;\"”’')]")   # a line ending in one of these ends a sentence
_PULL_QUOTE_MAX_WORDS = 40
_CAPTION_MAX_WORDS = 15
#: A line that only announces a caption ("Image caption,"): the next line is the caption.
_CAPTION_LABEL = re.compile(r"(?i)(image|photo|picture|media|video) caption\W*")
_SHINGLE_MIX = np.uint64(0x9E3779B97F4A7C15)   # odd 64-bit multiplier (golden ratio)


@dataclass(frozen=True)
class CleaningRule:
    """One line-removal rule: a regular expression that must match the whole line."""

    rule: str
    pattern: re.Pattern
    reason: str
    file: str | None = None  # corpus-specific rules may name one file


def _read_rules(handle, source: str) -> list[CleaningRule]:
    rules = []
    for n, row in enumerate(csv.DictReader(handle), start=2):
        try:
            pattern = re.compile(row["pattern"])
        except (KeyError, re.error) as exc:
            raise ValueError(
                f"{source}, row {n}: cannot read the rule ({exc}). Each row needs a "
                "'rule', a 'pattern' (a Python regular expression) and a 'reason'."
            ) from None
        rules.append(CleaningRule(row.get("rule") or "custom", pattern,
                                  row.get("reason") or "", (row.get("file") or None)))
    return rules


@functools.lru_cache(maxsize=1)
def _builtin_rules() -> tuple[CleaningRule, ...]:
    path = resources.files("discoursekit.data").joinpath("cleaning_rules.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(_read_rules(fh, "discoursekit/data/cleaning_rules.csv"))


def load_rules(folder: str | Path | None = None) -> list[CleaningRule]:
    """The built-in rules, plus ``<folder>/cleaning.csv`` if the corpus folder has one.

    A corpus ``cleaning.csv`` has columns ``file`` (optional: limit to one file),
    ``rule``, ``pattern`` and ``reason``; its patterns are matched against the start of a
    line (``re.match``), so a caption can be named by its first words.  A row whose
    ``rule`` is ``keep`` does the opposite: no rule removes a line it matches (a line
    repeated in several documents on purpose, a short line that is not a caption).
    """
    rules = list(_builtin_rules())
    if folder is not None and (Path(folder) / "cleaning.csv").is_file():
        path = Path(folder) / "cleaning.csv"
        with path.open(encoding="utf-8-sig", newline="") as fh:
            extra = _read_rules(fh, str(path))
        rules += [CleaningRule(r.rule, re.compile(r.pattern.pattern + r"(?s:.*)"),
                               r.reason, r.file) for r in extra]
    return rules


_GLOBAL_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")
_REFERS_TO_GROUPS = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


@functools.lru_cache(maxsize=8)
def _rule_screen(compiled: tuple[re.Pattern, ...]) -> re.Pattern | None:
    """One pattern that matches a whole line if any of ``compiled`` does (or None).

    Most lines match no rule; one C-level test then replaces one per rule.  Leading
    flags ("(?i)...") become scoped ("(?i:...)"), so each alternative means what its
    rule means.  Patterns that refer to groups by number or name would change meaning
    when joined, and flags given to ``re.compile`` rather than written in the pattern
    would be lost, so those get no screen.
    """
    patterns = [c.pattern for c in compiled]
    if not patterns or any(_REFERS_TO_GROUPS.search(p) for p in patterns) or any(
            re.compile(c.pattern).flags != c.flags for c in compiled):
        return None
    parts = []
    for p in patterns:
        m = _GLOBAL_FLAGS.match(p)
        parts.append(f"(?{m.group(1)}:{p[m.end():]})" if m else f"(?:{p})")
    try:
        return re.compile("|".join(parts))
    except re.error:
        return None


_MARKUP = "[#*"     # every pattern of strip_markdown needs one of these characters


def strip_markdown(line: str) -> str:
    """Remove Markdown markup but keep its text: ``[anchor](#)`` -> ``anchor``."""
    # Each pattern needs its marker character (_MARKUP): a line without it is left as it is.
    if "[" in line:
        line = _LINK.sub(r"\1", line)
    if line.startswith("#"):
        line = _HEADING.sub("", line)
    if "*" in line:
        line = _ITALIC.sub(r"\1", _BOLD.sub(r"\1", line))
    return line


def _shingles(words: list[str], n: int = 4) -> set[tuple[str, ...]]:
    return set(zip(*(words[k:] for k in range(n))))


def _is_pull_quote(words: list[str], others: list[set]) -> bool:
    """A short line most of whose 4-word sequences stand in one longer line."""
    if not 5 <= len(words) <= _PULL_QUOTE_MAX_WORDS:
        return False
    mine = _shingles(words)
    return any(len(mine & other) >= 0.6 * len(mine) for other in others)


def _pull_quotes(words: list[list[str]]) -> set[int]:
    """The lines that :func:`_is_pull_quote` finds against all the longer lines.

    Lines are visited from the longest candidate down while the shingles of every
    longer line are pooled: a line sharing fewer than 60% of its shingles with the pool
    cannot share them with one of its lines, so the pairwise test runs only for the
    few that pass.
    """
    sizes = [len(w) for w in words]
    candidates = sorted((i for i, k in enumerate(sizes) if 5 <= k <= _PULL_QUOTE_MAX_WORDS),
                        key=lambda i: -sizes[i])
    if not candidates:
        return set()
    shingles = [_shingles(w) if k > sizes[candidates[-1]] or 5 <= k <= _PULL_QUOTE_MAX_WORDS
                else set() for w, k in zip(words, sizes)]
    by_size = sorted(range(len(words)), key=lambda j: -sizes[j])
    pool: set = set()
    found, k = set(), 0
    for i in candidates:
        while k < len(by_size) and sizes[by_size[k]] > sizes[i]:
            pool |= shingles[by_size[k]]
            k += 1
        mine = shingles[i]
        if len(mine & pool) >= 0.6 * len(mine) and _is_pull_quote(
                words[i], [shingles[j] for j in range(len(words)) if sizes[j] > sizes[i]]):
            found.add(i)
    return found


def _folded_head(line: str, n: int) -> tuple[str, bool]:
    """The folded start of ``line``, longer than ``n`` characters, or all of it folded.

    Folding works character by character (:func:`discoursekit.text.fold`), so the fold
    of a prefix is a prefix of the fold: comparing a name with the start of a long
    paragraph does not need the whole paragraph folded.  ``whole`` says whether the
    result is the entire line.
    """
    k = n + 1
    while k < len(line):
        head = fold(line[:k])
        if len(head) > n:
            return head, False
        k *= 2
    return fold(line), True


def _author_names(author) -> list[str]:
    if not isinstance(author, str) or fold(author.strip()) in {"", "unknown"}:
        return []
    return [fold(a.strip()) for a in author.split(" & ") if a.strip()]


def clean_text(raw: str, *, title=None, author=None, file: str | None = None,
               rules: list[CleaningRule] | None = None) -> tuple[str, list[dict]]:
    """Clean one document.

    Parameters
    ----------
    raw : str
        The text as read (BOM and Windows line endings already removed).
    title, author : str, optional
        Metadata used to recognise the title line, bylines and author bios.
    file : str, optional
        The file name, for corpus rules that name one file.
    rules : list of CleaningRule, optional
        Defaults to :func:`load_rules` without a corpus folder.

    Returns
    -------
    text : str
        The kept paragraphs joined by blank lines.
    removed : list of dict
        One dict per removed line: ``line`` (1-based, in ``raw``), ``text``, ``rule``,
        ``reason``.
    """
    text, removed, _ = _clean_many([raw], titles=[title], authors=[author], files=[file],
                                   rules=rules)[0][0]
    return text, removed


class _KeptChunks(NamedTuple):
    """The chunks of the cleaned documents as numbers (what counting needs).

    ``ids`` holds the chunks of every document in turn, ``lengths`` the number per
    document, and ``distinct`` the chunk each number stands for, numbered in order of
    first occurrence in ``ids``.
    """

    ids: np.ndarray
    lengths: np.ndarray
    distinct: list[str]


def doc_lines(raw: str) -> list[tuple[int, str]]:
    """The non-empty lines of a document as cleaning sees them: ``(line number, text)``
    with Markdown markup stripped (:func:`strip_markdown`) and spaces trimmed."""
    plain = not any(c in raw for c in _MARKUP)       # nothing strip_markdown would change
    lines = enumerate(map(str.strip, raw.split("\n")) if plain else
                      (strip_markdown(ln).strip() for ln in raw.split("\n")), 1)
    return [(n, ln) for n, ln in lines if ln]


def _clean_many(raws: list[str], *, titles, authors, files, rules=None, repeated=None):
    """:func:`clean_text` of several documents, with the per-word work done for all at once.

    The lines of every document are split into chunks here; the number of words per
    line and the pull quotes then come from arrays over all the documents
    (:func:`_line_words`), so the only work per word is ``str.split`` and numbering its
    chunk (:func:`discoursekit.text._first_seen`, one C pass).  Returns ``(text, removed,
    chunks per paragraph)`` for each document, and the kept chunks as numbers
    (:class:`_KeptChunks`).
    """
    rules = load_rules() if rules is None else rules
    keeps = tuple(r for r in rules if r.rule == "keep")
    rules = [r for r in rules if r.rule != "keep"]
    screen = _rule_screen(tuple(r.pattern for r in rules))
    repeated = [None] * len(raws) if repeated is None else repeated
    docs, all_chunks = [], []
    for raw in raws:
        lines = doc_lines(raw)
        docs.append(lines)
        all_chunks += [ln.split() for _, ln in lines]
    n_lines = np.fromiter(map(len, docs), np.int64, len(docs))
    line_doc = np.repeat(np.arange(len(docs)), n_lines)
    sizes, pull, (ids, n_chunks, distinct) = _line_words(all_chunks, line_doc)
    bounds = np.concatenate([[0], np.cumsum(n_lines)]).tolist()
    out, used = [], []
    for lines, a, b, t, au, f, rep in zip(docs, bounds[:-1], bounds[1:], titles, authors,
                                          files, repeated):
        *result, kept = _clean_lines(lines, all_chunks[a:b], sizes[a:b],
                                     {i - a for i in pull if a <= i < b}, title=t, author=au,
                                     file=f, rules=rules, screen=screen, keeps=keeps,
                                     repeated=rep)
        out.append(tuple(result))
        used += [a + i for i in kept]
    keep = np.zeros(len(all_chunks), dtype=bool)
    keep[used] = True
    kept_ids = ids[np.repeat(keep, n_chunks)]
    first = np.full(len(distinct), len(kept_ids), np.int64)   # renumber in kept order
    np.minimum.at(first, kept_ids, np.arange(len(kept_ids)))
    order = np.argsort(first, kind="stable")[:int((first < len(kept_ids)).sum())]
    renumber = np.zeros(len(distinct), np.int64)
    renumber[order] = np.arange(len(order))
    lengths = np.bincount(line_doc[keep], weights=n_chunks[keep], minlength=len(docs))
    return out, _KeptChunks(renumber[kept_ids], lengths.astype(np.int64),
                            [distinct[i] for i in order.tolist()])


def _line_words(chunks: list[list[str]], line_doc: np.ndarray):
    """Words per line, and the lines :func:`_pull_quotes` finds, for lines of many documents.

    Also returns the lines' chunks as numbers: ``(ids, chunks per line, distinct)``.

    ``chunks`` holds the chunks of each line, ``line_doc`` the document of each line.  The
    distinct chunks are numbered once (:func:`discoursekit.text._chunk_infos` gives their
    folded words); the words of every line then follow as integer arrays.  The pooled
    pull-quote test of :func:`_pull_quotes` runs on 64-bit codes of (document, 4 words):
    after sorting, equal codes are checked to hold equal words, so the counts are exact
    (if two different shingles ever shared a code, the documents are handed to
    :func:`_pull_quotes` instead).  The few lines that pass get the exact pairwise test.
    """
    n_lines = len(chunks)
    n_chunks = np.fromiter(map(len, chunks), np.int64, n_lines)
    ids, distinct = _first_seen(chain.from_iterable(chunks), int(n_chunks.sum()))
    words_of = list(map(itemgetter(5), _chunk_infos(distinct)))
    wlen = np.fromiter(map(len, words_of), np.int64, len(words_of))
    wflat = _first_seen(chain.from_iterable(words_of), int(wlen.sum()))[0]
    nt = wlen[ids]                                 # words of each chunk in the text
    chunk_line = np.repeat(np.arange(n_lines), n_chunks)
    sizes = np.bincount(chunk_line, weights=nt, minlength=n_lines).astype(np.int64)
    candidate = (sizes >= 5) & (sizes <= _PULL_QUOTE_MAX_WORDS)
    numbered = (ids, n_chunks, distinct)
    if not candidate.any():
        return sizes.tolist(), set(), numbered
    word = wflat[_items_of(np.concatenate([[0], np.cumsum(wlen)]), ids)]
    line = np.repeat(chunk_line, nt)
    at = np.flatnonzero(line[3:] == line[:-3])     # shingle starts: 4 words in one line
    sline = line[at]

    def shingle(starts, lines):                    # (document, 4 words) of some shingles
        return [line_doc[lines]] + [word[k:][starts] for k in range(4)]

    code = np.zeros(len(at), np.uint64)
    for part in shingle(at, sline):
        code ^= part.astype(np.uint64)
        code *= _SHINGLE_MIX
    # A code that no other shingle has is a shingle seen once, in one line: it counts
    # towards that line's shingles but cannot be shared.  Counting codes by their top
    # bits finds most of them in one pass, so only the rest need sorting.
    bits = min(max(int(len(code)).bit_length() + 2, 10), 26)
    bucket = (code >> np.uint64(64 - bits)).astype(np.intp)
    alone = np.bincount(bucket, minlength=1 << bits)[bucket] == 1
    n_alone = np.bincount(sline[alone], minlength=n_lines)
    code, sline, at = code[~alone], sline[~alone], at[~alone]
    if not len(code):                              # no shingle seen twice: no pull quote
        return sizes.tolist(), set(), numbered
    order = np.argsort(code)
    code = code[order]
    tie = np.flatnonzero(code[1:] == code[:-1])    # a shingle seen more than once (few)
    one, other = order[tie], order[tie + 1]       # equal codes: same document and words?
    if any((a != b).any() for a, b in zip(shingle(at[one], sline[one]),
                                          shingle(at[other], sline[other]))):
        docs = np.unique(line_doc).tolist()        # two shingles share a code
        return sizes.tolist(), _pull_quotes_of(chunks, line_doc, docs), numbered
    eline = sline[order]
    if len(tie):                                   # within a run of one code, line order
        run = np.unique(np.concatenate([tie, tie + 1]))
        eline[run] = eline[run][np.lexsort((eline[run], code[run]))]
    same = code[1:] == code[:-1]
    # one entry per distinct (shingle, line); a group holds the lines that share a shingle
    keep = np.concatenate([[True], ~(same & (eline[1:] == eline[:-1]))])
    new_group = np.concatenate([[True], ~same])[keep]
    eline = eline[keep]
    start = np.flatnonzero(new_group)
    group = np.cumsum(new_group) - 1
    longest = np.maximum.reduceat(sizes[eline], start)
    n_shingles = np.bincount(eline, minlength=n_lines) + n_alone
    n_pooled = np.bincount(eline[longest[group] > sizes[eline]], minlength=n_lines)
    passed = candidate & (n_pooled >= 0.6 * n_shingles)
    # the pairwise test for the lines that pass: shared shingles per (line, longer line)
    a = np.flatnonzero(passed[eline])
    members = np.diff(np.append(start, len(eline)))[group[a]]
    b = _ranges(start[group[a]], members)
    la, lb = np.repeat(eline[a], members), eline[b]
    longer = sizes[lb] > sizes[la]
    pair, shared = np.unique(la[longer] * n_lines + lb[longer], return_counts=True)
    quote = pair[shared >= 0.6 * n_shingles[pair // n_lines]] // n_lines
    return sizes.tolist(), set(quote.tolist()), numbered


def _pull_quotes_of(chunks: list[list[str]], line_doc: np.ndarray, docs: list[int]) -> set[int]:
    """:func:`_pull_quotes` of the documents ``docs``, as indices into all the lines."""
    found = set()
    for d in docs:
        mine = np.flatnonzero(line_doc == d)
        words = [list(chain.from_iterable(map(itemgetter(5), _chunk_infos(c))))
                 for c in chunks[mine[0]:mine[-1] + 1]]
        found |= {int(mine[0]) + i for i in _pull_quotes(words)}
    return found


def _duplicates(lines, sizes) -> dict[int, tuple[str, str]]:
    """Lines printed more than once in a document: every copy of a short line, the later
    copies of a long one (see :mod:`discoursekit.furniture`)."""
    where: dict[str, list[int]] = {}
    for i, (_, line) in enumerate(lines):
        where.setdefault(line_key(line), []).append(i)
    verdict = ("duplicate_line", REPEATED_RULES["duplicate_line"])
    out = {}
    for key, found in where.items():
        if len(found) > 1 and key:
            first = 0 if sizes[found[0]] <= DUPLICATE_SHORT_WORDS else 1
            out.update((i, verdict) for i in found[first:])
    return out


def _clean_lines(lines, chunks, sizes, pull_quotes, *, title, author, file, rules,
                 screen=None, keeps=(), repeated=None):
    """Keep or remove each line of one document (see :func:`_clean_many`); ``screen``
    (:func:`_rule_screen`) fails on every line that no rule matches.  A line that a
    ``keep`` rule matches is never removed; ``repeated`` maps the keys
    (:func:`discoursekit.furniture.line_key`) of lines found in other documents to a
    rule and reason."""
    title_key = fold(title).strip() if isinstance(title, str) else None
    names = _author_names(author)
    duplicates = _duplicates(lines, sizes)
    kept_on_purpose = {i for i, (_, line) in enumerate(lines)
                       if any((k.file is None or k.file == file) and k.pattern.fullmatch(line)
                              for k in keeps)}

    def why(i: int) -> tuple[str, str] | None:
        n, line = lines[i]
        if i in kept_on_purpose:
            return None
        if i and _CAPTION_LABEL.fullmatch(lines[i - 1][1]):
            return "photo_credit", "caption after an 'Image caption' label"
        if screen is None or screen.fullmatch(line):
            for r in rules:
                if (r.file is None or r.file == file) and r.pattern.fullmatch(line):
                    return r.rule, r.reason
        if i < 3 and title_key and title_key not in {"unknown", ""} and fold(line) == title_key:
            return "title", "headline (in metadata as title); usually written by an editor"
        for name in names:
            head, whole = _folded_head(line, len(name))
            if whole and head == name:
                return "byline", "author name on a line of its own"
            if head.startswith(name) and sizes[i] > len(name.split()) + 2:
                return "author_bio", "paragraph that starts with the author's name"
        if repeated and (verdict := repeated.get(line_key(line))):
            return verdict
        if i in duplicates:
            return duplicates[i]
        if i in pull_quotes:
            return "pull_quote", "pull quote repeating a sentence of the body"
        return None

    kept, removed = [], []
    for i, (n, line) in enumerate(lines):
        verdict = why(i)
        if verdict:
            removed.append({"line": n, "text": line, "rule": verdict[0], "reason": verdict[1]})
        else:
            kept.append((n, line, sizes[i], i))

    # Short lines without sentence punctuation are captions, credits or subheadings, unless
    # the next kept line starts in lower case: then the paragraph was broken mid-sentence
    # and the two lines are joined.
    paragraphs: list[str] = []
    paragraph_sizes: list[int] = []       # chunks per paragraph
    used: list[int] = []                  # the lines whose chunks are in the text
    join_next = False
    for k, (n, line, size, i) in enumerate(kept):
        ends_sentence = line.rstrip()[-1:] in _SENTENCE_END
        next_is_lower = k + 1 < len(kept) and kept[k + 1][1][:1].islower()
        if join_next:
            paragraphs[-1] += " " + line
            paragraph_sizes[-1] += len(chunks[i])
        elif (not ends_sentence and not next_is_lower and size <= _CAPTION_MAX_WORDS
              and i not in kept_on_purpose):
            removed.append({"line": n, "text": line, "rule": "caption_or_heading",
                            "reason": "short line without sentence punctuation "
                                      "(photo caption, credit or subheading)"})
            continue
        else:
            paragraphs.append(line)
            paragraph_sizes.append(len(chunks[i]))
        used.append(i)
        join_next = not ends_sentence and next_is_lower
    removed.sort(key=lambda r: r["line"])
    return "\n\n".join(paragraphs), removed, paragraph_sizes, used
