"""Framing: sentence-level coding of frames and of Entman's framing functions, and what
can be computed from it (profiles with bootstrap intervals over texts, co-occurrence, the
flow of frames through an article, evidence sentences, remedies by addressed actor, and
an NMF topic cross-check).

The categories are data: ``lexicons/frames.yaml`` (nine issue-specific frames and the
five generic news frames of Semetko & Valkenburg 2000) and ``lexicons/functions.yaml``
(the four functions of Entman 1993).  A cue is a word, a phrase or a regular
expression, matched on the project's normalised tokens (:func:`discoursekit.normalize`),
so "Kosova" and "Kosovo", "Vučić" and "Vucic" behave alike.  Every match keeps its
character offsets, so every code can be shown as the words that produced it.

The written coding guide for human coders is ``lexicons/framing_coding_guide.md``;
the validation against hand codes lives in :mod:`discoursekit.validation`.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from importlib import resources
from itertools import accumulate
from operator import itemgetter
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from ._filecache import cached_on_file
from ._validate import check_choice
from .cleaning import _rule_screen
from .resampling import text_bootstrap
from .text import _normalize_cached, join_multiword, normalize, stopwords, tokenize

__all__ = [
    "ISSUE_FRAMES",
    "GENERIC_FRAMES",
    "FRAME_IDS",
    "FUNCTION_IDS",
    "CATEGORY_IDS",
    "code_frames",
    "code_functions",
    "code_corpus_frames",
    "coder_agreement",
    "lexicon_table",
    "category_labels",
    "actor_aliases",
    "find_actors",
    "frame_profile",
    "frames_to_show",
    "categories_not_carried",
    "frame_cooccurrence",
    "frame_flow",
    "frame_evidence",
    "style_evidence",
    "code_remedies",
    "count_remedies",
    "sentence_topics",
    "topic_terms",
    "topic_frame_overlap",
    "hand_coded_sample",
    "validate_lexicon",
    "lexicon_errors",
]

ISSUE_FRAMES = ("military_security", "energy_economy", "euro_atlantic_integration",
                "identity_religion", "information_warfare", "historical_analogy",
                "sovereignty_territory", "domestic_politics", "diplomacy")
GENERIC_FRAMES = ("conflict", "responsibility", "economic_consequences", "morality",
                  "human_interest")
FRAME_IDS = ISSUE_FRAMES + GENERIC_FRAMES
FUNCTION_IDS = ("problem_definition", "causal_attribution", "moral_evaluation",
                "treatment_recommendation")
CATEGORY_IDS = FRAME_IDS + FUNCTION_IDS

_CUE_KEYS = {"cue", "cues", "regex", "note", "unless_preceded_by", "unless_followed_by"}
_HYPHEN = re.compile(r"[-\u2010\u2011]")


# --- lexicon ---------------------------------------------------------------------------
@dataclass(frozen=True)
class _Cue:
    category: str
    label: str                       # the cue as written in the lexicon
    tokens: tuple | None             # ((value, is_prefix), ...) for word/phrase cues
    regex: re.Pattern | None         # for regex cues
    note: str
    unless_before: re.Pattern | None
    unless_after: re.Pattern | None


@dataclass(frozen=True)
class _Relabel:
    rule: str
    surface: re.Pattern
    norm: str
    not_first: bool
    note: str


@dataclass
class _Lexicon:
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


def _units(text: str, relabel=(), memo: dict | None = None) -> list[tuple[int, int, str, str]]:
    """Matching units of ``text``: ``(start, end, surface, norm)``; hyphenated words split.

    ``memo`` (surface -> the relabel rules it matches) spares testing every rule on
    every unit; a lexicon keeps one (:attr:`_Lexicon.relabelled`).
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


def _cue_tokens(cue: str) -> tuple:
    parts = []
    for piece in cue.split():
        star = piece.endswith("*")
        units = _units(piece.rstrip("*"))
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


def _read_yaml(path, default: str) -> tuple[dict, str]:
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


def _parse(data: dict, section: str, ids: tuple, source: str, relabel_data) -> _Lexicon:
    if not isinstance(data, dict) or not isinstance(data.get(section), dict):
        raise ValueError(f"{source}: expected a top-level mapping {section!r}: with one entry "
                         "per category.")
    block = data[section]
    missing = [c for c in ids if c not in block]
    extra = [c for c in block if c not in ids]
    if missing or extra:
        raise ValueError(f"{source}: the categories must be exactly {', '.join(ids)}; "
                         f"missing: {missing or 'none'}, unknown: {extra or 'none'}.")
    cues, kinds, labels = [], {}, {}
    for cat in ids:
        entry = block[cat] or {}
        kinds[cat] = entry.get("kind", "function" if section == "functions" else "issue")
        labels[cat] = entry.get("label", cat)
        for n, item in enumerate(entry.get("cues") or [], start=1):
            where = f"{source}, {cat}, cue #{n}"
            if isinstance(item, str):
                raise ValueError(f"{where}: {item!r} has no note; write it as "
                                 "{cue: ..., note: why it belongs}.")
            unknown = set(item) - _CUE_KEYS
            if unknown:
                raise ValueError(f"{where}: unknown key(s) {sorted(unknown)}; allowed keys are "
                                 f"{sorted(_CUE_KEYS)}.")
            if not str(item.get("note") or "").strip():
                raise ValueError(f"{where}: every cue needs a 'note' saying why it belongs.")
            before = _compile(item.get("unless_preceded_by"), where)
            after = _compile(item.get("unless_followed_by"), where)
            words = ([item["cue"]] if "cue" in item else []) + list(item.get("cues") or [])
            for word in words:
                cues.append(_Cue(cat, str(word), _cue_tokens(str(word)), None,
                                 item["note"], before, after))
            if "regex" in item:
                cues.append(_Cue(cat, item["regex"], None, _compile(item["regex"], where),
                                 item["note"], before, after))
            if not words and "regex" not in item:
                raise ValueError(f"{where}: give a 'cue', a list 'cues' or a 'regex'.")
    relabel = [_Relabel(r["rule"], _compile(r["surface"], f"{source}, relabel {r['rule']}"),
                        r["norm"], bool(r.get("not_first")), r.get("note", ""))
               for r in (relabel_data or [])]
    return _Lexicon(tuple(ids), kinds, labels, cues, relabel)


