"""Cleaning: from a file as read to the text of the author's argument, keeping a record.

A document is handled one non-empty line at a time (each line of these files is a
paragraph).  Markdown markup is stripped (link anchors and heading text are kept), then
each line is kept or removed by a rule.  The rules are data where they can be
(``data/cleaning_rules.csv``, plus an optional ``cleaning.csv`` in a corpus folder for
corpus-specific lines), and a few generic mechanisms that need the document's metadata or
its other lines: the title line, bylines and author bios, pull quotes that repeat a body
sentence, and short lines without sentence punctuation (captions, credits, subheadings).
Lines broken in the middle of a sentence are joined.  Every removed line is returned
with its line number, the rule and the reason, so a reader sees exactly what was dropped.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .text import fold, tokenize

__all__ = ["CleaningRule", "clean_text", "load_rules"]

_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")
_HEADING = re.compile(r"^#{1,6}\s+")
_BOLD = re.compile(r"\*\*([^*\n]+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_SENTENCE_END = re.compile(r"[.!?…:;\"”’')\]]\s*$")
_PULL_QUOTE_MAX_WORDS = 40
_CAPTION_MAX_WORDS = 15


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
    line (``re.match``), so a caption can be named by its first words.
    """
    rules = list(_builtin_rules())
    if folder is not None and (Path(folder) / "cleaning.csv").is_file():
        path = Path(folder) / "cleaning.csv"
        with path.open(encoding="utf-8-sig", newline="") as fh:
            extra = _read_rules(fh, str(path))
        rules += [CleaningRule(r.rule, re.compile(r.pattern.pattern + r"(?s:.*)"),
                               r.reason, r.file) for r in extra]
    return rules


def strip_markdown(line: str) -> str:
    """Remove Markdown markup but keep its text: ``[anchor](#)`` -> ``anchor``."""
    line = _LINK.sub(r"\1", line)
    line = _HEADING.sub("", line)
    line = _BOLD.sub(r"\1", line)
    return _ITALIC.sub(r"\1", line)


def _words(line: str) -> list[str]:
    return [fold(t) for _, _, t in tokenize(line)]


def _shingles(words: list[str], n: int = 4) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _is_pull_quote(words: list[str], others: list[set]) -> bool:
    """A short line most of whose 4-word sequences stand in one longer line."""
    if not 5 <= len(words) <= _PULL_QUOTE_MAX_WORDS:
        return False
    mine = _shingles(words)
    return any(len(mine & other) >= 0.6 * len(mine) for other in others)


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
    rules = load_rules() if rules is None else rules
    lines = [(n, strip_markdown(ln).strip()) for n, ln in enumerate(raw.split("\n"), 1)]
    lines = [(n, ln) for n, ln in lines if ln]
    words = [_words(ln) for _, ln in lines]
    shingles = [_shingles(w) for w in words]
    title_key = fold(title).strip() if isinstance(title, str) else None
    names = _author_names(author)

    def why(i: int) -> tuple[str, str] | None:
        n, line = lines[i]
        for r in rules:
            if (r.file is None or r.file == file) and r.pattern.fullmatch(line):
                return r.rule, r.reason
        key = fold(line)
        if i < 3 and title_key and title_key not in {"unknown", ""} and key == title_key:
            return "title", "headline (in metadata as title); usually written by an editor"
        for name in names:
            if key == name:
                return "byline", "author name on a line of its own"
            if key.startswith(name) and len(words[i]) > len(name.split()) + 2:
                return "author_bio", "paragraph that starts with the author's name"
        longer = [s for j, s in enumerate(shingles) if j != i and len(words[j]) > len(words[i])]
        if _is_pull_quote(words[i], longer):
            return "pull_quote", "pull quote repeating a sentence of the body"
        return None

    kept, removed = [], []
    for i, (n, line) in enumerate(lines):
        verdict = why(i)
        if verdict:
            removed.append({"line": n, "text": line, "rule": verdict[0], "reason": verdict[1]})
        else:
            kept.append((n, line))

    # Short lines without sentence punctuation are captions, credits or subheadings, unless
    # the next kept line starts in lower case: then the paragraph was broken mid-sentence
    # and the two lines are joined.
    paragraphs: list[str] = []
    join_next = False
    for k, (n, line) in enumerate(kept):
        ends_sentence = bool(_SENTENCE_END.search(line))
        next_is_lower = k + 1 < len(kept) and kept[k + 1][1][:1].islower()
        if join_next:
            paragraphs[-1] += " " + line
        elif (not ends_sentence and not next_is_lower
              and len(_words(line)) <= _CAPTION_MAX_WORDS):
            removed.append({"line": n, "text": line, "rule": "caption_or_heading",
                            "reason": "short line without sentence punctuation "
                                      "(photo caption, credit or subheading)"})
            continue
        else:
            paragraphs.append(line)
        join_next = not ends_sentence and next_is_lower
    removed.sort(key=lambda r: r["line"])
    return "\n\n".join(paragraphs), removed
