"""The lexicon: cue lists kept as data, parsed and matched on normalised tokens.

A cue is a word, a phrase or a regular expression, matched on the project's normalised
tokens (:func:`discoursekit.normalize`), so "Kosova" and "Kosovo", "Vučić" and "Vucic"
behave alike; every match keeps its character offsets, so every code can be shown as the
words that produced it.  The built-in lexicons are ``lexicons/frames.yaml`` (nine issue
frames of the seed conflict and the five generic news frames of Semetko & Valkenburg
2000) and ``lexicons/functions.yaml`` (Entman's 1993 four functions); a codebook
(:mod:`.codebook`) builds a :class:`Lexicon` of its own categories the same way.
The names here are shared by the package's modules, not part of the public API.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from itertools import accumulate
from operator import itemgetter
from pathlib import Path

import pandas as pd
import yaml

from .._filecache import cached_on_file
from ..cleaning import _rule_screen
from ..text import _normalize_cached, tokenize

__all__ = ["ISSUE_FRAMES", "GENERIC_FRAMES", "FRAME_IDS", "FUNCTION_IDS", "CATEGORY_IDS"]


ISSUE_FRAMES = ("military_security", "energy_economy", "euro_atlantic_integration",
                "identity_religion", "information_warfare", "historical_analogy",
                "sovereignty_territory", "domestic_politics", "diplomacy")
GENERIC_FRAMES = ("conflict", "responsibility", "economic_consequences", "morality",
                  "human_interest")
FRAME_IDS = ISSUE_FRAMES + GENERIC_FRAMES
FUNCTION_IDS = ("problem_definition", "causal_attribution", "moral_evaluation",
                "treatment_recommendation")
CATEGORY_IDS = FRAME_IDS + FUNCTION_IDS

CUE_KEYS = {"cue", "cues", "regex", "note", "unless_preceded_by", "unless_followed_by"}
_HYPHEN = re.compile(r"[-\u2010\u2011]")


# --- lexicon ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Cue:
    category: str
    label: str                       # the cue as written in the lexicon
    tokens: tuple | None             # ((value, is_prefix), ...) for word/phrase cues
    regex: re.Pattern | None         # for regex cues
    note: str
    unless_before: re.Pattern | None
    unless_after: re.Pattern | None


@dataclass(frozen=True)
class Relabel:
    rule: str
    surface: re.Pattern
    norm: str
    not_first: bool
    note: str


@dataclass
class Lexicon:
    categories: tuple
    kinds: dict
    labels: dict
    cues: list
    relabel: list
    by_first: dict = field(default_factory=dict)   # exact first token -> cues
    prefix_cues: list = field(default_factory=list)
    regex_cues: list = field(default_factory=list)
    seen: dict = field(default_factory=dict)          # norm -> its candidates (a cache)
    by_prefix: dict = field(default_factory=dict)     # prefix -> [(place, cue), ...]
    relabelled: dict = field(default_factory=dict)    # surface -> relabel hits (a cache)
    prefix_lengths: list = field(init=False)          # the lengths of the prefixes
    regex_screen: re.Pattern | None = field(init=False)   # any regex cue (or None)
    order: dict = field(init=False)                   # category -> its place

    def __post_init__(self):
        for cue in self.cues:
            if cue.regex is not None:
                self.regex_cues.append(cue)
            elif cue.tokens[0][1]:
                self.by_prefix.setdefault(cue.tokens[0][0], []).append(
                    (len(self.prefix_cues), cue))
                self.prefix_cues.append(cue)
            else:
                self.by_first.setdefault(cue.tokens[0][0], []).append(cue)
        self.prefix_lengths = sorted({len(p) for p in self.by_prefix})
        # one search tells whether any regex cue can match (most sentences: none)
        self.regex_screen = _rule_screen(tuple(c.regex for c in self.regex_cues))
        self.order = {c: i for i, c in enumerate(self.categories)}

    def candidates(self, norm: str) -> tuple:
        """The cues whose first token can match ``norm``: the exact ones, then the
        prefix ones, in lexicon order.  Worked out once per distinct norm (testing every
        prefix cue against every token was four fifths of the coding time)."""
        found = self.seen.get(norm)
        if found is None:
            if len(self.seen) >= 500_000:
                self.seen.clear()
            # the prefix cues that ``norm`` starts with, by looking its first n characters
            # up for each prefix length n (not one startswith per prefix cue)
            hits = [hit for n in self.prefix_lengths if n <= len(norm)
                    for hit in self.by_prefix.get(norm[:n], ())]
            found = tuple(self.by_first.get(norm, ())) + tuple(c for _, c in sorted(
                hits, key=lambda hit: hit[0]))
            self.seen[norm] = found
        return found


def units_of(text: str, relabel=(), memo: dict | None = None) -> list[tuple[int, int, str, str]]:
    """Matching units of ``text``: ``(start, end, surface, norm)``; hyphenated words split.

    ``memo`` (surface -> the relabel rules it matches) spares testing every rule on
    every unit; a lexicon keeps one (:attr:`Lexicon.relabelled`).
    """
    tokens = tokenize(text)
    if _HYPHEN.search(text) is None:            # no compound to split (most sentences)
        out = [(a, b, w, n) for (a, b, w), n in
               zip(tokens, map(_normalize_cached, map(itemgetter(2), tokens)))]
    else:
        out = []
        for start, _, surface in tokens:
            pos = 0
            for part in _HYPHEN.split(surface):
                if part:
                    s = start + pos
                    out.append((s, s + len(part), part, _normalize_cached(part)))
                pos += len(part) + 1
    if not relabel:
        return out
    memo = {} if memo is None else memo
    for i, hits in enumerate(map(memo.get, map(itemgetter(2), out))):
        if hits == ():                          # most units: no rule matches
            continue
        unit = out[i]
        if hits is None:
            hits = memo[unit[2]] = tuple((r.not_first, r.norm) for r in relabel
                                         if r.surface.search(unit[2]))
        for not_first, norm in hits:
            if not (not_first and i == 0):
                out[i] = unit[:3] + (norm,)
                break
    return out


def cue_tokens(cue: str) -> tuple:
    parts = []
    for piece in cue.split():
        star = piece.endswith("*")
        units = units_of(piece.rstrip("*"))
        if not units:
            raise ValueError(f"cue {cue!r} has no word in it")
        for j, unit in enumerate(units):
            parts.append((unit[3], star and j == len(units) - 1))
    return tuple(parts)


def _compile(pattern, where: str) -> re.Pattern | None:
    if pattern is None:
        return None
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"{where}: the regular expression {pattern!r} is invalid ({exc}); "
                         "fix it (it is matched on the normalised, lower-case sentence).") \
            from None


def read_yaml(path, default: str) -> tuple[dict, str]:
    if path is None:
        ref = resources.files("discoursekit.lexicons").joinpath(default)
        text, source = ref.read_text(encoding="utf-8"), f"discoursekit/lexicons/{default}"
    else:
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"lexicon {path} does not exist; pass the path of a YAML "
                                    f"file laid out like discoursekit/lexicons/{default}.")
        text, source = path.read_text(encoding="utf-8"), str(path)
    try:
        return yaml.safe_load(text), source
    except yaml.YAMLError as exc:
        raise ValueError(f"{source}: not valid YAML ({exc}). A note or pattern that contains "
                         "': ' or starts with a quote must be quoted.") from None


_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def category_cues(cat: str, items, source: str, where_of=None) -> list[Cue]:
    """The cues of one category (``items``: the list under its ``cues`` key).

    ``where_of(n)`` names cue ``n`` in messages (default: "source, category, cue #n").
    """
    cues = []
    if items is not None and not isinstance(items, list):
        raise ValueError(f"{source}, {cat}: 'cues' must be a list of {{cue: ..., note: ...}} "
                         "entries.")
    for n, item in enumerate(items or [], start=1):
        where = where_of(n) if where_of is not None else f"{source}, {cat}, cue #{n}"
        if isinstance(item, str):
            raise ValueError(f"{where}: {item!r} has no note; write it as "
                             "{cue: ..., note: why it belongs}.")
        if not isinstance(item, dict):
            raise ValueError(f"{where}: a cue is a mapping such as {{cue: word, note: why}}; "
                             f"got {item!r}.")
        unknown = set(item) - CUE_KEYS
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {sorted(unknown)}; allowed keys are "
                             f"{sorted(CUE_KEYS)}.")
        if not str(item.get("note") or "").strip():
            raise ValueError(f"{where}: every cue needs a 'note' saying why it belongs.")
        before = _compile(item.get("unless_preceded_by"), where)
        after = _compile(item.get("unless_followed_by"), where)
        words = ([item["cue"]] if "cue" in item else []) + list(item.get("cues") or [])
        for word in words:
            try:
                tokens = cue_tokens(str(word))
            except ValueError as exc:
                raise ValueError(f"{where}: {exc}; write the cue as words.") from None
            cues.append(Cue(cat, str(word), tokens, None, item["note"], before, after))
        if "regex" in item:
            cues.append(Cue(cat, item["regex"], None, _compile(item["regex"], where),
                             item["note"], before, after))
        if not words and "regex" not in item:
            raise ValueError(f"{where}: give a 'cue', a list 'cues' or a 'regex'.")
    return cues


def relabel_rules(relabel_data, source: str) -> list[Relabel]:
    return [Relabel(r["rule"], _compile(r["surface"], f"{source}, relabel {r['rule']}"),
                     r["norm"], bool(r.get("not_first")), r.get("note", ""))
            for r in (relabel_data or [])]


def _parse(data: dict, section: str, ids: tuple, source: str, relabel_data) -> Lexicon:
    """A lexicon from a frames or functions YAML file.

    The categories are those of the file, in its order: a frame added to a copy of
    ``frames.yaml`` is coded like the built-in ones (its id must be snake_case).  ``ids``
    (the built-in ids) only sets the default kind of the built-in categories.
    """
    if not isinstance(data, dict) or not isinstance(data.get(section), dict):
        raise ValueError(f"{source}: expected a top-level mapping {section!r}: with one entry "
                         "per category.")
    block = data[section]
    if not block:
        raise ValueError(f"{source}: {section!r} has no category; add at least one.")
    bad = [c for c in block if not isinstance(c, str) or not _ID.match(c)]
    if bad:
        raise ValueError(f"{source}: category id {bad[0]!r} is not snake_case; use lower-case "
                         "letters, digits and underscores, starting with a letter "
                         "(e.g. work_life_balance).")
    cues, kinds, labels = [], {}, {}
    for cat in block:
        entry = block[cat] or {}
        kinds[cat] = entry.get("kind", "function" if section == "functions" else
                               ("generic" if cat in GENERIC_FRAMES else "issue"))
        labels[cat] = entry.get("label", cat)
        cues.extend(category_cues(cat, entry.get("cues"), source))
    return Lexicon(tuple(block), kinds, labels, cues, relabel_rules(relabel_data, source))


def lexicon_of(which: str, lexicon) -> Lexicon:
    """The lexicon to code with: a built lexicon (from a codebook) as it is, else the file
    ``lexicon`` (default: the built-in one)."""
    if isinstance(lexicon, Lexicon):
        return lexicon
    return builtin_lexicon(which, None if lexicon is None else str(lexicon))


@cached_on_file(maxsize=8)
def builtin_lexicon(which: str, path: str | None = None) -> Lexicon:
    frames, fsource = read_yaml(path if which == "frames" else None, "frames.yaml")
    relabel = frames.get("relabel")
    if which == "frames":
        return _parse(frames, "frames", FRAME_IDS, fsource, relabel)
    data, source = read_yaml(path, "functions.yaml")
    return _parse(data, "functions", FUNCTION_IDS, source, data.get("relabel", relabel))


# --- matching --------------------------------------------------------------------------
def match_sentence(text: str, lex: Lexicon,
                    units=None) -> dict[str, list[tuple[str, int, int]]]:
    """Matches per category: ``{category: [(surface, start, end), ...]}``; ``units`` are
    ``units_of(text, lex.relabel)`` if already made."""
    if units is None:
        units = units_of(text, lex.relabel, lex.relabelled)
    norms = list(map(itemgetter(3), units))
    joined = " ".join(norms)
    found: dict[str, set] = {}
    offsets = []          # of each norm in joined: made when a match needs them (few do)

    def offset(i: int) -> int:
        if not offsets:
            offsets.extend(accumulate((len(norm) + 1 for norm in norms), initial=0))
        return offsets[i]

    def allowed(cue: Cue, a: int, b: int) -> bool:
        if cue.unless_before is not None and cue.unless_before.search(joined[:a]):
            return False
        if cue.unless_after is not None and cue.unless_after.search(joined[b:]):
            return False
        return True

    def add(cue: Cue, first: int, last: int):
        s, e = units[first][0], units[last][1]
        found.setdefault(cue.category, set()).add((text[s:e], s, e))

    n = len(units)
    seen = lex.seen
    for i, norm in enumerate(norms):
        cues = seen.get(norm)
        if cues is None:
            cues = lex.candidates(norm)
        for cue in cues:        # the first token matches (see candidates); test the rest
            k = len(cue.tokens)
            if k > 1:
                if i + k > n:
                    continue
                v, pre = cue.tokens[1]             # most phrases fail here: test it first
                if not (norms[i + 1].startswith(v) if pre else norms[i + 1] == v) or k > 2 \
                        and not all((norms[i + j].startswith(v) if pre else norms[i + j] == v)
                                    for j, (v, pre) in enumerate(cue.tokens[2:], start=2)):
                    continue
            if cue.unless_before is None and cue.unless_after is None or allowed(
                    cue, offset(i), offset(i + k - 1) + len(norms[i + k - 1])):
                add(cue, i, i + k - 1)
    screen = lex.regex_screen
    for cue in (lex.regex_cues if screen is None or screen.search(joined) else ()):
        for m in cue.regex.finditer(joined):
            if m.end() == m.start() or not allowed(cue, m.start(), m.end()):
                continue
            offset(0)
            hit = [j for j in range(n)
                   if offsets[j] < m.end() and offsets[j] + len(norms[j]) > m.start()]
            if hit:
                add(cue, hit[0], hit[-1])
    return {c: sorted(found[c], key=lambda t: (t[1], t[2], t[0]))
            for c in sorted(found, key=lex.order.get)}


def check_texts(texts, name: str) -> list[str]:
    if isinstance(texts, str):
        raise TypeError(f"{name}() takes a list of sentences, not one string; wrap it: "
                        f"{name}([text]).")
    if isinstance(texts, pd.DataFrame):
        raise TypeError(f"{name}() takes a list or Series of sentences; for a corpus use "
                        "code_corpus_frames(corpus), for a DataFrame pass df['text'].")
    texts = list(texts)
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise TypeError(f"{name}(): item {i} is {type(t).__name__} ({t!r}), not a string; "
                            "pass sentences as strings (fill missing ones with '').")
    return texts


def match_texts(texts, which: str, lexicon, units=None) -> list[dict]:
    """The matches of each text with one lexicon; ``units`` (one list per text, see
    :func:`sentence_units`) are shared when two lexicons relabel alike."""
    lex = lexicon_of(which, lexicon)
    if units is not None and units[0] != lex.relabel:
        units = None
    return ([match_sentence(t, lex) for t in texts] if units is None else
            [match_sentence(t, lex, u) for t, u in zip(texts, units[1])])