@cached_on_file(maxsize=8)
def _lexicon(which: str, path: str | None = None) -> _Lexicon:
    frames, fsource = _read_yaml(path if which == "frames" else None, "frames.yaml")
    relabel = frames.get("relabel")
    if which == "frames":
        return _parse(frames, "frames", FRAME_IDS, fsource, relabel)
    data, source = _read_yaml(path, "functions.yaml")
    return _parse(data, "functions", FUNCTION_IDS, source, data.get("relabel", relabel))


# --- matching --------------------------------------------------------------------------
def _match_sentence(text: str, lex: _Lexicon,
                    units=None) -> dict[str, list[tuple[str, int, int]]]:
    """Matches per category: ``{category: [(surface, start, end), ...]}``; ``units`` are
    ``_units(text, lex.relabel)`` if already made."""
    if units is None:
        units = _units(text, lex.relabel, lex.relabelled)
    norms = list(map(itemgetter(3), units))
    joined = " ".join(norms)
    found: dict[str, set] = {}
    offsets = []          # of each norm in joined: made when a match needs them (few do)

    def offset(i: int) -> int:
        if not offsets:
            offsets.extend(accumulate((len(norm) + 1 for norm in norms), initial=0))
        return offsets[i]

    def allowed(cue: _Cue, a: int, b: int) -> bool:
        if cue.unless_before is not None and cue.unless_before.search(joined[:a]):
            return False
        if cue.unless_after is not None and cue.unless_after.search(joined[b:]):
            return False
        return True

    def add(cue: _Cue, first: int, last: int):
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


def _check_texts(texts, name: str) -> list[str]:
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


def _matches(texts, which: str, lexicon, units=None) -> list[dict]:
    """The matches of each text with one lexicon; ``units`` (one list per text, see
    :func:`_sentence_units`) are shared when two lexicons relabel alike."""
    lex = _lexicon(which, None if lexicon is None else str(lexicon))
    if units is not None and units[0] != lex.relabel:
        units = None
    return ([_match_sentence(t, lex) for t in texts] if units is None else
            [_match_sentence(t, lex, u) for t, u in zip(texts, units[1])])


def _code(texts, which: str, lexicon, matches=None) -> pd.DataFrame:
    """The coded table of ``texts`` (from their ``matches``, if already found)."""
    lex = _lexicon(which, None if lexicon is None else str(lexicon))
    matches = _matches(texts, which, lexicon) if matches is None else matches
    out = pd.DataFrame({"text": pd.Series(texts, dtype=object)})
    for cat in lex.categories:
        out[cat] = np.array([cat in m for m in matches], dtype=bool)
    out["cues"] = pd.Series(matches, dtype=object)
    out.attrs["categories"] = list(lex.categories)
    return out


def _sentence_units(texts: list[str], lex: _Lexicon) -> tuple[list, list]:
    """``(relabel rules, units of each text)``: tokenised once for frames and functions."""
    return lex.relabel, [_units(t, lex.relabel, lex.relabelled) for t in texts]


def _corpus_matches(texts: list[str], *, lexicon, functions_lexicon, functions: bool):
    """``[frame matches, function matches or None]`` of each text (one task for a worker
    process of :func:`discoursekit.corpus._in_parallel`)."""
    units = _sentence_units(texts, _lexicon("frames", lexicon))
    return [_matches(texts, "frames", lexicon, units),
            _matches(texts, "functions", functions_lexicon, units) if functions else None]


def code_frames(texts, *, lexicon: str | Path | None = None) -> pd.DataFrame:
    """Code each sentence for the nine issue-specific and five generic frames.

    A sentence can carry several frames or none.  A frame is present when at least one of
    its cues matches (a word, a phrase or a pattern over normalised tokens; see
    ``lexicons/frames.yaml``) and no disambiguation rule vetoes the match.

    Parameters
    ----------
    texts : list or Series of str
        Sentences (any strings; one row of output per item, in order).
    lexicon : str or Path, optional
        A frames YAML file laid out like the built-in ``lexicons/frames.yaml``.

    Returns
    -------
    DataFrame
        ``text``, one boolean column per frame id (:data:`FRAME_IDS`: issue frames
        first, then the generic frames of Semetko & Valkenburg 2000), and ``cues``: a
        dict ``{frame: [(surface, start, end), ...]}`` with the matched words and their
        character offsets in the sentence, for the frames that fired.

    Raises
    ------
    TypeError
        If ``texts`` is a single string or contains a non-string.
    ValueError
        If the lexicon file is malformed (the message names the category and cue).

    See Also
    --------
    code_functions : the four framing functions of Entman (1993).
    code_corpus_frames : frames and functions for every sentence of a corpus.

    Notes
    -----
    Issue frames follow the project's definitions and the Policy Frames Codebook
    (Boydstun et al. 2014); generic frames follow Semetko & Valkenburg (2000).  The
    coding guide for human coders is ``lexicons/framing_coding_guide.md``.

    Examples
    --------
    >>> out = code_frames(["In May, Serbia placed its troops on combat alert."])
    >>> bool(out.loc[0, "military_security"]), out.loc[0, "cues"]["military_security"][0]
    (True, ('troops', 26, 32))
    """
    return _code(_check_texts(texts, "code_frames"), "frames", lexicon)


def code_functions(texts, *, lexicon: str | Path | None = None) -> pd.DataFrame:
    """Code each sentence for Entman's (1993) four framing functions.

    Parameters
    ----------
    texts : list or Series of str
    lexicon : str or Path, optional
        A functions YAML file laid out like ``lexicons/functions.yaml``.

    Returns
    -------
    DataFrame
        ``text``, boolean ``problem_definition``, ``causal_attribution``,
        ``moral_evaluation``, ``treatment_recommendation``, and ``cues`` (as in
        :func:`code_frames`).

    Notes
    -----
    Entman (1993): framing selects and makes salient to promote a problem definition, a
    causal interpretation, a moral evaluation and/or a treatment recommendation.
    Treatment recommendations are found through deontic modality ("must", "should",
    "need to", "it is time for"; Biber et al. 1999), with documented exclusions:
    epistemic "must have been", reported beliefs ("many believe the country should…"),
    "May" the month.

    Examples
    --------
    >>> out = code_functions(["NATO must create a coalition of the willing.",
    ...                       "In May, Serbia placed its troops on combat alert."])
    >>> out["treatment_recommendation"].tolist()
    [True, False]
    """
    return _code(_check_texts(texts, "code_functions"), "functions", lexicon)


def code_corpus_frames(corpus, *, functions: bool = True, lexicon: str | Path | None = None,
                       functions_lexicon: str | Path | None = None) -> pd.DataFrame:
    """Frames (and, by default, framing functions) for every sentence of a corpus.

    Parameters
    ----------
    corpus : Corpus
        From :func:`discoursekit.load_corpus`.
    functions : bool, default True
        Also code Entman's four functions (:func:`code_functions`).
    lexicon, functions_lexicon : str or Path, optional
        A frames YAML file and a functions YAML file to use instead of the built-in ones
        (see :func:`code_frames`, :func:`code_functions`; ``copy_lexicon`` makes editable
        copies).  An edited file is read again on the next call.

    Returns
    -------
    DataFrame
        One row per sentence in corpus order: ``doc_id, sent_id, group, start, end,
        position`` (relative position in the article, ``(sent_id + 0.5) / n``, in 0–1),
        ``text``, one boolean column per frame and function id, and ``cues`` (one dict
        per sentence for frames and functions together; offsets are relative to the
        sentence, add ``start`` for offsets in the document).
    """
    if not hasattr(corpus, "sentences") or not hasattr(corpus, "docs"):
        raise TypeError("code_corpus_frames() takes a Corpus (from discoursekit.load_corpus); "
                        "for a list of sentences use code_frames(texts).")
    sents = corpus.sentences
    groups = dict(zip(corpus.docs["doc_id"], corpus.docs["group"]))
    out = sents[["doc_id", "sent_id"]].copy()
    out.insert(2, "group", out["doc_id"].map(groups))
    out["start"], out["end"] = sents["start"].to_numpy(), sents["end"].to_numpy()
    n = out.groupby("doc_id", sort=False)["sent_id"].transform("size")
    out["position"] = (out["sent_id"] + 0.5) / n
    from .corpus import _in_parallel

    texts = _check_texts(sents["text"].tolist(), "code_corpus_frames")
    lexicon, functions_lexicon = (None if p is None else str(p)
                                  for p in (lexicon, functions_lexicon))
    _lexicon("frames", lexicon)               # a bad lexicon fails here, before any worker
    if functions:
        _lexicon("functions", functions_lexicon)
    # a large corpus is coded on every core, in document order (the same table)
    parts = _in_parallel(_corpus_matches, texts, lexicon=lexicon,
                         functions_lexicon=functions_lexicon, functions=functions)
    coded = [_code(texts, "frames", lexicon, [m for p in parts for m in p[0]])]
    if functions:
        coded.append(_code(texts, "functions", functions_lexicon,
                           [m for p in parts for m in p[1]]))
    out["text"] = sents["text"].to_numpy()
    cats = []
    for part in coded:
        for cat in part.attrs["categories"]:
            out[cat] = part[cat].to_numpy()
            cats.append(cat)
    out["cues"] = [dict(a, **(b or {})) for a, b in
                   zip(coded[0]["cues"], coded[1]["cues"] if functions else [None] * len(out))]
    out = out.reset_index(drop=True)
    out.attrs["categories"] = cats
    return out


def lexicon_table(which: str = "frames", *, lexicon: str | Path | None = None) -> pd.DataFrame:
    """The lexicon as a table: one row per cue.

    Parameters
    ----------
    which : {"frames", "functions"}
    lexicon : str or Path, optional
        A YAML file to read instead of the built-in one.

    Returns
    -------
    DataFrame
        ``category, kind, type`` ("word", "phrase", "pattern"), ``cue, note``, and
        ``exclusion`` (the disambiguation rule, if any), in lexicon order.
    """
    check_choice("which", which, ["frames", "functions"], what="parameter of lexicon_table")
    lex = _lexicon(which, None if lexicon is None else str(lexicon))
    rows = []
    for c in lex.cues:
        kind = "pattern" if c.regex is not None else ("phrase" if len(c.tokens) > 1 else "word")
        excl = "; ".join(f"{name}: {p.pattern}" for name, p in
                         (("unless preceded by", c.unless_before),
                          ("unless followed by", c.unless_after)) if p is not None)
        rows.append((c.category, lex.kinds[c.category], kind, c.label, c.note, excl))
    return pd.DataFrame(rows, columns=["category", "kind", "type", "cue", "note", "exclusion"])


def category_labels() -> dict[str, str]:
    """Readable labels of every frame and function id, from the lexicon files."""
    frames, functions = _lexicon("frames"), _lexicon("functions")
    return {**frames.labels, **functions.labels}


# --- actors ----------------------------------------------------------------------------
@cached_on_file(maxsize=4)
def _actor_table(path: str | None = None) -> tuple:
    if path is None:
        ref = resources.files("discoursekit.lexicons").joinpath("actors.csv")
        with ref.open(encoding="utf-8", newline="") as fh:
            table = pd.read_csv(fh, dtype=str, keep_default_na=False, comment="#")
        source = "discoursekit/lexicons/actors.csv"
    else:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
        source = str(path)
    missing = {"actor", "alias", "note"} - set(table.columns)
    if missing:
        raise ValueError(f"{source}: missing column(s) {sorted(missing)}; the actor table needs "
                         "'actor', 'alias' and 'note'.")
    aliases = [(row.actor.strip(), row.alias.strip(), _cue_tokens(row.alias.strip()))
               for row in table.itertuples() if row.alias.strip()]
    # longest aliases first, so that "Kosovo Force" is NATO, not Kosovo
    aliases.sort(key=lambda a: (-len(a[2]), a[1]))
    return table, tuple(aliases)


def actor_aliases(*, path: str | Path | None = None) -> pd.DataFrame:
    """The editable actor alias table (``lexicons/actors.csv``: actor, alias, note)."""
    return _actor_table(None if path is None else str(path))[0].copy()


def _actors_in(text: str, aliases) -> list[tuple[str, str, int, int]]:
    relabel = _lexicon("frames").relabel
    units = _units(text, relabel)
    norms = [u[3] for u in units]
    taken = [False] * len(units)
    out = []
    for actor, _, toks in aliases:
        k = len(toks)
        for i in range(len(units) - k + 1):
            if any(taken[i:i + k]):
                continue
            if all((norms[i + j].startswith(v) if pre else norms[i + j] == v)
                   for j, (v, pre) in enumerate(toks)):
                taken[i:i + k] = [True] * k
                s, e = units[i][0], units[i + k - 1][1]
                out.append((actor, text[s:e], s, e))
    return sorted(out, key=lambda t: (t[2], t[3]))


def find_actors(texts, *, path: str | Path | None = None) -> pd.DataFrame:
    """Actor mentions in each text, through the alias table.

    Aliases are matched on normalised tokens, longest first and without overlap
    ("Kosovo Force" is NATO, not Kosovo; "us" the pronoun is never the US).

    Returns
    -------
    DataFrame
        ``row`` (index of the input text), ``actor, surface, start, end``.
    """
    texts = _check_texts(texts, "find_actors")
    aliases = _actor_table(None if path is None else str(path))[1]
    rows = [(i, *m) for i, t in enumerate(texts) for m in _actors_in(t, aliases)]
    return pd.DataFrame(rows, columns=["row", "actor", "surface", "start", "end"])


# --- profiles --------------------------------------------------------------------------
def _categories(coded: pd.DataFrame, categories, fn: str) -> list[str]:
    if not isinstance(coded, pd.DataFrame):
        raise TypeError(f"{fn}() takes the DataFrame from code_corpus_frames(corpus).")
    if categories is None:
        categories = coded.attrs.get("categories") or [c for c in CATEGORY_IDS
                                                       if c in coded.columns]
    categories = [categories] if isinstance(categories, str) else list(categories)
    missing = [c for c in categories if c not in coded.columns]
    if missing:
        raise ValueError(f"{fn}(): {missing[0]!r} is not a column of the coded frame; coded "
                         f"categories are: {', '.join(c for c in CATEGORY_IDS if c in coded.columns)}.")
    if not categories:
        raise ValueError(f"{fn}(): no categories to use; pass categories=FRAME_IDS or similar.")
    return categories


def _require(coded: pd.DataFrame, columns, fn: str):
    missing = [c for c in columns if c not in coded.columns]
    if missing:
        raise ValueError(f"{fn}(): the coded frame has no column(s) {missing}; pass the "
                         "DataFrame from code_corpus_frames(corpus).")


def frame_profile(coded: pd.DataFrame, categories=None, *, by: str = "group",
                  n_boot: int = 2000, block: int = 5, level: float = 0.95,
                  seed: int = 20261122) -> pd.DataFrame:
    """Share of sentences carrying each frame, per group, with a bootstrap interval over its texts.

    Sentences of an article are not independent (a frame runs over several consecutive
    sentences), so the interval resamples *blocks* of ``block`` consecutive sentences
    within each article (non-overlapping blocks, Carlstein 1986, through
    :func:`discoursekit.resampling.block_bootstrap`, shared with the stance rates), as
    methods.md asks when a group has a single article.  A group with several articles is
    resampled by whole articles (a bootstrap over articles,
    :func:`discoursekit.resampling.text_bootstrap`), so that its interval also shows how
    much its articles differ from one another.

    Parameters
    ----------
    coded : DataFrame
        From :func:`code_corpus_frames`.
    categories : list of str, optional
        Default: every coded frame and function.
    by : str, default "group"
        Column defining the groups.
    n_boot : int, default 2000
        Bootstrap replicates.
    block : int, default 5
        Sentences per block (capped at the article's length).
    level : float, default 0.95
        Coverage of the percentile interval.
    seed : int
        Each article's generator is seeded with ``(seed, crc32(doc_id))``, so an
        article's interval does not depend on which other articles are in the corpus.

    Returns
    -------
    DataFrame
        ``group, category, kind, n_docs, n_sentences, count, share, ci_low, ci_high``,
        sorted by group then category order.

    Examples
    --------
    >>> coded = pd.DataFrame({"doc_id": ["a"] * 4, "sent_id": range(4), "group": "A",
    ...                       "conflict": [True, False, True, False]})
    >>> frame_profile(coded, ["conflict"], n_boot=200)[["share"]].to_dict("list")
    {'share': [0.5]}
    """
    cats = _categories(coded, categories, "frame_profile")
    _require(coded, ["doc_id", "sent_id", by], "frame_profile")
    if not 0 < level < 1:
        raise ValueError(f"frame_profile(): level must be between 0 and 1; got {level!r}.")
    if int(n_boot) < 1 or int(block) < 1:
        raise ValueError("frame_profile(): n_boot and block must be positive integers.")
    lo, hi = (1 - level) / 2, 1 - (1 - level) / 2
    rows = []
    ordered = coded.sort_values(["doc_id", "sent_id"], kind="stable")
    for group, part in ordered.groupby(by, sort=True):
        n = len(part)
        values = np.column_stack([part[cats].to_numpy(dtype=float), np.ones(n)])
        counts = text_bootstrap(values, part["doc_id"].to_numpy(), block=int(block),
                                n_boot=int(n_boot), seed=int(seed))
        # each replicate's share is over the sentences it drew (the articles, or the
        # blocks, differ in length), as the stance rates take markers over words drawn
        shares = counts[:, :-1] / counts[:, -1:]
        q = np.quantile(shares, [lo, hi], axis=0)
        point = part[cats].to_numpy(dtype=float).sum(axis=0)
        for j, cat in enumerate(cats):
            rows.append((group, cat, _kind(cat), part["doc_id"].nunique(), n, int(point[j]),
                         point[j] / n, q[0, j], q[1, j]))
    return pd.DataFrame(rows, columns=["group", "category", "kind", "n_docs", "n_sentences",
                                       "count", "share", "ci_low", "ci_high"])


def frames_to_show(profile: pd.DataFrame, preferred=(), k: int = 1) -> list[str]:
    """Up to ``k`` frames to show evidence for: the ``preferred`` ones that some sentence
    carries, in that order, then the issue and generic frames carried by the most
    sentences (ties by id).

    A notebook written about one corpus names the frames it discusses; on another corpus
    no sentence may carry them, and the evidence is then that corpus's own most-carried
    frames.  If no sentence carries any frame (a tiny corpus), the first ``k`` preferred
    ones are returned anyway: their evidence tables are then empty.

    >>> profile = pd.DataFrame({"category": ["conflict", "morality", "diplomacy"],
    ...                         "count": [3, 0, 5]})
    >>> frames_to_show(profile, ["morality", "conflict"], k=2)
    ['conflict', 'diplomacy']
    """
    from ._shown import preferred_then_most

    totals = _sentences_carrying(profile, "frames_to_show")
    totals = totals[totals.index.isin(FRAME_IDS) & (totals > 0)]
    return preferred_then_most(totals, preferred, k, fn="frames_to_show") or list(preferred)[:k]


def categories_not_carried(profile: pd.DataFrame) -> list[str]:
    """The frames and functions of :func:`frame_profile` that no sentence of the corpus
    carries, in the profile's order (on another topic, the seed issue's frames).

    >>> categories_not_carried(pd.DataFrame({"category": ["conflict", "morality", "conflict"],
    ...                                      "count": [0, 0, 2]}))
    ['morality']
    """
    totals = _sentences_carrying(profile, "categories_not_carried")
    return totals[totals == 0].index.tolist()


def _sentences_carrying(profile: pd.DataFrame, fn: str) -> pd.Series:
    """Sentences carrying each category of a :func:`frame_profile`, over all groups."""
    from ._validate import check_frame

    check_frame(profile, ["category", "count"], fn, "frame_profile")
    return profile.groupby("category", sort=False)["count"].sum()


def _kind(cat: str) -> str:
    if cat in ISSUE_FRAMES:
        return "issue"
    if cat in GENERIC_FRAMES:
        return "generic"
    return "function" if cat in FUNCTION_IDS else "other"


def frame_cooccurrence(coded: pd.DataFrame, categories=None) -> pd.DataFrame:
    """How often two frames are coded in the same sentence.

    Returns
    -------
    DataFrame
        One row per ordered pair: ``category_a, category_b, n_a, n_b, n_both``,
        ``jaccard`` (n_both / sentences with either; 1 on the diagonal) and ``p_b_given_a``
        (share of a's sentences that also carry b).  Pairs in category order.
    """
    cats = _categories(coded, categories, "frame_cooccurrence")
    x = coded[cats].to_numpy(dtype=np.int64)
    both = x.T @ x
    n = x.sum(axis=0)
    rows = []
    for i, a in enumerate(cats):
        for j, b in enumerate(cats):
            union = n[i] + n[j] - both[i, j]
            rows.append((a, b, int(n[i]), int(n[j]), int(both[i, j]),
                         both[i, j] / union if union else np.nan,
                         both[i, j] / n[i] if n[i] else np.nan))
    return pd.DataFrame(rows, columns=["category_a", "category_b", "n_a", "n_b", "n_both",
                                       "jaccard", "p_b_given_a"])


def frame_flow(coded: pd.DataFrame, categories=None, *, bins: int = 5, by: str = "group",
               pooled: bool = True) -> pd.DataFrame:
    """Where in the article each frame appears: share of sentences per position bin.

    Parameters
    ----------
    coded : DataFrame
        From :func:`code_corpus_frames` (needs ``position``).
    categories : list of str, optional
    bins : int, default 5
        Equal slices of relative position (0 = first sentence, 1 = last).
    by : str, default "group"
    pooled : bool, default True
        Add the group ``"all articles"``: each article weighted equally (the mean of
        the articles' shares in that bin), so a long article does not dominate.

    Returns
    -------
    DataFrame
        ``group, bin, bin_start, bin_end, category, n_sentences, count, share``.
    """
    cats = _categories(coded, categories, "frame_flow")
    _require(coded, ["doc_id", "position", by], "frame_flow")
    if int(bins) < 1:
        raise ValueError(f"frame_flow(): bins must be a positive integer; got {bins!r}.")
    bins = int(bins)
    df = coded[[by, "doc_id", "position"] + cats].copy()
    df["bin"] = np.minimum((df["position"] * bins).astype(int), bins - 1)
    long = df.melt(id_vars=[by, "doc_id", "bin"], value_vars=cats, var_name="category",
                   value_name="present")
    per = (long.groupby([by, "bin", "category"], sort=False)["present"]
           .agg(n_sentences="size", count="sum").reset_index())
    per = per.rename(columns={by: "group"})
    per["share"] = per["count"] / per["n_sentences"]
    if pooled:
        doc = (long.groupby(["doc_id", "bin", "category"], sort=False)["present"]
               .agg(n_sentences="size", count="sum").reset_index())
        doc["share"] = doc["count"] / doc["n_sentences"]
        allp = (doc.groupby(["bin", "category"], sort=False)
                .agg(n_sentences=("n_sentences", "sum"), count=("count", "sum"),
                     share=("share", "mean")).reset_index())
        allp.insert(0, "group", "all articles")
        per = pd.concat([per, allp], ignore_index=True)
    per["count"] = per["count"].astype(int)
    per["bin_start"] = per["bin"] / bins
    per["bin_end"] = (per["bin"] + 1) / bins
    order = {c: i for i, c in enumerate(cats)}
    per["_c"] = per["category"].map(order)
    per["_g"] = per["group"].eq("all articles")
    per = per.sort_values(["_g", "group", "_c", "bin"], kind="stable").drop(columns=["_c", "_g"])
    return per[["group", "bin", "bin_start", "bin_end", "category", "n_sentences", "count",
                "share"]].reset_index(drop=True)


# --- evidence --------------------------------------------------------------------------
def _merge_spans(spans) -> list[tuple[int, int]]:
    merged = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _highlight(text: str, spans, left: str, right: str, escape=None) -> str:
    esc = escape or (lambda s: s)
    out, pos = [], 0
    for s, e in _merge_spans(spans):
        out += [esc(text[pos:s]), left, esc(text[s:e]), right]
        pos = e
    out.append(esc(text[pos:]))
    return "".join(out)


def frame_evidence(coded: pd.DataFrame, category: str, group: str | None = None, *,
                   by: str = "group", marker: str = "**") -> pd.DataFrame:
    """The sentences that carry ``category`` (for one group, or all), cues highlighted.

    Parameters
    ----------
    coded : DataFrame
        From :func:`code_corpus_frames` (or :func:`code_frames`).
    category : str
        A frame or function id.
    group : str, optional
        Keep one group only (a value of ``by``).
    marker : str, default "**"
        Written before and after each matched cue in ``highlighted``.

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, group`` (when present), ``category, cues`` (the matched words,
        in order), ``text`` and ``highlighted``, in corpus order.

    Examples
    --------
    >>> ev = frame_evidence(code_frames(["Gas is cheap.", "No."]), "energy_economy")
    >>> ev["highlighted"].tolist()
    ['**Gas** is **cheap**.']
    """
    check_choice("category", category, [c for c in CATEGORY_IDS if c in coded.columns],
                 what="category of frame_evidence",
                 hint="Code the sentences first (code_corpus_frames codes frames and functions).")
    rows = coded[coded[category].astype(bool)]
    if group is not None:
        _require(coded, [by], "frame_evidence")
        groups = sorted(coded[by].unique())
        check_choice("group", group, groups, what="group of frame_evidence",
                     hint=f"(groups are the values of the {by!r} column).")
        rows = rows[rows[by] == group]
    keep = [c for c in ("doc_id", "sent_id", by) if c in rows.columns]
    out = rows[keep].copy()
    out["category"] = category
    hits = [cues.get(category, []) for cues in rows["cues"]]
    out["cues"] = [[h[0] for h in hit] for hit in hits]
    out["text"] = rows["text"].to_numpy()
    out["highlighted"] = [_highlight(t, [(s, e) for _, s, e in hit], marker, marker)
                          for t, hit in zip(rows["text"], hits)]
    return out.reset_index(drop=True)


def _evidence_styler_class():
    from pandas.io.formats.style import Styler

    class EvidenceStyler(Styler):
        """A Styler whose plain-text form is stable (no memory address), for nbval."""

        def __repr__(self) -> str:
            return f"<evidence table: {len(self.data)} sentences>"

    return EvidenceStyler


def _EvidenceStyler(table):
    return _evidence_styler_class()(table)


def style_evidence(coded: pd.DataFrame, category: str, group: str | None = None, *,
                   by: str = "group", max_rows: int | None = None):
    """The evidence of :func:`frame_evidence` as an HTML table with cues in ``<mark>``.

    Returns a pandas ``Styler`` with a fixed id and a plain-text form without a memory
    address, so that the rendered output is the same on every run (the text is
    HTML-escaped; only the ``<mark>`` tags are added).
    """
    ev = frame_evidence(coded, category, group, by=by, marker="\x00")
    hits = coded[coded[category].astype(bool)]
    if group is not None:
        hits = hits[hits[by] == group]
    html_text = [_highlight(t, [(s, e) for _, s, e in c.get(category, [])], "<mark>",
                            "</mark>", escape=html.escape)
                 for t, c in zip(hits["text"], hits["cues"])]
    table = ev.drop(columns=["highlighted", "text", "category"]).copy()
    table["cues"] = [", ".join(dict.fromkeys(c)) for c in table["cues"]]
    table["sentence"] = html_text
    if max_rows is not None:
        table = table.head(int(max_rows))
    styler = _EvidenceStyler(table).hide(axis="index").set_uuid(f"evidence_{category}")
    return styler.set_properties(subset=["sentence"], **{"text-align": "left",
                                                         "white-space": "normal"})


# --- remedies --------------------------------------------------------------------------
_CLAUSE_BREAK = re.compile(r"[,;:\u2014\u2013(]|\s-\s")
_ANAPHORS = {"they", "we", "it", "these", "those", "this", "he", "she", "both", "all"}


def code_remedies(coded: pd.DataFrame, *, path: str | Path | None = None) -> pd.DataFrame:
    """Treatment-recommendation sentences, one row per (sentence, addressed actor).

    The addressee is found next to each recommendation cue: for "X must/should…" the
    actors named between the last clause break (comma, semicolon, dash) and the modal;
    for "it is time/essential for/that X…" the first actor named after the cue.  If
    there is none and the subject is a pronoun or demonstrative ("They must…", "These
    teams should…"), the addressee of the immediately preceding sentence is used when
    that sentence was a recommendation too (``resolved = "previous sentence"``).
    Otherwise the actor is ``"(unspecified)"``.  Actors come from the editable alias table
    ``lexicons/actors.csv`` (:func:`actor_aliases`).

    Parameters
    ----------
    coded : DataFrame
        From :func:`code_corpus_frames` (with functions).
    path : str or Path, optional
        Another actor alias table (CSV with actor, alias, note).

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, group, actor, resolved`` ("in sentence", "previous sentence",
        "unspecified"), ``mention`` (the words naming the actor), ``text``; in corpus
        order, actors in order of mention.
    """
    _require(coded, ["doc_id", "sent_id", "group", "treatment_recommendation", "cues", "text"],
             "code_remedies")
    aliases = _actor_table(None if path is None else str(path))[1]
    rows, previous = [], {}
    ordered = coded.sort_values(["doc_id", "sent_id"], kind="stable")
    recs = ordered[ordered["treatment_recommendation"].astype(bool)]
    for rec in recs.itertuples(index=False):
        text = rec.text
        found: list[tuple[str, str]] = []
        anaphoric = False
        for surface, s, e in rec.cues.get("treatment_recommendation", []):
            if re.match(r"(?i)it\s+is\b", surface):
                hits = _actors_in(text[e:], aliases)[:1]
            else:
                breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, s)]
                window = text[breaks[-1] if breaks else 0:s]
                hits = _actors_in(window, aliases)
                words = window.split()
                if not hits and words and words[0].lower().strip("'\"“") in _ANAPHORS | {"and"}:
                    lead = [w.lower() for w in words[:2]]
                    anaphoric = bool(set(lead) & _ANAPHORS)
            found += [(a, m) for a, m, _, _ in hits]
        key = (rec.doc_id, rec.sent_id)
        actors = list(dict.fromkeys(found))
        if actors:
            how = "in sentence"
        elif anaphoric and (rec.doc_id, rec.sent_id - 1) in previous:
            actors = [(a, m) for a, m in previous[(rec.doc_id, rec.sent_id - 1)]]
            how = "previous sentence"
        else:
            actors, how = [("(unspecified)", "")], "unspecified"
        seen = set()
        kept = []
        for actor, mention in actors:
            if actor in seen:
                continue
            seen.add(actor)
            kept.append((actor, mention))
            rows.append((rec.doc_id, rec.sent_id, rec.group, actor, how, mention, text))
        previous[key] = [k for k in kept if k[0] != "(unspecified)"] or []
        if not previous[key]:
            del previous[key]
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "group", "actor", "resolved",
                                       "mention", "text"])


def count_remedies(remedies: pd.DataFrame) -> pd.DataFrame:
    """Recommendation sentences per group and addressed actor (from :func:`code_remedies`).

    Returns ``group, actor, n_sentences``, sorted by group, then count (descending), then
    actor.
    """
    _require(remedies, ["group", "actor", "doc_id", "sent_id"], "count_remedies")
    out = (remedies.drop_duplicates(["doc_id", "sent_id", "actor"])
           .groupby(["group", "actor"]).size().rename("n_sentences").reset_index())
    return out.sort_values(["group", "n_sentences", "actor"], ascending=[True, False, True],
                           kind="stable").reset_index(drop=True)


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


def sentence_topics(coded: pd.DataFrame, *, n_topics: int = 8, min_df: int = 2,
                    random_state: int = 0) -> pd.DataFrame:
    """An NMF topic model over the sentences, as a cross-check on the lexicon.

    TF-IDF over normalised tokens and multi-word names (stop words: scikit-learn's
    English list, :func:`discoursekit.stopwords`), then non-negative matrix factorisation
    (Lee & Seung 1999) with ``init="nndsvda"`` and a fixed ``random_state``, so the
    result is deterministic.

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
    vec = TfidfVectorizer(analyzer=_topic_analyzer, min_df=min_df, sublinear_tf=True)
    try:
        x = vec.fit_transform(coded["text"].tolist())
    except ValueError:
        raise ValueError(f"sentence_topics(): no term occurs in at least min_df={min_df} "
                         "sentences; try a lower min_df or a larger corpus.") from None
    k = min(int(n_topics), x.shape[0], x.shape[1])
    model = NMF(n_components=k, init="nndsvda", random_state=random_state, max_iter=1000)
    # scikit-learn takes the square root of the squared reconstruction error, which
    # rounding can leave a hair below zero when a small corpus is fitted almost exactly
    with np.errstate(invalid="ignore"):
        w = model.fit_transform(x)
    terms = np.array(vec.get_feature_names_out())
    labels = [f"T{i + 1}" for i in range(k)]
    keep = [c for c in ("doc_id", "sent_id", "group") if c in coded.columns]
    out = coded[keep].copy().reset_index(drop=True)
    out["topic"] = [labels[int(np.argmax(r))] if r.max() > 0 else "none" for r in w]
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
    cats = _categories(coded, categories, "topic_frame_overlap")
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


# --- validation on the hand-coded sample ------------------------------------------------
def hand_coded_sample(folder: str | Path | None = None) -> pd.DataFrame:
    """The hand-coded validation sample: sentences merged with an independent coder's codes.

    Reads ``<folder>/framing_sample_sentences.csv`` (sample_id, doc_id, sent_id, split,
    text) and ``<folder>/framing_hand_codes.csv`` (sample_id, one 0/1 column per frame
    and function id, note); ``folder`` defaults to ``seeds/validation``.

    Returns
    -------
    DataFrame
        ``sample_id, doc_id, sent_id, split, text``, the 18 gold columns (as int) and
        ``note``, in sample order.
    """
    from . import paths
    from .validation import read_codes

    folder = Path(folder) if folder is not None else paths.SEEDS / "validation"
    sent_path = folder / "framing_sample_sentences.csv"
    if not sent_path.is_file():
        raise FileNotFoundError(f"{sent_path} does not exist; the validation sample lives in "
                                "seeds/validation/.")
    sents = pd.read_csv(sent_path, dtype={"sample_id": str, "doc_id": str, "split": str,
                                          "text": str}, keep_default_na=False)
    missing = {"sample_id", "split", "text"} - set(sents.columns)
    if missing:
        raise ValueError(f"{sent_path}: missing column(s) {sorted(missing)}.")
    codes = read_codes(folder / "framing_hand_codes.csv", CATEGORY_IDS)
    unknown = sorted(set(codes["sample_id"]) - set(sents["sample_id"]))
    if unknown:
        raise ValueError(f"{folder / 'framing_hand_codes.csv'}: sample_id {unknown[0]!r} is not in "
                         f"{sent_path.name}; the codes must use the sample's ids.")
    merged = sents.merge(codes, on="sample_id", how="inner", validate="one_to_one")
    return merged.reset_index(drop=True)


def _predict_sample(sample: pd.DataFrame) -> pd.DataFrame:
    texts = sample["text"].tolist()
    f, g = code_frames(texts), code_functions(texts)
    pred = pd.DataFrame({"sample_id": sample["sample_id"].to_numpy()})
    for part in (f, g):
        for cat in part.attrs["categories"]:
            pred[cat] = part[cat].astype(int).to_numpy()
    pred["cues"] = [dict(a, **b) for a, b in zip(f["cues"], g["cues"])]
    return pred


def _split(sample: pd.DataFrame, split: str | None) -> pd.DataFrame:
    if split is None:
        return sample
    check_choice("split", split, sorted(sample["split"].unique()) + [None],
                 what="split of the validation sample")
    return sample[sample["split"] == split].reset_index(drop=True)


def validate_lexicon(sample: pd.DataFrame, *, split: str | None = "test") -> pd.DataFrame:
    """Precision, recall, F1 and Cohen's kappa of the lexicon against the hand codes.

    Parameters
    ----------
    sample : DataFrame
        From :func:`hand_coded_sample`.
    split : {"test", "dev", "test2", None}, default "test"
        Which part to score: ``dev`` (round 1, tuned on), ``test`` (round 1, held out),
        ``test2`` (round 2: every other seed sentence, coded by a second coder after the
        lexicon was frozen again), or None for all.

    Returns
    -------
    DataFrame
        As :func:`discoursekit.validation.validate_coding`, one row per category, plus
        a ``kind`` column (issue, generic, function).
    """
    from .validation import validate_coding

    part = _split(sample, split)
    scores = validate_coding(_predict_sample(part), part, categories=list(CATEGORY_IDS))
    scores.insert(1, "kind", scores["category"].map(_kind))
    scores.attrs["split"] = split
    return scores


def coder_agreement(folder: str | Path | None = None) -> pd.DataFrame:
    """Agreement of two human coders on the re-coded sentences, and of the lexicon with each.

    A third coder, who saw only the coding guide and the sentences, re-coded a random
    subset of the round-1 test half (``<folder>/framing_recodes.csv``, laid out like
    ``framing_hand_codes.csv``).  Human agreement is the ceiling a lexicon can be judged
    against: where two careful readers disagree, no word list will do better.

    Returns
    -------
    DataFrame
        One row per category: ``category, kind, n``, ``pos_coder1``, ``pos_coder3``
        (sentences each coder marked), ``agreement_coders`` and ``kappa_coders`` (Cohen's
        κ between the two coders), ``kappa_lexicon_coder1`` and ``kappa_lexicon_coder3``
        (the lexicon against each coder, on the same sentences).
    """
    from . import paths
    from .validation import read_codes, validate_coding

    folder = Path(folder) if folder is not None else paths.SEEDS / "validation"
    sample = hand_coded_sample(folder)
    recodes = read_codes(folder / "framing_recodes.csv", CATEGORY_IDS)
    unknown = sorted(set(recodes["sample_id"]) - set(sample["sample_id"]))
    if unknown:
        raise ValueError(f"{folder / 'framing_recodes.csv'}: sample_id {unknown[0]!r} is not in "
                         "framing_sample_sentences.csv; re-codes must use the sample's ids.")
    first = sample[sample["sample_id"].isin(recodes["sample_id"])].reset_index(drop=True)
    pred = _predict_sample(first)
    cats = list(CATEGORY_IDS)
    humans = validate_coding(recodes, first, categories=cats)
    lex1 = validate_coding(pred, first, categories=cats)
    lex3 = validate_coding(pred, recodes, categories=cats)
    out = pd.DataFrame({"category": cats, "kind": [_kind(c) for c in cats],
                        "n": humans["n"].to_numpy(), "pos_coder1": humans["gold_pos"].to_numpy(),
                        "pos_coder3": humans["pred_pos"].to_numpy(),
                        "agreement_coders": humans["agreement"].to_numpy(),
                        "kappa_coders": humans["kappa"].to_numpy(),
                        "kappa_lexicon_coder1": lex1["kappa"].to_numpy(),
                        "kappa_lexicon_coder3": lex3["kappa"].to_numpy()})
    return out


def lexicon_errors(sample: pd.DataFrame, *, split: str | None = "test",
                   categories=None) -> pd.DataFrame:
    """The disagreements between lexicon and hand codes, sentence by sentence.

    Returns
    -------
    DataFrame
        ``sample_id, category, error`` ("false positive": the lexicon coded it, the coder
        did not; "false negative": the reverse), ``cues`` (the words that fired), ``text``
        and the coder's ``note``; sorted by category order, then sample_id.
    """
    from .validation import coding_errors

    part = _split(sample, split)
    pred = _predict_sample(part)
    errs = coding_errors(pred, part, categories=list(categories or CATEGORY_IDS))
    cues = dict(zip(pred["sample_id"], pred["cues"]))
    errs["cues"] = [", ".join(dict.fromkeys(h[0] for h in cues[s].get(c, [])))
                    for s, c in zip(errs["sample_id"], errs["category"])]
    info = part.set_index("sample_id")
    errs["text"] = errs["sample_id"].map(info["text"])
    errs["note"] = errs["sample_id"].map(info["note"]) if "note" in info else ""
    return errs
